package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Receiver;
import io.callbill.billing.reply.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The receiver's online status lives on its own topic, so her status changes never rewrite the admin's profile:
 * billing's start check reads it there when present, and the profile's {@code onlineStatus} before that.
 */
class ReceiverStatusTest extends WorkedExampleBilling {

  private static void assertOffline(CommandReply reply) {
    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.RECEIVER_OFFLINE);
  }

  @Test
  void theProfilesStatusCountsUntilTheReceiverSetsHerOwn() {
    billing.receiver(Receiver.newBuilder().setReceiverId(RECEIVER).setCurrentLevel(1).setOnlineStatus(false).build());
    assertOffline(billing.start(CALLER, RECEIVER, CallType.audio));

    billing.receiverStatus(RECEIVER, true);

    assertThat(billing.start(CALLER, RECEIVER, CallType.audio).getHttpStatus()).isEqualTo(200);
  }

  @Test
  void herStatusWinsOverTheProfileWhateverTheProfileSays() {
    billing.receiverStatus(RECEIVER, false);
    assertOffline(billing.start(CALLER, RECEIVER, CallType.audio));

    // An admin's later profile write (e.g. a new level) does not bring her online: only a status does.
    billing.receiver(Receiver.newBuilder().setReceiverId(RECEIVER).setCurrentLevel(1).setOnlineStatus(true).build());
    assertOffline(billing.start(CALLER, RECEIVER, CallType.audio));
  }

  @Test
  void aStatusChangeNeverUndoesTheAdminsBlockList() {
    billing.receiver(Receiver.newBuilder().setReceiverId(RECEIVER).setCurrentLevel(1).setOnlineStatus(true)
        .setBlockList(List.of(CALLER)).build());

    billing.receiverStatus(RECEIVER, false).receiverStatus(RECEIVER, true);

    CommandReply blocked = billing.start(CALLER, RECEIVER, CallType.audio);
    assertThat(blocked.getHttpStatus()).isEqualTo(400);
    assertThat(blocked.getMessage()).isEqualTo(Messages.BLOCKED);
  }
}
