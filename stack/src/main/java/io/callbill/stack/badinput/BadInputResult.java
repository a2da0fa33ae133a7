package io.callbill.stack.badinput;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a bad-input run.
 *
 * @param byClass request count by status class ("2xx", "4xx", "5xx", "no answer")
 * @param byStatus request count by status code
 * @param serverErrors the probes answered 5xx (or not at all), with the answer
 * @param accepted the probes answered 2xx (each is worth a look, though only 5xx and state changes fail the run)
 * @param stateChanges what differs between the snapshots before and after
 */
public record BadInputResult(int requests, Map<String, Integer> byClass, Map<Integer, Integer> byStatus,
                             List<String> serverErrors,
                             List<String> accepted, List<String> stateChanges) {

  public boolean clean() {
    return serverErrors.isEmpty() && stateChanges.isEmpty();
  }

  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append("callbill badinput: ").append(requests).append(" requests:");
    byClass.forEach((kind, count) -> text.append(' ').append(kind).append(' ').append(count));
    text.append("  (by status:");
    byStatus.forEach((status, count) -> text.append(' ').append(status).append(' ').append(count));
    text.append(")\n");
    serverErrors.forEach(e -> text.append("  5xx   ").append(e).append('\n'));
    accepted.forEach(a -> text.append("  2xx   ").append(a).append('\n'));
    if (stateChanges.isEmpty()) {
      text.append("  state unchanged (wallets, ongoing calls, receiver profiles, history and ledger rows)\n");
    }
    stateChanges.forEach(c -> text.append("  CHANGED ").append(c).append('\n'));
    text.append("VERDICT: ").append(clean() ? "CLEAN" : "NOT CLEAN").append('\n');
    return text.toString();
  }
}
