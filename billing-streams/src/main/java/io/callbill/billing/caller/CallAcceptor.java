package io.callbill.billing.caller;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.Reason;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides an accept: the call's receiver answers, or the platform reports it connected. Under measured with
 * connect=accept that is the connect, where the billed time starts; otherwise the accept is only recorded. A second
 * accept changes nothing and gets the call's progress again.
 */
final class CallAcceptor {

  private final MeteringRules rules;

  CallAcceptor(MeteringRules rules) {
    this.rules = rules;
  }

  Decision decide(CallCommand command, AcceptCall accept, CallerView view, Instant now) {
    Optional<ActiveCall> ongoing =
        CallLookup.ongoing(view, command, accept.getCallId(), accept.getParty(), accept.getReceiverId());
    if (ongoing.isEmpty()) {
      return new Decision.Answer(CallLookup.notFound(view, command, accept.getReceiverId(), now));
    }
    ActiveCall call = ongoing.get();
    if (call.getAcceptedAt() != null) {
      return new Decision.Answer(Replies.answer(command, Reason.CALL_ACCEPTED, ActiveCalls.progress(call, now), now));
    }
    ActiveCall.Builder accepted = ActiveCall.newBuilder(call).setAcceptedAt(now);
    if (call.getConnectedAt() == null && !rules.connectsAtStart()) {
      accepted.setConnectedAt(now);
    }
    ActiveCall after = accepted.build();
    return new Decision.SessionChanged(call, after, true, List.of(CallEvents.accepted(after, now)),
        Replies.answer(command, Reason.CALL_ACCEPTED, ActiveCalls.progress(after, now), now), now);
  }
}
