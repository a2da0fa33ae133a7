package io.callbill.billing.caller;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallRecord;
import io.callbill.avro.RateCall;
import io.callbill.avro.RatingAccepted;
import io.callbill.avro.Reason;
import io.callbill.avro.SettledCall;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides a rating: the receiver rates a call made to her, once; the call record is published again with it (the
 * sink upserts it). Possible while the settled call is kept ({@code callbill.replay.retention.seconds}).
 */
final class CallRater {

  private CallRater() {
  }

  static Decision decide(CallCommand command, RateCall rating, CallerView view, Instant now) {
    Optional<CallerView.Kept> settled = view.settled(rating.getCallId());
    if (settled.isEmpty() || !settled.get().call().getRecord().getCallerId().equals(command.getCallerId())
        || !settled.get().call().getRecord().getReceiverId().equals(rating.getReceiverId())) {
      return new Decision.Answer(Replies.answer(command, Reason.RATING_CALL_NOT_FOUND, null, now));
    }
    Optional<String> message = Ratings.message(rating.getStars());
    if (message.isEmpty()) {
      return new Decision.Answer(Replies.answer(command, Reason.INVALID_STARS, null, now));
    }
    CallRecord record = settled.get().call().getRecord();
    if (record.getRatingStars() != null) {
      return new Decision.Answer(Replies.answer(command, Reason.ALREADY_RATED, null, now));
    }
    CallRecord rated = CallRecord.newBuilder(record).setRatingStars(rating.getStars())
        .setRatingMessage(message.get()).setRatedBy(Ratings.RATED_BY_RECEIVER).setRatedAt(now).build();
    SettledCall updated = SettledCall.newBuilder(settled.get().call()).setRecord(rated).build();
    return new Decision.Rated(updated, settled.get().keptAt(),
        Replies.answer(command, Reason.RATING_SUBMITTED, new RatingAccepted(rating.getStars(), message.get()), now));
  }
}
