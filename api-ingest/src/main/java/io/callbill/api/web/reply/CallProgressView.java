package io.callbill.api.web.reply;

import io.callbill.avro.CallProgress;

/**
 * data of an accept or a heartbeat: where the call stands. {@code confirmedSeconds} is what billing has confirmed so
 * far (connect to the last heartbeat or accept), {@code secondsLeft} how long until billing cuts the call off at the
 * caller's balance (null while it rings).
 */
public record CallProgressView(
    String callId,
    String callerId,
    String receiverId,
    String callType,
    String startedAt,
    String acceptedAt,
    String lastHeartbeatAt,
    long maxSeconds,
    long confirmedSeconds,
    Long secondsLeft) {

  static CallProgressView of(CallProgress progress) {
    return new CallProgressView(progress.getCallId(), progress.getCallerId(), progress.getReceiverId(),
        progress.getCallType().name(), ReplyData.iso(progress.getStartedAt()), ReplyData.iso(progress.getAcceptedAt()),
        ReplyData.iso(progress.getLastHeartbeatAt()), progress.getMaxSeconds(), progress.getConfirmedSeconds(),
        progress.getSecondsLeft());
  }
}
