package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every reply names its reason; the seed's status and message written beside it are the ones the API would render
 * for that reason, for readers from before the reason.
 */
class ReplyReasonTest extends WorkedExampleBilling {

  @Test
  void aRefusalNamesItsReasonAndCarriesTheSeedsStatusAndMessageForIt() {
    CommandReply refused = billing.start(CALLER, "nobody", CallType.audio);

    assertThat(refused.getReason()).isEqualTo(Reason.RECEIVER_NOT_FOUND);
    assertThat(refused.getHttpStatus()).isEqualTo(404);
    assertThat(refused.getSuccess()).isFalse();
    assertThat(refused.getMessage()).isEqualTo("Receiver not found");
  }

  @Test
  void anAnswerNamesItsReasonTooAndASecondActiveCallIsAConflict() {
    CommandReply started = billing.start(CALLER, RECEIVER, CallType.audio);
    CommandReply again = billing.start(CALLER, RECEIVER, CallType.audio);

    assertThat(started.getReason()).isEqualTo(Reason.CALL_CAN_START);
    assertThat(started.getHttpStatus()).isEqualTo(200);
    assertThat(again.getReason()).isEqualTo(Reason.ACTIVE_SESSION_EXISTS);
    assertThat(again.getHttpStatus()).isEqualTo(409);
  }

  @Test
  void aRefundAboveTheChargeNamesWhatIsLeftInItsDataAndItsMessage() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(180));
    billing.endByCaller(CALLER, RECEIVER, callId, 180);

    CommandReply refused = billing.refund(CALLER, callId, 1000L, "dispute-1");

    assertThat(refused.getReason()).isEqualTo(Reason.REFUND_EXCEEDS);
    assertThat(refused.getMessage()).isEqualTo("Refund exceeds what is left of the call's charge: 126 coins left");
  }

  @Test
  void aPayoutTheWalletDoesNotCoverIsRefusedForThatReason() {
    CommandReply refused = billing.payout(AccountType.receiver, RECEIVER, "1000", "bank-1");

    assertThat(refused.getReason()).isEqualTo(Reason.PAYOUT_NOT_COVERED);
    assertThat(refused.getHttpStatus()).isEqualTo(400);
  }
}
