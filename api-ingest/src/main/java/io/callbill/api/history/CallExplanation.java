package io.callbill.api.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One call explained from what the sink wrote: its record (call_history: the frozen rates and share, the times,
 * claimed vs measured duration, the policy that billed it, refunds so far) and every ledger entry of it
 * (ledger_entries related to the call: the charge, the split, each refund), each with its balance after.
 */
public record CallExplanation(Call call, Rates rates, Times times, Durations duration, Charge charge,
                              List<Entry> entries) {

  public record Call(String callId, String callerId, String receiverId, String callType, String status,
                     String endedBy, String metering, String agencyId, boolean isAgencyFemale, String errorMessage) {
  }

  /** The rates frozen at the start and the platform's share. */
  public record Rates(BigDecimal femaleEarningPerMinute, BigDecimal platformMarginPerMinute,
                      BigDecimal femaleEarningPerSecond, BigDecimal platformMarginPerSecond,
                      BigDecimal adminSharePercentage, BigDecimal agencySharePercentage) {
  }

  /** cutoffAt: the end when billing cut the call off at the caller's balance, else null. */
  public record Times(Instant startedAt, Instant acceptedAt, Instant connectedAt, Instant lastHeartbeatAt,
                      Instant endedAt, Instant cutoffAt) {
  }

  /** Claimed (the client's) vs measured (billing's) seconds, and the seconds billed. */
  public record Durations(long claimed, Long measured, long billable, boolean disputed) {
  }

  public record Charge(long totalCoins, long femaleEarning, long platformMargin, BigDecimal adminEarned,
                       BigDecimal agencyEarned, long refundedCoins) {
  }

  /** A ledger entry of the call; {@code refund} when it belongs to a refund. */
  public record Entry(String entryId, String userType, String userId, String action, BigDecimal amount,
                      BigDecimal balanceAfter, String message, Instant createdAt, boolean refund) {
  }

  /** The explanation a party of the call sees: only her own entries, so no other party's balance shows. */
  public CallExplanation seenBy(String userType) {
    return new CallExplanation(call, rates, times, duration, charge,
        entries.stream().filter(entry -> entry.userType().equals(userType)).toList());
  }
}
