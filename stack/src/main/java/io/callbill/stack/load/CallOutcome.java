package io.callbill.stack.load;

import java.util.List;

/**
 * What happened to one planned call.
 *
 * @param plan the plan
 * @param callId the call's id, or null when it did not start
 * @param charge what the model says the call must move, or null when it did not start
 * @param startNanos latency of the start request, or -1
 * @param endNanos latency of the (first) end request, or -1
 * @param errors what went wrong, one kind per entry (e.g. {@code "start: HTTP 503 ..."})
 */
public record CallOutcome(CallPlan plan, String callId, ExpectedCharge charge, long startNanos, long endNanos,
                          List<String> errors) {

  public boolean started() {
    return callId != null;
  }
}
