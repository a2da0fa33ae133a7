package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CommandReply;
import io.callbill.avro.EndCall;
import io.callbill.avro.EndShortfall;
import io.callbill.avro.Reason;
import io.callbill.avro.Settlement;
import io.callbill.billing.Metering;
import io.callbill.billing.money.CallCharge;
import io.callbill.billing.money.Money;
import io.callbill.billing.money.RateCard;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.reply.Replies;
import java.time.Instant;

/**
 * Decides how an ongoing call closes and what it costs, by the metering policy: an end from either side or the
 * platform, and the closings billing decides itself (cutoff at the balance, abandoned, missed, expired). Uses only
 * the rates frozen in the session. No state is touched here.
 *
 * <p>Under {@code measured} the bill is the time billing measured from the connect (30 s minimum, never past
 * maxSeconds), whatever the client claims; a claim further than the skew from it marks the call durationDisputed.
 * A platform's end is authoritative: its duration is billed, capped at maxSeconds. Under {@code clamp} the claim is
 * capped at the time measured from the start plus the skew; under {@code reported} the claim is billed (the seed).
 */
final class CallSettler {

  private final MeteringRules rules;

  CallSettler(MeteringRules rules) {
    this.rules = rules;
  }

  /** An end command for the ongoing call {@code session}. */
  Decision.Closing end(CallCommand command, EndCall end, ActiveCall session, long balance, Instant now) {
    long reported = end.getReportedDurationSeconds();
    if (!rules.measured()) {
      long measured = ActiveCalls.seconds(session.getStartedAt(), now);
      long duration = rules.metering() == Metering.CLAMP
          ? Math.min(reported, measured + rules.clockSkew().toSeconds())
          : reported;
      Bill bill = new Bill(end.getEndedBy(), reported, measured, Math.max(duration, 0), false);
      return duration <= 0 ? notConnected(command, session, bill, now) : charged(command, session, bill, balance, now);
    }
    Instant connectedAt = ActiveCalls.connectedAt(session);
    long measured = connectedAt == null ? 0 : ActiveCalls.seconds(connectedAt, now);
    if (end.getEndedBy() == CallParty.platform) {
      // The media layer knows the connected time: its figure is the bill, within what the balance pays for.
      Bill bill = new Bill(CallParty.platform, reported, measured, Math.min(reported, session.getMaxSeconds()), false);
      return reported == 0 ? notConnected(command, session, bill, now) : charged(command, session, bill, balance, now);
    }
    if (connectedAt == null) {
      // Ended while ringing: nobody answered, nothing to bill.
      return notConnected(command, session, new Bill(end.getEndedBy(), reported, 0, 0, false), now);
    }
    boolean disputed = Math.abs(reported - measured) > rules.clockSkew().toSeconds();
    if (reported == 0 && measured <= rules.clockSkew().toSeconds()) {
      return notConnected(command, session, new Bill(end.getEndedBy(), reported, measured, 0, false), now);
    }
    Bill bill = new Bill(end.getEndedBy(), reported, measured, Math.min(measured, session.getMaxSeconds()), disputed);
    return charged(command, session, bill, balance, now);
  }

  /** The call reached what the balance pays for: billed exactly maxSeconds. */
  Decision.Closing cutoff(ActiveCall session, long balance, Instant at) {
    Bill bill = new Bill(CallParty.cutoff, 0, session.getMaxSeconds(), session.getMaxSeconds(), false);
    return byBilling(session, bill, CallStatus.completed, CallEventType.cutoff, balance, at);
  }

  /** Nobody sent a heartbeat for the timeout: billed from the connect to the last confirmed moment. */
  Decision.Closing abandon(ActiveCall session, long balance, Instant at) {
    long confirmed = ActiveCalls.confirmedSeconds(session);
    Bill bill = new Bill(CallParty.abandoned, 0, confirmed, Math.min(confirmed, session.getMaxSeconds()), false);
    return byBilling(session, bill, CallStatus.completed, CallEventType.abandoned, balance, at);
  }

  /** Nobody accepted the call within the ring timeout: closed, free. */
  Decision.Closing miss(ActiveCall session, Instant at) {
    CallRecord record = baseRecord(session, at).setStatus(CallStatus.missed).setMeasuredDuration(0L)
        .setErrorMessage(Messages.CALL_MISSED).build();
    return new Decision.Closing(session, record, CallEvents.closed(record, CallEventType.missed),
        Replies.byBilling(session.getCallerId(), Reason.CALL_MISSED, null, at), false, null, 0);
  }

  /**
   * Nobody ended the call within the session TTL. Under measured it is billed to its last confirmed moment (its
   * accept or last heartbeat, 30 s minimum), or free when nothing confirmed it; under clamp and reported it is
   * recorded uncharged, as before. Either way it is recorded and announced, never lost.
   */
  Decision.Closing expire(ActiveCall session, long balance, Instant at) {
    if (rules.measured() && ActiveCalls.connectedAt(session) != null && ActiveCalls.lastConfirmedAt(session) != null) {
      long confirmed = ActiveCalls.confirmedSeconds(session);
      Bill bill = new Bill(null, 0, confirmed, Math.min(confirmed, session.getMaxSeconds()), false);
      return byBilling(session, bill, CallStatus.expired, CallEventType.expired, balance, at);
    }
    Instant measuredFrom = rules.measured() ? ActiveCalls.connectedAt(session) : session.getStartedAt();
    CallRecord record = baseRecord(session, at)
        .setStatus(CallStatus.expired)
        .setMeasuredDuration(measuredFrom == null ? 0 : ActiveCalls.seconds(measuredFrom, at))
        .setErrorMessage("Call session expired without an end")
        .build();
    return new Decision.Closing(session, record, CallEvents.closed(record, CallEventType.expired),
        Replies.byBilling(session.getCallerId(), Reason.SESSION_NOT_FOUND, null, at), false, null, 0);
  }

