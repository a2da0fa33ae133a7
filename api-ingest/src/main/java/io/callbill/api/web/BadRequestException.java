package io.callbill.api.web;

/** Invalid input, answered 400 with a message naming {@link #field()}; nothing has been written. */
public class BadRequestException extends RuntimeException {

  private final String field;

  public BadRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
