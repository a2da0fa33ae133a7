package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CommandReply;
import io.callbill.avro.EndCall;
import io.callbill.avro.EndShortfall;
import io.callbill.avro.Settlement;
import io.callbill.billing.DurationPolicy;
import io.callbill.billing.money.CallCharge;
import io.callbill.billing.money.Money;
import io.callbill.billing.money.RateCard;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.reply.Replies;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides how an ongoing call closes: billed ({@code completed}), refused for balance ({@code insufficient_coins},
 * no charge, as the seed does), not connected (duration 0: closed, no charge — the seed left the session open), or
 * expired. Uses only the rates frozen in the session. No state is touched here.
 */
final class CallSettler {

  private final DurationPolicy durationPolicy;
  private final Duration clockSkew;

  CallSettler(DurationPolicy durationPolicy, Duration clockSkew) {
    this.durationPolicy = durationPolicy;
    this.clockSkew = clockSkew;
  }

  /**
   * How a call closed.
   *
   * @param charge the money moved, or null when nothing is charged
   * @param callerBalanceAfter the caller's balance once this closing is applied
   */
  record Closing(CallRecord record, CommandReply reply, CallCharge charge, long callerBalanceAfter) {
  }

  Closing end(CallCommand command, EndCall end, ActiveCall session, long balance, Instant now) {
    long reported = end.getReportedDurationSeconds();
    long measured = measuredSeconds(session, now);
    long duration = durationPolicy == DurationPolicy.CLAMP
        ? Math.min(reported, measured + clockSkew.toSeconds())
        : reported;
    CallRecord.Builder record = baseRecord(session, now)
        .setEndedBy(end.getEndedBy())
        .setReportedDuration(reported)
        .setMeasuredDuration(measured)
        .setDuration(Math.max(duration, 0));

    if (duration <= 0) {
      return new Closing(record.setStatus(CallStatus.not_connected).build(),
          Replies.badRequest(command, Messages.NOT_CONNECTED, now), null, balance);
    }
    RateCard rates = ActiveCalls.rates(session);
    CallCharge charge = rates.charge(RateCard.billableSeconds(duration));
    if (balance < charge.totalCoins()) {
      String error = "Insufficient coins. Required: " + charge.totalCoins() + ", Available: " + balance;
      EndShortfall shortfall = EndShortfall.newBuilder().setRequired(charge.totalCoins()).setAvailable(balance)
          .setShortfall(charge.totalCoins() - balance).setCallId(session.getCallId()).build();
      return new Closing(record.setStatus(CallStatus.insufficient_coins).setErrorMessage(error).build(),
          Replies.refused(command, 400, Messages.INSUFFICIENT_COINS, shortfall, now), null, balance);
    }

    long balanceAfter = balance - charge.totalCoins();
    CallRecord completed = record.setStatus(CallStatus.completed)
        .setBillableDuration(charge.billableSeconds())
        .setTotalCoins(charge.totalCoins())
        .setFemaleEarning(charge.femaleEarning())
        .setPlatformMargin(charge.platformMargin())
        .setAdminEarned(Money.hundredths(charge.adminHundredths()))
        .setAgencyEarned(Money.hundredths(charge.agencyHundredths()))
        .build();
    Settlement settlement = Settlement.newBuilder()
        .setCallId(session.getCallId())
        .setDuration(completed.getDuration())
        .setReportedDuration(reported)
        .setMeasuredDuration(measured)
        .setBillableDuration(charge.billableSeconds())
        .setFemaleEarningPerSecond(rates.femaleRatePerSecond())
        .setPlatformMarginPerSecond(rates.platformRatePerSecond())
        .setTotalCoins(charge.totalCoins())
        .setCoinsDeducted(charge.totalCoins())
        .setFemaleEarning(charge.femaleEarning())
        .setPlatformMargin(charge.platformMargin())
        .setAdminEarned(completed.getAdminEarned())
        .setAgencyEarned(completed.getAgencyEarned())
        .setCallerRemainingBalance(balanceAfter)
        .setRatingRequired(true)
        .build();
    return new Closing(completed, Replies.ok(command, Messages.CALL_ENDED, settlement, now), charge, balanceAfter);
  }

  /** A call nobody ended within the session TTL: recorded as expired, not charged (nothing vanishes). */
  CallRecord expire(ActiveCall session, Instant now) {
    return baseRecord(session, now)
        .setStatus(CallStatus.expired)
        .setMeasuredDuration(measuredSeconds(session, now))
        .setErrorMessage("Call session expired without an end")
        .build();
  }

  private static long measuredSeconds(ActiveCall session, Instant now) {
    long millis = Math.max(0, now.toEpochMilli() - session.getStartedAt().toEpochMilli());
    return (millis + 999) / 1000;
  }

  private static CallRecord.Builder baseRecord(ActiveCall session, Instant now) {
    RateCard rates = ActiveCalls.rates(session);
    return CallRecord.newBuilder()
        .setCallId(session.getCallId())
        .setCallerId(session.getCallerId())
        .setReceiverId(session.getReceiverId())
        .setCallType(session.getCallType())
        .setDuration(0)
        .setReportedDuration(0)
        .setBillableDuration(0)
        .setFemaleEarningPerMinute(session.getFemaleRatePerMinute())
        .setPlatformMarginPerMinute(session.getPlatformMarginPerMinute())
        .setFemaleEarningPerSecond(rates.femaleRatePerSecond())
        .setPlatformMarginPerSecond(rates.platformRatePerSecond())
        .setTotalCoins(0)
        .setFemaleEarning(0)
        .setPlatformMargin(0)
        .setAdminEarned(Money.hundredths(0))
        .setAgencyEarned(Money.hundredths(0))
        .setAdminSharePercentage(session.getAdminSharePercentage())
        .setAgencySharePercentage(Money.rate(rates.agencySharePercentage()))
        .setIsAgencyFemale(session.getIsAgencyFemale())
        .setAgencyId(session.getAgencyId())
        .setStartedAt(session.getStartedAt())
        .setEndedAt(now);
  }

}
