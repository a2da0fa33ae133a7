package io.callbill.api.web.reply;

import io.callbill.avro.Settlement;
import java.math.BigDecimal;

/**
 * data of an ended call: the seed's fields, plus what we keep beside them (the reported and measured durations, the
 * platform/agency split of the margin in hundredths, whether the claimed duration was disputed, and who ended the
 * call: caller, receiver, platform, or billing itself with cutoff or abandoned).
 */
public record SettlementView(
    String callId,
    long duration,
    long reportedDuration,
    Long measuredDuration,
    long billableDuration,
    BigDecimal femaleEarningPerSecond,
    BigDecimal platformMarginPerSecond,
    long totalCoins,
    long coinsDeducted,
    long femaleEarning,
    long platformMargin,
    BigDecimal adminEarned,
    BigDecimal agencyEarned,
    long callerRemainingBalance,
    Long receiverNewBalance,
    boolean ratingRequired,
    boolean durationDisputed,
    String endedBy) {

  static SettlementView of(Settlement settled) {
    return new SettlementView(settled.getCallId(), settled.getDuration(), settled.getReportedDuration(),
        settled.getMeasuredDuration(), settled.getBillableDuration(), settled.getFemaleEarningPerSecond(),
        settled.getPlatformMarginPerSecond(), settled.getTotalCoins(), settled.getCoinsDeducted(),
        settled.getFemaleEarning(), settled.getPlatformMargin(), settled.getAdminEarned(),
        settled.getAgencyEarned(), settled.getCallerRemainingBalance(), settled.getReceiverNewBalance(),
        settled.getRatingRequired(), settled.getDurationDisputed(),
        settled.getEndedBy() == null ? null : settled.getEndedBy().name());
  }
}
