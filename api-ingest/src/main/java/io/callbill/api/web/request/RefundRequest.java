package io.callbill.api.web.request;

import io.callbill.api.web.BadRequestException;
import io.callbill.avro.RefundCall;

/**
 * Body of {@code POST /admin/calls/{callId}/refund}: whole coins (omitted: the rest of the call's charge), why, and
 * the refund's reference (refunded once).
 */
public record RefundRequest(Long coins, String reason, String reference) {

  static final int MAX_REASON_LENGTH = 500;

  public RefundCall toCommand(String callId) {
    Long valid = coins == null ? null : Inputs.coins("coins", coins, 1);
    if (Inputs.isBlank(reason)) {
      throw new BadRequestException("reason", "reason is required");
    }
    return new RefundCall(callId, valid, Inputs.optionalText("reason", reason, MAX_REASON_LENGTH),
        Inputs.reference("reference", reference));
  }
}
