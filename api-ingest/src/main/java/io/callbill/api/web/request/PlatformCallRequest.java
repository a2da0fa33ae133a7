package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallParty;
import io.callbill.avro.Heartbeat;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /platform/calls/accept} and {@code /platform/calls/heartbeat}: the media layer names the call
 * and its caller (the caller's partition owns the call, so the command is keyed by {@code callerId}).
 */
public record PlatformCallRequest(
    @Schema(description = "the call's id, as start answered it", example = "call_mjuq4ls0_3f9a1c2b7d4e8f60",
        requiredMode = Schema.RequiredMode.REQUIRED) String callId,
    @Schema(description = "the caller who started the call", example = "caller-1",
        requiredMode = Schema.RequiredMode.REQUIRED) String callerId) {

  public static final String CALLER_ID_REQUIRED = "Caller ID is required";

  /** The media layer reports the call connected. */
  public AcceptCall toAccept() {
    return new AcceptCall(checkedCallId(), CallParty.platform, null);
  }

  /** The media layer reports the call still up. */
  public Heartbeat toHeartbeat() {
    return new Heartbeat(checkedCallId(), CallParty.platform, null);
  }

  public String validCallerId() {
    return validCallerId(callerId);
  }

  /** Checks both fields, in the order of the body, and returns the call id. */
  private String checkedCallId() {
    String checked = CallIdRequest.validCallId(callId);
    validCallerId();
    return checked;
  }

  static String validCallerId(String callerId) {
    if (Inputs.isBlank(callerId)) {
      throw new BadRequestException("callerId", CALLER_ID_REQUIRED);
    }
    return Inputs.id("callerId", callerId);
  }
}
