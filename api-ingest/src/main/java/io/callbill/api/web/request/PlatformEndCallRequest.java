package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.CallParty;
import io.callbill.avro.EndCall;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /platform/calls/end}: the media layer ends a call and says how long it was connected. Under
 * {@code measured} metering that duration is billed (capped at the call's maxSeconds): the media layer is the one
 * party that knows it. The command names no receiver: the platform may end any call.
 */
public record PlatformEndCallRequest(
    @Schema(description = "the call's id, as start answered it", example = "call_mjuq4ls0_3f9a1c2b7d4e8f60",
        requiredMode = Schema.RequiredMode.REQUIRED) String callId,
    @Schema(description = "the caller who started the call", example = "caller-1",
        requiredMode = Schema.RequiredMode.REQUIRED) String callerId,
    @Schema(description = "seconds the call was connected, 0 to 86400", example = "95",
        requiredMode = Schema.RequiredMode.REQUIRED) Long duration) {

  public static final String DURATION_REQUIRED = "Duration is required";

  public EndCall toCommand() {
    String checkedCallId = CallIdRequest.validCallId(callId);
    PlatformCallRequest.validCallerId(callerId);
    if (duration == null) {
      throw new BadRequestException("duration", DURATION_REQUIRED);
    }
    if (duration < 0) {
      throw new BadRequestException("duration", "Duration cannot be negative");
    }
    Inputs.notAbsurdDuration("duration", duration);
    return new EndCall(checkedCallId, null, CallParty.platform, duration);
  }

  public String validCallerId() {
    return PlatformCallRequest.validCallerId(callerId);
  }
}
