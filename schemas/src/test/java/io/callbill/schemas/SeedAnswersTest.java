package io.callbill.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.Reason;
import io.callbill.avro.RefundAccepted;
import org.junit.jupiter.api.Test;

class SeedAnswersTest {

  @Test
  void everyReasonHasTheSeedsAnswer() {
    for (Reason reason : Reason.values()) {
      assertThat(SeedAnswers.of(reason)).as("%s", reason).isNotNull();
      assertThat(SeedAnswers.message(reason)).as("%s", reason).isNotBlank();
    }
  }

  @Test
  void theSeedsStatusesStayAsTheyWere() {
    assertThat(SeedAnswers.httpStatus(Reason.CALL_CAN_START)).isEqualTo(200);
    assertThat(SeedAnswers.httpStatus(Reason.CALLER_NOT_FOUND)).isEqualTo(404);
    assertThat(SeedAnswers.message(Reason.CALLER_NOT_FOUND)).isEqualTo("Caller not found");
    assertThat(SeedAnswers.httpStatus(Reason.ACTIVE_SESSION_EXISTS)).isEqualTo(409);
    assertThat(SeedAnswers.httpStatus(Reason.RECEIVER_OFFLINE)).isEqualTo(400);
    assertThat(SeedAnswers.of(Reason.INSUFFICIENT_COINS).success()).isFalse();
  }

  @Test
  void aRefundAboveTheChargeNamesWhatIsLeftFromTheReplysData() {
    assertThat(SeedAnswers.message(Reason.REFUND_EXCEEDS, new RefundAccepted("call-1", 0L, 100L, 26L, 7L)))
        .isEqualTo("Refund exceeds what is left of the call's charge: 26 coins left");
  }
}
