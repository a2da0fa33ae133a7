package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.CallParty;
import io.callbill.avro.EndCall;

/**
 * Body of {@code POST /male-user/calls/end}. The seed's checks in the seed's order; {@code callType} is checked when
 * present but not sent: the type frozen at start wins.
 */
public record CallerEndCallRequest(String receiverId, Long duration, String callType, String callId) {

  public EndCall toCommand() {
    if (Inputs.isBlank(receiverId) || duration == null) {
      throw new BadRequestException(Inputs.isBlank(receiverId) ? "receiverId" : "duration",
          "Receiver ID and duration are required");
    }
    if (duration < 0) {
      throw new BadRequestException("duration", "Duration cannot be negative");
    }
    Inputs.notAbsurdDuration("duration", duration);
    Inputs.id("receiverId", receiverId);
    if (Inputs.isBlank(callId)) {
      throw new BadRequestException("callId", "Call session ID is required");
    }
    Inputs.id("callId", callId);
    if (callType != null) {
      Inputs.callType("callType", callType);
    }
    return new EndCall(callId, receiverId, CallParty.caller, duration);
  }
}
