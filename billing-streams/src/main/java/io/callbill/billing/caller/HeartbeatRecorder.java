package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.Reason;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides a heartbeat from the caller, the call's receiver or the platform: the call is confirmed live up to now
 * (the abandoned-call timeout counts from here), answered with the seconds confirmed and the seconds left.
 */
final class HeartbeatRecorder {

  Decision decide(CallCommand command, Heartbeat heartbeat, CallerView view, Instant now) {
    Optional<ActiveCall> ongoing =
        CallLookup.ongoing(view, command, heartbeat.getCallId(), heartbeat.getParty(), heartbeat.getReceiverId());
    if (ongoing.isEmpty()) {
      return new Decision.Answer(CallLookup.notFound(view, command, heartbeat.getReceiverId(), now));
    }
    ActiveCall after = ActiveCall.newBuilder(ongoing.get())
        .setLastHeartbeatAt(ActiveCalls.later(ongoing.get().getLastHeartbeatAt(), now)).build();
    return new Decision.SessionChanged(ongoing.get(), after, false, List.of(),
        Replies.answer(command, Reason.HEARTBEAT_RECORDED, ActiveCalls.progress(after, now), now), now);
  }
}
