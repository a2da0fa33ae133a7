package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Reason;
import io.callbill.avro.Receiver;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.avro.StartShortfall;
import io.callbill.billing.money.Money;
import io.callbill.billing.money.RateCard;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.billing.reply.Replies;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides a start request, in the seed's order of checks: caller and receiver exist, receiver online, nobody blocks
 * anybody, an active level config with a rate for the call type, the minCallCoins gate, 30 seconds affordable, and no
 * other ongoing call. An accepted start freezes the rates into the session. No state is touched here.
 */
final class CallStarter {

  private static final BigDecimal ALL_TO_PLATFORM = BigDecimal.valueOf(100);

  private final MeteringRules rules;

  CallStarter(MeteringRules rules) {
    this.rules = rules;
  }

  /** An accepted start opens the session; a refused one answers and announces a rejected event. */
  Decision decide(CallCommand command, StartCall start, CallerView view, Instant now) {
    String callerId = command.getCallerId();
    Decision decision = decide(command, start, view.reference(), view.balance(callerId), view.ongoing(callerId), now);
    if (decision instanceof Decision.Answer rejected) {
      return new Decision.Answer(rejected.reply(),
          List.of(CallEvents.rejected(command, start, rejected.reply().getMessage(), now)));
    }
    return decision;
  }

  private Decision decide(CallCommand command, StartCall start, ReferenceData reference, long balance,
                          Optional<ActiveCall> ongoing, Instant now) {
    String callerId = command.getCallerId();
    Optional<Caller> caller = reference.caller(callerId);
    if (caller.isEmpty()) {
      return reject(command, Reason.CALLER_NOT_FOUND, null, now);
    }
    Optional<Receiver> found = reference.receiver(start.getReceiverId());
    if (found.isEmpty()) {
      return reject(command, Reason.RECEIVER_NOT_FOUND, null, now);
    }
    Receiver receiver = found.get();
    if (!reference.isOnline(receiver)) {
      return reject(command, Reason.RECEIVER_OFFLINE, null, now);
    }
    if (receiver.getBlockList().contains(callerId) || caller.get().getBlockList().contains(receiver.getReceiverId())) {
      return reject(command, Reason.BLOCKED, null, now);
    }
    Optional<LevelConfig> level = reference.levelConfig(receiver.getCurrentLevel()).filter(LevelConfig::getIsActive);
    if (level.isEmpty()) {
      return reject(command, Reason.LEVEL_CONFIG_NOT_FOUND, null, now);
    }
    BigDecimal femaleRatePerMinute = rateFor(level.get(), start.getCallType());
    if (femaleRatePerMinute == null || femaleRatePerMinute.signum() <= 0) {
      return reject(command, Reason.NO_RATE_FOR_CALL_TYPE, null, now);
    }
    boolean agencyReceiver = receiver.getAgencyId() != null;
    BigDecimal marginPerMinute = agencyReceiver
        ? level.get().getPlatformMarginPerMinute().getAgency()
        : level.get().getPlatformMarginPerMinute().getNonAgency();
    PlatformConfig platform = reference.platformConfig();
    // The seed reads the share at end and fails there after charging; we freeze it with the rates and refuse early.
    BigDecimal adminShare = agencyReceiver ? platform.getAdminSharePercentage() : ALL_TO_PLATFORM;
    if (adminShare == null) {
      return reject(command, Reason.ADMIN_SHARE_NOT_CONFIGURED, null, now);
    }
    RateCard rates = new RateCard(femaleRatePerMinute, marginPerMinute, adminShare);

    if (platform.getMinCallCoins() > 0 && balance < platform.getMinCallCoins()) {
      return reject(command, Reason.BELOW_MIN_CALL_COINS,
          StartShortfall.newBuilder().setAvailable(balance).setRequired(platform.getMinCallCoins()).build(), now);
    }
    long minCoinsToStart = rates.minCoinsToStart();
    if (balance < minCoinsToStart) {
      return reject(command, Reason.NOT_ENOUGH_COINS, StartShortfall.newBuilder()
          .setAvailable(balance).setRequired(minCoinsToStart)
          .setFemaleRatePerSecond(rates.femaleRatePerSecond())
          .setPlatformRatePerSecond(rates.platformRatePerSecond())
          .setMalePayPerSecond(rates.payPerSecond())
          .setMinBillableSeconds((int) RateCard.MIN_BILLABLE_SECONDS)
          .build(), now);
    }
    if (ongoing.isPresent()) {
      ActiveCall existing = ongoing.get();
      return reject(command, Reason.ACTIVE_SESSION_EXISTS, ActiveCalls.info(existing), now);
    }

    long maxSeconds = rates.maxSeconds(balance);
    ActiveCall session = ActiveCall.newBuilder()
        .setCallId(CallIds.of(command, now))
        .setCallerId(callerId)
        .setReceiverId(receiver.getReceiverId())
        .setCallType(start.getCallType())
        .setReceiverLevel(receiver.getCurrentLevel())
        .setIsAgencyFemale(agencyReceiver)
        .setAgencyId(receiver.getAgencyId())
        .setFemaleRatePerMinute(Money.rate(femaleRatePerMinute))
        .setPlatformMarginPerMinute(Money.rate(marginPerMinute))
        .setAdminSharePercentage(Money.rate(adminShare))
        .setCallerBalanceAtStart(balance)
        .setMaxSeconds(maxSeconds)
        .setStartedAt(now)
        .setExpiresAt(now.plus(rules.sessionTtl()))
        // Under measured with connect=accept the call rings until accepted; otherwise billing measures from here.
        .setConnectedAt(rules.connectsAtStart() ? now : null)
        .build();
    StartAccepted accepted = StartAccepted.newBuilder()
        .setCallId(session.getCallId())
        .setMaxSeconds(maxSeconds)
        .setFemaleRatePerSecond(rates.femaleRatePerSecond())
        .setPlatformRatePerSecond(rates.platformRatePerSecond())
        .setMalePayPerSecond(rates.payPerSecond())
        .setCallerCoinBalance(balance)
        .setIsAgencyFemale(agencyReceiver)
        .setReceiverLevel(receiver.getCurrentLevel())
        .setAudioRatePerMinute(level.get().getAudioRatePerMinute())
        .setVideoRatePerMinute(level.get().getVideoRatePerMinute())
        .setPlatformMarginPerMinute(Money.rate(marginPerMinute))
        .build();
    return new Decision.SessionChanged(null, session, true, List.of(CallEvents.started(session)),
        Replies.answer(command, Reason.CALL_CAN_START, accepted, now), now);
  }

  private static BigDecimal rateFor(LevelConfig level, CallType callType) {
    return callType == CallType.audio ? level.getAudioRatePerMinute() : level.getVideoRatePerMinute();
  }

  private static Decision reject(CallCommand command, Reason reason, Object data, Instant now) {
    return new Decision.Answer(Replies.answer(command, reason, data, now));
  }
}
