package io.callbill.api.web.reply;

import io.callbill.avro.ActiveSessionInfo;

/**
 * data of GET /male-user/calls/active, and of a 409 on start: the caller's ongoing call, with the seconds its balance
 * pays for now ({@code maxSeconds}, raised by a top-up during the call) and when it was accepted (null while it
 * rings).
 */
public record ActiveSessionView(String callId, String receiverId, String callType, String startedAt,
    Long maxSeconds, String acceptedAt) {

  static ActiveSessionView of(ActiveSessionInfo session) {
    return new ActiveSessionView(session.getCallId(), session.getReceiverId(), session.getCallType().name(),
        ReplyData.iso(session.getStartedAt()), session.getMaxSeconds(), ReplyData.iso(session.getAcceptedAt()));
  }
}
