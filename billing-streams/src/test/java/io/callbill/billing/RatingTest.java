package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallRecord;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.RatingAccepted;
import io.callbill.billing.reply.Messages;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seed's submitCallRating: the receiver rates a call once, 1 to 5 stars; the call record carries it. */
class RatingTest extends WorkedExampleBilling {

  private String callId;

  @BeforeEach
  void settleOneCall() {
    callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(180));
    billing.endByCaller(CALLER, RECEIVER, callId, 180);
  }

  @Test
  void ratingIsPublishedOnTheCallRecord() {
    CommandReply reply = billing.rate(RECEIVER, CALLER, callId, 4);

    assertThat(reply.getMessage()).isEqualTo(Messages.RATING_SUBMITTED);
    assertThat((RatingAccepted) reply.getData()).isEqualTo(new RatingAccepted(4, "Good"));
    CallRecord rated = billing.callHistory().get(billing.callHistory().size() - 1);
    assertThat(rated.getCallId()).isEqualTo(callId);
    assertThat(rated.getRatingStars()).isEqualTo(4);
    assertThat(rated.getRatingMessage()).isEqualTo("Good");
    assertThat(rated.getRatedBy()).isEqualTo("female");
    assertThat(rated.getTotalCoins()).isEqualTo(126);
  }

  @Test
  void aCallIsRatedOnce() {
    billing.rate(RECEIVER, CALLER, callId, 5);
    CommandReply again = billing.rate(RECEIVER, CALLER, callId, 1);
    assertThat(again.getHttpStatus()).isEqualTo(400);
    assertThat(again.getMessage()).isEqualTo(Messages.ALREADY_RATED);
  }

  @Test
  void starsOutsideOneToFiveAreRefused() {
    assertThat(billing.rate(RECEIVER, CALLER, callId, 6).getMessage()).isEqualTo(Messages.INVALID_STARS);
    assertThat(billing.rate(RECEIVER, CALLER, callId, 0).getHttpStatus()).isEqualTo(400);
  }

  @Test
  void anotherReceiverCannotRateTheCall() {
    CommandReply reply = billing.rate("receiver-other", CALLER, callId, 3);
    assertThat(reply.getHttpStatus()).isEqualTo(404);
    assertThat(reply.getMessage()).isEqualTo(Messages.RATING_CALL_NOT_FOUND);
  }
}
