package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.EndCall;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides an end from either side or the platform: the ongoing call closes (as {@link CallSettler} bills it); a call
 * already closed (by the other side, a retry, a cutoff or an abandon) gets its settlement again, nothing charged
 * twice; anything else is refused as the seed refuses it.
 */
final class CallEnder {

  private final CallSettler settler;

  CallEnder(CallSettler settler) {
    this.settler = settler;
  }

  Decision decide(CallCommand command, EndCall end, CallerView view, Instant now) {
    Optional<ActiveCall> ongoing =
        CallLookup.ongoing(view, command, end.getCallId(), end.getEndedBy(), end.getReceiverId());
    if (ongoing.isPresent()) {
      return settler.end(command, end, ongoing.get(), view.balance(command.getCallerId()), now);
    }
    Optional<CallerView.Kept> settled =
        CallLookup.settled(view, command, end.getCallId(), end.getEndedBy(), end.getReceiverId());
    if (settled.isPresent()) {
      return new Decision.Replay(settled.get().call(), Replies.replay(settled.get().call().getReply(), command, now));
    }
    return new Decision.Answer(CallLookup.notFound(view, command, end.getReceiverId(), now));
  }
}
