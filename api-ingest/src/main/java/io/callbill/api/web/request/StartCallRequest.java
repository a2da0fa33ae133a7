package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.StartCall;

/** Body of {@code POST /male-user/calls/start}. */
public record StartCallRequest(String receiverId, String callType) {

  public StartCall toCommand() {
    if (Inputs.isBlank(receiverId)) {
      throw new BadRequestException("receiverId", "Receiver ID is required");
    }
    return new StartCall(Inputs.id("receiverId", receiverId), Inputs.callType("callType", callType));
  }
}
