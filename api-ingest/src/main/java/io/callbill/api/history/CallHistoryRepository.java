package io.callbill.api.history;

import java.util.Optional;

/**
 * The calls as the JDBC sink wrote them to PostgreSQL (table {@code call_history} with the parties' profiles in
 * {@code callers} and {@code receivers}). Read only: billing-streams is the one writer, through Kafka and the sink.
 *
 * <p>Every method throws {@link io.callbill.api.UnavailableException} (503) when the database is not configured or
 * cannot answer.
 */
public interface CallHistoryRepository {

  /** A caller's calls, newest first, each with the receiver's name and image; and how many there are in all. */
  HistoryPage callerHistory(String callerId, PageRequest page);

  /** A receiver's calls, newest first, each with the caller's name and image; and how many there are in all. */
  HistoryPage receiverHistory(String receiverId, PageRequest page);

  /** Totals over the caller's completed calls. */
  CallerStats callerStats(String callerId);

  /** Totals over the completed calls made to the receiver. */
  ReceiverStats receiverStats(String receiverId);

  /** The call's record and ledger entries as the sink wrote them; empty when it has no call_history row. */
  Optional<CallExplanation> explain(String callId);

  /** The caller of the call {@code callId}, once the sink wrote its row; empty otherwise. */
  Optional<String> callerOfCall(String callId);

  /** The caller of the call {@code callId} if it was made to {@code receiverId}; empty otherwise. */
  Optional<String> callerOfCallReceivedBy(String callId, String receiverId);
}
