package io.callbill.api.web.reply;

import io.callbill.avro.ActiveSessionInfo;

/** data of GET /male-user/calls/active, and of a 409 on start: the caller's ongoing call. */
public record ActiveSessionView(String callId, String receiverId, String callType, String startedAt) {

  static ActiveSessionView of(ActiveSessionInfo session) {
    return new ActiveSessionView(session.getCallId(), session.getReceiverId(), session.getCallType().name(),
        ReplyData.iso(session.getStartedAt()));
  }
}
