package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.accepted;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Receiver;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartShortfall;
import io.callbill.billing.reply.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule and rejection of the seed's startCall, one test each. */
class StartCallTest extends WorkedExampleBilling {

  @Test
  void workedExampleStartAnswersMaxSeconds1200AndPay07PerSecond() {
    CommandReply reply = billing.start(CALLER, RECEIVER, CallType.audio);

    assertThat(reply.getHttpStatus()).isEqualTo(200);
    assertThat(reply.getSuccess()).isTrue();
    assertThat(reply.getMessage()).isEqualTo(Messages.CALL_CAN_START);
    StartAccepted data = accepted(reply);
    assertThat(data.getMaxSeconds()).isEqualTo(1200);
    assertThat(data.getMalePayPerSecond()).isEqualByComparingTo("0.7");
    assertThat(data.getFemaleRatePerSecond()).isEqualByComparingTo("0.5");
    assertThat(data.getPlatformRatePerSecond()).isEqualByComparingTo("0.2");
    assertThat(data.getCallerCoinBalance()).isEqualTo(840);
    assertThat(data.getIsAgencyFemale()).isFalse();
    assertThat(data.getReceiverLevel()).isEqualTo(1);
    assertThat(data.getAudioRatePerMinute()).isEqualByComparingTo("30");
    assertThat(data.getVideoRatePerMinute()).isEqualByComparingTo("40");
    assertThat(data.getPlatformMarginPerMinute()).isEqualByComparingTo("12");
  }

