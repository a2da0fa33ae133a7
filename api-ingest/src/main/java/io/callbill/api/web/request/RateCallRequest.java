package io.callbill.api.web.request;

import io.callbill.avro.Reason;
import io.callbill.schemas.SeedAnswers;
import io.callbill.api.web.BadRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /female-user/calls/rate}: {@code callId} and {@code stars}. {@code stars} is read as any JSON
 * value so that every wrong one (a string, a fraction, null, out of range) gets the seed's message.
 */
public record RateCallRequest(
    @Schema(description = "the call's id, as start answered it", example = "call_mjuq4ls0_3f9a1c2b7d4e8f60") String callId,
    @Schema(type = "integer", minimum = "1", maximum = "5", example = "4") JsonNode stars) {

  public static final String CALL_ID_REQUIRED = "Call ID is required";
  public static final String INVALID_STARS = SeedAnswers.message(Reason.INVALID_STARS);

  /** The call id, checked first as the seed does. */
  public String validCallId() {
    if (Inputs.isBlank(callId)) {
      throw new BadRequestException("callId", CALL_ID_REQUIRED);
    }
    return Inputs.id("callId", callId);
  }

  /** 1 to 5, a JSON number without fraction ({@code 4} or {@code 4.0}). */
  public int validStars() {
    if (stars == null || !stars.isNumber()) {
      throw invalidStars();
    }
    if (stars.isIntegralNumber()) {
      BigInteger value = stars.bigIntegerValue();
      if (value.compareTo(BigInteger.ONE) < 0 || value.compareTo(BigInteger.valueOf(5)) > 0) {
        throw invalidStars();
      }
      return value.intValue();
    }
    // 4.0 is 4 (as in the seed's JavaScript); 4.5, NaN and overflowing exponents are not stars.
    double value = stars.doubleValue();
    if (!(value >= 1 && value <= 5) || value != Math.rint(value)) {
      throw invalidStars();
    }
    return (int) value;
  }

  private static BadRequestException invalidStars() {
    return new BadRequestException("stars", INVALID_STARS);
  }
}
