package io.callbill.billing.caller;

import java.util.Map;
import java.util.Optional;

/** The seed's rating scale: stars to the message shown in the history. */
final class Ratings {

  static final String RATED_BY_RECEIVER = "female";

  private static final Map<Integer, String> MESSAGES =
      Map.of(1, "Very Bad", 2, "Bad", 3, "Average", 4, "Good", 5, "Very Good");

  private Ratings() {
  }

  /** The message of 1 to 5 stars; empty for anything else. */
  static Optional<String> message(int stars) {
    return Optional.ofNullable(MESSAGES.get(stars));
  }
}
