package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.Reason;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides a coin top-up: once per reference, and only for a caller with a profile (404 otherwise). During a call the new balance pays for a longer call: its maxSeconds is
 * recomputed with the frozen rates, so the cutoff moves later, and the low-balance warning is re-armed when the new
 * cutoff is further away than the warning window. (The clamp/reported {@code cutoff_due} event stays once per call,
 * as before: its id is the call's.)
 */
final class CoinCrediter {

  private final MeteringRules rules;

  CoinCrediter(MeteringRules rules) {
    this.rules = rules;
  }

  Decision decide(CallCommand command, CreditCoins credit, CallerView view, Instant now) {
    String callerId = command.getCallerId();
    // A top-up to an id without a profile would credit a wallet nobody owns: a mistyped id must not swallow coins.
    if (view.reference().caller(callerId).isEmpty()) {
      return new Decision.Answer(Replies.answer(command, Reason.CALLER_NOT_FOUND, null, now));
    }
    long balance = view.balance(callerId);
    if (view.coinsCredited(callerId, credit.getReference())) {
      return new Decision.Answer(Replies.answer(command, Reason.COINS_ALREADY_CREDITED, coinBalance(balance), now));
    }
    long balanceAfter = Math.addExact(balance, credit.getAmount());
    Optional<ActiveCall> ongoing = view.ongoing(callerId);
    return new Decision.CoinsCredited(callerId, credit.getReference(), credit.getAmount(), balanceAfter,
        ongoing.orElse(null), ongoing.map(call -> extended(call, balanceAfter, now)).orElse(null),
        Replies.answer(command, Reason.COINS_CREDITED, coinBalance(balanceAfter), now));
  }

  private ActiveCall extended(ActiveCall call, long balanceAfter, Instant now) {
    long maxSeconds = ActiveCalls.rates(call).maxSeconds(balanceAfter);
    if (maxSeconds <= call.getMaxSeconds()) {
      return call;
    }
    ActiveCall.Builder longer = ActiveCall.newBuilder(call).setMaxSeconds(maxSeconds);
    Instant connectedAt = ActiveCalls.connectedAt(call);
    if (connectedAt == null || connectedAt.plusSeconds(maxSeconds).minus(rules.cutoffWarning()).isAfter(now)) {
      longer.setCutoffWarningEmitted(false);
    }
    return longer.build();
  }

  static CoinBalance coinBalance(long balance) {
    return CoinBalance.newBuilder().setCoinBalance(balance).build();
  }
}
