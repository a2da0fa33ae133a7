package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.billing.time.DueIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The ongoing calls (call-sessions) and their deadlines (call-deadlines), written together so they commit in the
 * same transaction: every write of a session moves its deadline entry from the old session's next deadline to the
 * new one's. The only writer of both stores.
 */
final class OpenSessions {

  private final KeyValueStore<String, ActiveCall> sessions;
  private final KeyValueStore<String, String> deadlineStore;
  private final DueIndex deadlineIndex;
  private final SessionDeadlines deadlines;

  OpenSessions(KeyValueStore<String, ActiveCall> sessions, KeyValueStore<String, String> deadlineStore,
               SessionDeadlines deadlines) {
    this.sessions = sessions;
    this.deadlineStore = deadlineStore;
    this.deadlineIndex = new DueIndex(deadlineStore);
    this.deadlines = deadlines;
  }

  DueIndex deadlineIndex() {
    return deadlineIndex;
  }

  /**
   * Sessions stored before the deadline store existed (an upgrade with calls open) have no entry: with an empty
   * deadline store and sessions present, index every session once. Normally a no-op that reads no entry.
   */
  void indexSessionsWithoutDeadlines() {
    if (deadlineStore.approximateNumEntries() > 0 || sessions.approximateNumEntries() == 0) {
      return;
    }
    List<ActiveCall> unindexed = new ArrayList<>();
    try (KeyValueIterator<String, ActiveCall> all = sessions.all()) {
      all.forEachRemaining(entry -> unindexed.add(entry.value));
    }
    for (ActiveCall session : unindexed) {
      deadlineIndex.move(null, deadlines.indexedAt(session), session.getCallerId());
    }
  }

  ActiveCall get(String callerId) {
    return sessions.get(callerId);
  }

  /** {@code before} is the session as stored (null when opening one). */
  void put(ActiveCall before, ActiveCall after) {
    sessions.put(after.getCallerId(), after);
    deadlineIndex.move(deadlines.indexedAt(before), deadlines.indexedAt(after), after.getCallerId());
  }

  void close(ActiveCall before) {
    sessions.delete(before.getCallerId());
    Instant indexedAt = deadlines.indexedAt(before);
    if (indexedAt != null) {
      deadlineIndex.remove(indexedAt, before.getCallerId());
    }
  }

  /** Drops an index entry that names no deadline of a stored session (none is expected; never acted on). */
  void forgetStaleDeadline(Instant at, String callerId) {
    deadlineIndex.remove(at, callerId);
  }
}
