package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.Reason;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.Optional;

/**
 * The caller's reads, answered in order with his other commands (so a read follows his own writes): the ongoing
 * call with its current maxSeconds, and the wallet.
 */
final class CallQueries {

  private CallQueries() {
  }

  static Decision activeCall(CallCommand command, CallerView view, Instant now) {
    Optional<ActiveCall> ongoing = view.ongoing(command.getCallerId());
    return new Decision.Answer(Replies.answer(command, ongoing.isPresent() ? Reason.ACTIVE_CALL : Reason.NO_ACTIVE_CALL,
        ongoing.map(ActiveCalls::info).orElse(null), now));
  }

  static Decision wallet(CallCommand command, CallerView view, Instant now) {
    return new Decision.Answer(Replies.answer(command, Reason.WALLET,
        CoinCrediter.coinBalance(view.balance(command.getCallerId())), now));
  }
}