  /**
   * The figures of one closing.
   *
   * @param billed seconds billed before the 30 s minimum (the record's duration)
   */
  private record Bill(CallParty endedBy, long reported, long measured, long billed, boolean disputed) {
  }

  private Decision.Closing notConnected(CallCommand command, ActiveCall session, Bill bill, Instant now) {
    CallRecord record = billed(baseRecord(session, now), bill).setStatus(CallStatus.not_connected).build();
    return new Decision.Closing(session, record, CallEvents.closed(record, CallEventType.settled),
        Replies.answer(command, Reason.NOT_CONNECTED, null, now), true, null, 0);
  }

  private Decision.Closing charged(CallCommand command, ActiveCall session, Bill bill, long balance, Instant now) {
    CallCharge charge = ActiveCalls.rates(session).charge(RateCard.billableSeconds(bill.billed()));
    if (balance < charge.totalCoins()) {
      // Only where the claim is billed unchecked (reported): measured bills never past what the balance pays for.
      String error = "Insufficient coins. Required: " + charge.totalCoins() + ", Available: " + balance;
      EndShortfall shortfall = EndShortfall.newBuilder().setRequired(charge.totalCoins()).setAvailable(balance)
          .setShortfall(charge.totalCoins() - balance).setCallId(session.getCallId()).build();
      CallRecord record = billed(baseRecord(session, now), bill).setStatus(CallStatus.insufficient_coins)
          .setErrorMessage(error).build();
      return new Decision.Closing(session, record, CallEvents.closed(record, CallEventType.settled),
          Replies.answer(command, Reason.INSUFFICIENT_COINS, shortfall, now), true, null, balance);
    }
    CallRecord record = completed(session, bill, CallStatus.completed, charge, now);
    Settlement settlement = settlement(session, record, charge, balance - charge.totalCoins());
    return new Decision.Closing(session, record, CallEvents.closed(record, CallEventType.settled),
        Replies.answer(command, Reason.CALL_ENDED, settlement, now), true, charge, balance - charge.totalCoins());
  }

  /** A closing billing decided on its own clock: no client waits; the answer is kept for a later end. */
  private Decision.Closing byBilling(ActiveCall session, Bill bill, CallStatus status, CallEventType eventType,
                                     long balance, Instant at) {
    CallCharge charge = ActiveCalls.rates(session).charge(RateCard.billableSeconds(bill.billed()));
    // maxSeconds is what the balance pays for, so a bill within it is always covered; never charge past zero.
    if (charge.totalCoins() > balance) {
      throw new IllegalStateException("bill of " + session.getCallId() + " exceeds the balance: " + charge);
    }
    CallRecord record = completed(session, bill, status, charge, at);
    long balanceAfter = balance - charge.totalCoins();
    CommandReply kept = Replies.byBilling(session.getCallerId(), Reason.CALL_ENDED,
        settlement(session, record, charge, balanceAfter), at);
    return new Decision.Closing(session, record, CallEvents.closed(record, eventType), kept, false, charge,
        balanceAfter);
  }

  private CallRecord completed(ActiveCall session, Bill bill, CallStatus status, CallCharge charge, Instant now) {
    return billed(baseRecord(session, now), bill).setStatus(status)
        .setBillableDuration(charge.billableSeconds())
        .setTotalCoins(charge.totalCoins())
        .setFemaleEarning(charge.femaleEarning())
        .setPlatformMargin(charge.platformMargin())
        .setAdminEarned(Money.hundredths(charge.adminHundredths()))
        .setAgencyEarned(Money.hundredths(charge.agencyHundredths()))
        .build();
  }

  private static Settlement settlement(ActiveCall session, CallRecord record, CallCharge charge, long balanceAfter) {
    RateCard rates = ActiveCalls.rates(session);
    return Settlement.newBuilder()
        .setCallId(session.getCallId())
        .setDuration(record.getDuration())
        .setReportedDuration(record.getReportedDuration())
        .setMeasuredDuration(record.getMeasuredDuration())
        .setBillableDuration(charge.billableSeconds())
        .setFemaleEarningPerSecond(rates.femaleRatePerSecond())
        .setPlatformMarginPerSecond(rates.platformRatePerSecond())
        .setTotalCoins(charge.totalCoins())
        .setCoinsDeducted(charge.totalCoins())
        .setFemaleEarning(charge.femaleEarning())
        .setPlatformMargin(charge.platformMargin())
        .setAdminEarned(record.getAdminEarned())
        .setAgencyEarned(record.getAgencyEarned())
        .setCallerRemainingBalance(balanceAfter)
        .setRatingRequired(true)
        .setDurationDisputed(record.getDurationDisputed())
        .setEndedBy(record.getEndedBy())
        .build();
  }

  private static CallRecord.Builder billed(CallRecord.Builder record, Bill bill) {
    return record.setEndedBy(bill.endedBy())
        .setReportedDuration(bill.reported())
        .setMeasuredDuration(bill.measured())
        .setDuration(bill.billed())
        .setDurationDisputed(bill.disputed());
  }

  private CallRecord.Builder baseRecord(ActiveCall session, Instant now) {
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
        .setEndedAt(now)
        .setAcceptedAt(session.getAcceptedAt())
        .setConnectedAt(session.getConnectedAt())
        .setLastHeartbeatAt(session.getLastHeartbeatAt())
        .setMetering(rules.metering().configValue());
  }
}
