package io.callbill.proofs.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What happened to one planned call, as its client saw it: the start's answer, the wall-clock moments around the
 * accept and the last proof of life (its end, or its last heartbeat when it vanished), and the settlement answered.
 * The verifier compares these with what billing recorded.
 *
 * @param plan the plan
 * @param callId the call's id, or null when it did not start
 * @param topUpCoins coins credited just before this call (a caller short of coins), else 0
 * @param startBalance the caller's coins as the start answered them, or -1
 * @param maxSeconds the seconds the start answered the balance pays for, or -1
 * @param acceptSent when the receiver's accept was sent, or null when it was not
 * @param acceptAnswered when its answer came back, or null
 * @param lastSent when the request the call's time runs to was sent: its end, or the last heartbeat of a vanished
 *     call; for a call cut off at its balance, when the client saw it closed
 * @param lastAnswered when that request's answer came back (the same moment for a cut-off call)
 * @param claimedSeconds the duration the client claimed at its end, or -1 when it never ended the call itself
 * @param settlement data of the (first) end's answer, or null
 * @param startNanos latency of the start request, or -1; in the open loop counted from the call's due moment
 * @param endNanos latency of the (first) end request, or -1; in the open loop counted from the moment the plan meant
 *     to end the call
 * @param errors what went wrong, one kind per entry (e.g. {@code "start: HTTP 503 ..."})
 */
public record CallOutcome(CallPlan plan, String callId, long topUpCoins, long startBalance, long maxSeconds,
                          Instant acceptSent, Instant acceptAnswered, Instant lastSent, Instant lastAnswered,
                          long claimedSeconds, JsonNode settlement, long startNanos, long endNanos,
                          List<String> errors) {

  /** A call that did not start. */
  static CallOutcome notStarted(CallPlan plan, long topUpCoins, long startNanos, List<String> errors) {
    return new CallOutcome(plan, null, topUpCoins, -1, -1, null, null, null, null, -1, null, startNanos, -1, errors);
  }

  public boolean started() {
    return callId != null;
  }

  public boolean accepted() {
    return acceptAnswered != null;
  }
}
