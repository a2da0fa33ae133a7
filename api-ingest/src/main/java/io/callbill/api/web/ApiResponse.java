package io.callbill.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.node.NullNode;

/**
 * The seed's response envelope: {@code {"success", "message", "data"}}. A success always carries {@code data} (the
 * seed answers {@code "data": null} when there is no active call); a failure only when it has some, as the seed's
 * errors are {@code {"success": false, "message": ...}}. {@code message} is written when there is one;
 * {@code field} (our addition) names the offending request field of a 400.
 */
@JsonPropertyOrder({"success", "message", "data", "field"})
@JsonInclude(Include.NON_NULL)
public record ApiResponse(boolean success, String message, Object data, String field) {

  public ApiResponse {
    if (success && data == null) {
      data = NullNode.getInstance();
    }
  }

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
