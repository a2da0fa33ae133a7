package io.callbill.api.support;

import io.callbill.api.UnavailableException;
import io.callbill.api.history.CallExplanation;
import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.history.CallerStats;
import io.callbill.api.history.HistoryItem;
import io.callbill.api.history.HistoryPage;
import io.callbill.api.history.PageRequest;
import io.callbill.api.history.ReceiverStats;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * History in memory: answers each user's page, stats and call ownership as seeded, and records every read (who,
 * which page) so tests can check what the web layer asked for.
 */
public final class FakeCallHistory implements CallHistoryRepository {

  /** One read: the method, the user, the page (null for stats and look-ups). */
  public record Read(String what, String userId, PageRequest page) {
  }

  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private final Map<String, HistoryPage> callerPages = new ConcurrentHashMap<>();
  private final Map<String, HistoryPage> receiverPages = new ConcurrentHashMap<>();
  private final Map<String, CallerStats> callerStats = new ConcurrentHashMap<>();
  private final Map<String, ReceiverStats> receiverStats = new ConcurrentHashMap<>();
  /** "callId|receiverId" -> callerId */
  private final Map<String, String> calls = new ConcurrentHashMap<>();
  private final Map<String, CallExplanation> explanations = new ConcurrentHashMap<>();
  /** callId -> callerId */
  private final Map<String, String> callers = new ConcurrentHashMap<>();
  private volatile UnavailableException failure;

  @Override
  public HistoryPage callerHistory(String callerId, PageRequest page) {
    record("callerHistory", callerId, page);
    return callerPages.getOrDefault(callerId, new HistoryPage(List.of(), 0));
  }

  @Override
  public HistoryPage receiverHistory(String receiverId, PageRequest page) {
    record("receiverHistory", receiverId, page);
    return receiverPages.getOrDefault(receiverId, new HistoryPage(List.of(), 0));
  }

  @Override
  public CallerStats callerStats(String callerId) {
    record("callerStats", callerId, null);
    return callerStats.getOrDefault(callerId, new CallerStats(0, 0, 0));
  }

  @Override
  public ReceiverStats receiverStats(String receiverId) {
    record("receiverStats", receiverId, null);
    return receiverStats.getOrDefault(receiverId, new ReceiverStats(0, 0, 0, 0));
  }

  @Override
  public Optional<CallExplanation> explain(String callId) {
    record("explain", null, null);
    return Optional.ofNullable(explanations.get(callId));
  }

  /** The explanation of a call, as the database would give it. */
  public void explanation(CallExplanation explanation) {
    explanations.put(explanation.call().callId(), explanation);
  }

  @Override
  public Optional<String> callerOfCall(String callId) {
    record("callerOfCall", null, null);
    return Optional.ofNullable(callers.get(callId));
  }

  @Override
  public Optional<String> callerOfCallReceivedBy(String callId, String receiverId) {
    record("callerOfCallReceivedBy", receiverId, null);
    return Optional.ofNullable(calls.get(callId + "|" + receiverId));
  }

  public void callerPage(String callerId, long total, HistoryItem... items) {
    callerPages.put(callerId, new HistoryPage(List.of(items), total));
  }

  public void receiverPage(String receiverId, long total, HistoryItem... items) {
    receiverPages.put(receiverId, new HistoryPage(List.of(items), total));
  }

  public void callerStats(String callerId, CallerStats stats) {
    callerStats.put(callerId, stats);
  }

  public void receiverStats(String receiverId, ReceiverStats stats) {
    receiverStats.put(receiverId, stats);
  }

  /** A call in the history, made by {@code callerId} to {@code receiverId}. */
  public void call(String callId, String callerId, String receiverId) {
    calls.put(callId + "|" + receiverId, callerId);
    callers.put(callId, callerId);
  }

  /** Every read from now on fails with this (a 503). */
  public void fail(UnavailableException failure) {
    this.failure = failure;
  }

  public List<Read> reads() {
    return reads;
  }

  public void reset() {
    reads.clear();
    callerPages.clear();
    receiverPages.clear();
    callerStats.clear();
    receiverStats.clear();
    calls.clear();
    callers.clear();
    explanations.clear();
    failure = null;
  }

  private void record(String what, String userId, PageRequest page) {
    reads.add(new Read(what, userId, page));
    if (failure != null) {
      throw failure;
    }
  }
}
