package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import io.callbill.avro.RefundAccepted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepliesTest {

  @Test
  void aReplyWithAReasonIsAnsweredWithTheSeedsStatusAndMessageForIt() {
    // The legacy fields say something else on purpose: the reason decides.
    var response = Replies.toResponse(reply(Reason.CALLER_NOT_FOUND, 500, true, "stale", null));

    assertThat(response.getStatusCode().value()).isEqualTo(404);
    assertThat(response.getBody().success()).isFalse();
    assertThat(response.getBody().message()).isEqualTo("Caller not found");
  }

  @Test
  void aRefusedRefundNamesWhatIsLeftFromItsData() {
    var response = Replies.toResponse(reply(Reason.REFUND_EXCEEDS, 400, false, "",
        new RefundAccepted("call-1", 0L, 10L, 116L, 0L)));

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody().message())
        .isEqualTo("Refund exceeds what is left of the call's charge: 116 coins left");
  }

  @Test
  void aReplyFromBeforeTheReasonIsAnsweredWithItsOwnStatusAndMessage() {
    var response = Replies.toResponse(reply(null, 409, false, "You already have an active call session", null));

    assertThat(response.getStatusCode().value()).isEqualTo(409);
    assertThat(response.getBody().message()).isEqualTo("You already have an active call session");
  }

  private static CommandReply reply(Reason reason, int status, boolean success, String message, Object data) {
    return CommandReply.newBuilder().setCommandId("cmd-1").setCallerId("c1").setHttpStatus(status)
        .setSuccess(success).setMessage(message).setData(data).setAnsweredAt(Instant.EPOCH).setReason(reason).build();
  }
}
