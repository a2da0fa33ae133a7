package io.callbill.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The seed's response envelope: {@code {"success", "message", "data"}}. {@code data} is always written (the seed
 * answers {@code "data": null} when there is no active call); {@code message} only when there is one;
 * {@code field} (our addition) names the offending request field of a 400.
 */
@JsonPropertyOrder({"success", "message", "data", "field"})
public record ApiResponse(
    boolean success,
    @JsonInclude(Include.NON_NULL) String message,
    Object data,
    @JsonInclude(Include.NON_NULL) String field) {

  public static ApiResponse ok(String message, Object data) {
    return new ApiResponse(true, message, data, null);
  }

  public static ApiResponse failure(String message) {
    return new ApiResponse(false, message, null, null);
  }

  public static ApiResponse invalid(String field, String message) {
    return new ApiResponse(false, message, null, field);
  }
}
