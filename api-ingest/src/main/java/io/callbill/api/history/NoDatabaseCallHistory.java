package io.callbill.api.history;

import io.callbill.api.UnavailableException;
import java.util.Optional;

/**
 * The history when no database is configured ({@code CALLBILL_JDBC_URL} unset): every read answers 503, the rest of
 * the API (the Kafka routes) works as usual.
 */
public final class NoDatabaseCallHistory implements CallHistoryRepository {

  /** The 503 message of the routes that read the database when there is none. */
  public static final String NOT_CONFIGURED = "History is not available";

  @Override
  public HistoryPage callerHistory(String callerId, PageRequest page) {
    throw unavailable();
  }

  @Override
  public HistoryPage receiverHistory(String receiverId, PageRequest page) {
    throw unavailable();
  }

  @Override
  public CallerStats callerStats(String callerId) {
    throw unavailable();
  }

  @Override
  public ReceiverStats receiverStats(String receiverId) {
    throw unavailable();
  }

  @Override
  public Optional<CallExplanation> explain(String callId) {
    throw unavailable();
  }

  @Override
  public Optional<String> callerOfCall(String callId) {
    throw unavailable();
  }

  @Override
  public Optional<String> callerOfCallReceivedBy(String callId, String receiverId) {
    throw unavailable();
  }

  private static UnavailableException unavailable() {
    return new UnavailableException(NOT_CONFIGURED);
  }
}
