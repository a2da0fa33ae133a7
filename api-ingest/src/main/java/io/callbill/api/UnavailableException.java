package io.callbill.api;

/** The API cannot answer right now (Kafka or billing-streams out of reach, or still starting); answered with 503. */
public class UnavailableException extends RuntimeException {

  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
