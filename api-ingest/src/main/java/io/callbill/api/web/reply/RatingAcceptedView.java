package io.callbill.api.web.reply;

import io.callbill.avro.RatingAccepted;

/** data of a submitted rating: the stars and their message ("Good" for 4). */
public record RatingAcceptedView(int stars, String message) {

  static RatingAcceptedView of(RatingAccepted rating) {
    return new RatingAcceptedView(rating.getStars(), rating.getMessage());
  }
}
