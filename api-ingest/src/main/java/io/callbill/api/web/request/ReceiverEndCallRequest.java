package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.CallParty;
import io.callbill.avro.EndCall;

/**
 * Body of {@code POST /female-user/calls/end}: the receiver is the token's subject, the caller names the call's
 * owner (the command's key). {@code callType} is checked when present but not sent.
 */
public record ReceiverEndCallRequest(String callerId, Long duration, String callType, String callId) {

  public EndCall toCommand(String receiverId) {
    if (Inputs.isBlank(callerId) || duration == null) {
      throw new BadRequestException(Inputs.isBlank(callerId) ? "callerId" : "duration",
          "Caller ID and duration are required");
    }
    if (duration < 0) {
      throw new BadRequestException("duration", "Duration cannot be negative");
    }
    Inputs.notAbsurdDuration("duration", duration);
    Inputs.id("callerId", callerId);
    if (Inputs.isBlank(callId)) {
      throw new BadRequestException("callId", "Call session ID is required");
    }
    Inputs.id("callId", callId);
    if (callType != null) {
      Inputs.callType("callType", callType);
    }
    return new EndCall(callId, receiverId, CallParty.receiver, duration);
  }
}
