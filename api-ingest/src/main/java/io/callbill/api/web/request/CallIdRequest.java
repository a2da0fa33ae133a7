package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of the routes that name a call by its id alone: the caller's heartbeat, the receiver's accept and heartbeat
 * ({@code {"callId"}}). Who sends it is the token's subject.
 */
public record CallIdRequest(
    @Schema(description = "the call's id, as start answered it", example = "call_mjuq4ls0_3f9a1c2b7d4e8f60",
        requiredMode = Schema.RequiredMode.REQUIRED) String callId) {

  /** The seed's message of an end without a call id; the same on every route that names a call. */
  public static final String CALL_ID_REQUIRED = "Call session ID is required";

  public String validCallId() {
    return validCallId(callId);
  }

  static String validCallId(String callId) {
    if (Inputs.isBlank(callId)) {
      throw new BadRequestException("callId", CALL_ID_REQUIRED);
    }
    return Inputs.id("callId", callId);
  }
}