  @Test
  void acceptedStartFreezesTheRatesInTheSessionAndPublishesTheActiveCall() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));

    ActiveCall session = billing.session(CALLER);
    assertThat(session.getCallId()).isEqualTo(callId);
    assertThat(session.getFemaleRatePerMinute()).isEqualByComparingTo("30");
    assertThat(session.getPlatformMarginPerMinute()).isEqualByComparingTo("12");
    assertThat(session.getAdminSharePercentage()).isEqualByComparingTo("100");
    assertThat(session.getExpiresAt()).isEqualTo(billing.now().plusSeconds(7200));
    assertThat(billing.activeCallUpdates()).extracting(ActiveCall::getCallId).containsExactly(callId);
    assertThat(billing.events()).extracting(e -> e.getType()).containsExactly(CallEventType.started);
    assertThat(callId).matches("^[A-Za-z0-9_-]{1,64}$");
  }

  @Test
  void unknownCallerIsRefusedWith404() {
    billing.credit("ghost", 500, "p");
    assertRefused(billing.start("ghost", RECEIVER, CallType.audio), 404, Messages.CALLER_NOT_FOUND);
  }

  @Test
  void missingReceiverIsRefusedWith404() {
    assertRefused(billing.start(CALLER, "nobody", CallType.audio), 404, Messages.RECEIVER_NOT_FOUND);
  }

  @Test
  void offlineReceiverIsRefused() {
    billing.receiver(Receiver.newBuilder().setReceiverId(RECEIVER).setCurrentLevel(1).setOnlineStatus(false).build());
    assertRefused(billing.start(CALLER, RECEIVER, CallType.audio), 400, Messages.RECEIVER_OFFLINE);
  }

  @Test
  void receiverWhoBlockedTheCallerIsRefused() {
    billing.receiver(Receiver.newBuilder().setReceiverId(RECEIVER).setCurrentLevel(1).setOnlineStatus(true)
        .setBlockList(List.of(CALLER)).build());
    assertRefused(billing.start(CALLER, RECEIVER, CallType.audio), 400, Messages.BLOCKED);
  }

  @Test
  void callerWhoBlockedTheReceiverIsRefused() {
    billing.caller(CALLER, RECEIVER);
    assertRefused(billing.start(CALLER, RECEIVER, CallType.audio), 400, Messages.BLOCKED);
  }

  @Test
  void missingLevelConfigIsRefused() {
    billing.receiver("receiver-9", 9, null);
    assertRefused(billing.start(CALLER, "receiver-9", CallType.audio), 400, Messages.LEVEL_CONFIG_NOT_FOUND);
  }

  @Test
  void inactiveLevelConfigIsRefused() {
    billing.level(io.callbill.avro.LevelConfig.newBuilder().setLevel(1).setIsActive(false)
        .setAudioRatePerMinute(new java.math.BigDecimal("30.0000"))
        .setPlatformMarginPerMinute(new io.callbill.avro.PlatformMargin(
            new java.math.BigDecimal("12.0000"), new java.math.BigDecimal("12.0000"))).build());
    assertRefused(billing.start(CALLER, RECEIVER, CallType.audio), 400, Messages.LEVEL_CONFIG_NOT_FOUND);
  }

  @Test
  void levelWithoutRateForTheCallTypeIsRefused() {
    billing.level(1, "30", null, "12", "12");
    assertRefused(billing.start(CALLER, RECEIVER, CallType.video), 400, Messages.NO_RATE_FOR_CALL_TYPE);
  }

  @Test
  void agencyReceiverWithoutAdminShareConfiguredIsRefusedBeforeAnyCharge() {
    billing.receiver("receiver-a", 1, "agency-1");
    assertRefused(billing.start(CALLER, "receiver-a", CallType.audio), 400, Messages.ADMIN_SHARE_NOT_CONFIGURED);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
  }

  @Test
  void balanceBelowMinCallCoinsIsRefusedWithAvailableAndRequired() {
    billing.platform(1000, "60");
    CommandReply reply = billing.start(CALLER, RECEIVER, CallType.audio);

    assertRefused(reply, 400, Messages.BELOW_MIN_CALL_COINS);
    StartShortfall data = (StartShortfall) reply.getData();
    assertThat(data.getAvailable()).isEqualTo(840);
    assertThat(data.getRequired()).isEqualTo(1000);
  }

  @Test
  void balanceBelowThirtySecondsOfPayIsRefusedWithTheRequiredCoins() {
    billing.caller("poor").credit("poor", 20, "p-20");
    CommandReply reply = billing.start("poor", RECEIVER, CallType.audio);

    assertRefused(reply, 400, Messages.NOT_ENOUGH_COINS);
    StartShortfall data = (StartShortfall) reply.getData();
    assertThat(data.getAvailable()).isEqualTo(20);
    assertThat(data.getRequired()).isEqualTo(21);
    assertThat(data.getMalePayPerSecond()).isEqualByComparingTo("0.7");
    assertThat(data.getMinBillableSeconds()).isEqualTo(30);
  }

  @Test
  void exactlyThirtySecondsOfPayIsEnoughToStart() {
    billing.caller("exact").credit("exact", 21, "p-21");
    assertThat(billing.start("exact", RECEIVER, CallType.audio).getSuccess()).isTrue();
  }

  @Test
  void secondStartWhileACallIsOngoingIs409WithTheExistingSession() {
    CommandReply first = billing.start(CALLER, RECEIVER, CallType.audio);
    billing.receiver("receiver-2", 1, null);

    CommandReply second = billing.start(CALLER, "receiver-2", CallType.video);

    assertRefused(second, 409, Messages.ACTIVE_SESSION_EXISTS);
    ActiveSessionInfo existing = (ActiveSessionInfo) second.getData();
    assertThat(existing.getCallId()).isEqualTo(callId(first));
    assertThat(existing.getReceiverId()).isEqualTo(RECEIVER);
    assertThat(existing.getCallType()).isEqualTo(CallType.audio);
    assertThat(billing.session(CALLER).getCallId()).isEqualTo(callId(first));
  }

  @Test
  void refusedStartEmitsARejectedEventAndOpensNoSession() {
    billing.start(CALLER, "nobody", CallType.audio);

    assertThat(billing.session(CALLER)).isNull();
    assertThat(billing.events()).singleElement().satisfies(event -> {
      assertThat(event.getType()).isEqualTo(CallEventType.rejected);
      assertThat(event.getReason()).isEqualTo(Messages.RECEIVER_NOT_FOUND);
    });
  }

  @Test
  void aRepeatedCommandIdIsAnsweredAgainNotStartedTwice() {
    io.callbill.avro.StartCall start = new io.callbill.avro.StartCall(RECEIVER, CallType.audio);
    CommandReply first = billing.send(CALLER, "retry-1", start);
    CommandReply retried = billing.send(CALLER, "retry-1", start);

    assertThat(retried.getHttpStatus()).isEqualTo(200);
    assertThat(callId(retried)).isEqualTo(callId(first));
    assertThat(billing.events()).filteredOn(e -> e.getType() == CallEventType.started).hasSize(1);
  }

  @Test
  void maxSecondsFloorsTheBalanceOverThePayPerSecond() {
    billing.caller("odd").credit("odd", 100, "p-100");
    // 100 coins at 0.7/s = 142.86 s: 142 whole seconds.
    assertThat(accepted(billing.start("odd", RECEIVER, CallType.audio)).getMaxSeconds()).isEqualTo(142);
  }

  private static void assertRefused(CommandReply reply, int status, String message) {
    assertThat(reply.getHttpStatus()).isEqualTo(status);
    assertThat(reply.getSuccess()).isFalse();
    assertThat(reply.getMessage()).isEqualTo(message);
  }
}
