package io.callbill.api.web;

import io.callbill.api.UnavailableException;
import io.callbill.api.web.RequestBodyLimitFilter.BodyTooLargeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every failure in the seed's envelope. Bad input is 400 naming the field, never 500; an unreachable billing
 * pipeline is 503; anything unexpected is 500 without details (logged).
 */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ApiResponse> badRequest(BadRequestException e) {
    return ResponseEntity.badRequest().body(ApiResponse.invalid(e.field(), e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiResponse> unreadableBody(HttpMessageNotReadableException e) {
    BodyTooLargeException tooLarge = causeOf(e, BodyTooLargeException.class);
    if (tooLarge != null) {
      return badRequest(new BadRequestException("body", tooLarge.getMessage()));
    }
    JacksonException json = causeOf(e, JacksonException.class);
    if (json == null) {
      return badRequest(new BadRequestException("body", "Request body is required (JSON)"));
    }
    String field = fieldOf(json);
    Class<?> target = targetTypeOf(json);
    if (target != null) {
      String named = field == null ? "body" : field;
      return badRequest(new BadRequestException(named, named + " must be " + expected(target)));
    }
    return badRequest(new BadRequestException(field == null ? "body" : field,
        "Malformed JSON" + (field == null ? "" : " at " + field) + ": " + shortened(json.getOriginalMessage())));
  }

  @ExceptionHandler(UnavailableException.class)
  ResponseEntity<ApiResponse> unavailable(UnavailableException e) {
    log.warn("answering 503: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiResponse.failure(e.getMessage()));
  }

  @ExceptionHandler(ReviewNotAcceptedException.class)
  ResponseEntity<ApiResponse> reviewNotAccepted(ReviewNotAcceptedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiResponse.failure(e.getMessage()));
  }

  /** A failure of an asynchronous answer, when it reaches us still wrapped. */
  @ExceptionHandler(CompletionException.class)
  ResponseEntity<ApiResponse> completion(CompletionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof BadRequestException bad) {
      return badRequest(bad);
    }
    if (cause instanceof UnavailableException unavailable) {
      return unavailable(unavailable);
    }
    if (cause instanceof ReviewNotAcceptedException notAccepted) {
      return reviewNotAccepted(notAccepted);
    }
    return unexpected(cause instanceof Exception exception ? exception : e);
  }

  /**
   * Spring MVC's own client errors (unknown route 404, wrong method 405, wrong media type 415, ...) keep their
   * status; anything else is a 500 without details.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiResponse> unexpected(Exception e) {
    if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
      String detail = framework.getBody().getDetail();
      return ResponseEntity.status(framework.getStatusCode())
          .body(ApiResponse.failure(detail != null ? detail : framework.getStatusCode().toString()));
    }
    log.error("unexpected failure", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(ApiResponse.failure("Internal error"));
  }

  private static String fieldOf(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  /** The Java type a JSON value could not be turned into: wrong type, out of range, or not allowed coercion. */
  private static Class<?> targetTypeOf(JacksonException e) {
    if (e instanceof MismatchedInputException mismatch) {
      return mismatch.getTargetType();
    }
    if (e instanceof InputCoercionException coercion) {
      return coercion.getTargetType();
    }
    return null;
  }

  private static String shortened(String message) {
    String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
    return firstLine.length() > 160 ? firstLine.substring(0, 160) + "..." : firstLine;
  }

  private static String expected(Class<?> target) {
    if (target == null) {
      return "a valid value";
    }
    if (target == Long.class || target == long.class || target == Integer.class || target == int.class
        || target == BigInteger.class) {
      return "a whole number within range";
    }
    if (target == BigDecimal.class) {
      return "a number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
