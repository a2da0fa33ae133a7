package io.callbill.proofs.badinput;

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
 * @param bursts the floods past the rate limits, each of which must be cut off with 429
 */
public record BadInputResult(int requests, Map<String, Integer> byClass, Map<Integer, Integer> byStatus,
                             List<String> serverErrors,
                             List<String> accepted, List<String> stateChanges, List<RateLimitBursts.Burst> bursts) {

  public boolean clean() {
    return serverErrors.isEmpty() && stateChanges.isEmpty() && bursts.stream().allMatch(RateLimitBursts.Burst::cutOff);
  }

  /** Every burst was cut off with 429 and Retry-After, none answered 2xx or 5xx. */
  public boolean rateLimited() {
    return !bursts.isEmpty() && bursts.stream().allMatch(RateLimitBursts.Burst::cutOff);
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
    bursts.forEach(burst -> text.append("  ").append(burst.describe()).append('\n'));
    if (stateChanges.isEmpty()) {
      text.append("  state unchanged (wallets, ongoing calls, receiver profiles, history and ledger rows)\n");
    }
    stateChanges.forEach(c -> text.append("  CHANGED ").append(c).append('\n'));
    text.append("VERDICT: ").append(clean() ? "CLEAN" : "NOT CLEAN").append('\n');
    return text.toString();
  }
}
