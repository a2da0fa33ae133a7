package io.callbill.api.web;

/** A receiver without an accepted review (or unknown) used a receiver route: 403. */
public class ReviewNotAcceptedException extends RuntimeException {

  public ReviewNotAcceptedException() {
    super("Review not accepted: receiver routes open once the profile review is accepted");
  }
}
