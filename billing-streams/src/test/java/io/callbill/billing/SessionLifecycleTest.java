package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.billing.reply.Messages;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What happens to an ongoing call over time: active-call reads, heartbeats, cutoff-due and expiry. */
class SessionLifecycleTest extends WorkedExampleBilling {

  @Test
  void activeCallIsVisibleRightAfterStartAndGoneRightAfterEnd() {
    assertThat(billing.activeCall(CALLER).getData()).isNull();
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));

    CommandReply active = billing.activeCall(CALLER);
    assertThat(active.getSuccess()).isTrue();
    assertThat(((ActiveSessionInfo) active.getData()).getCallId()).isEqualTo(callId);

    billing.advance(Duration.ofSeconds(60));
    billing.endByCaller(CALLER, RECEIVER, callId, 60);
    assertThat(billing.activeCall(CALLER).getData()).isNull();
  }

  @Test
  void cutoffDueIsEmittedOnceWhenTheCallReachesMaxSeconds() {
    billing.caller("short").credit("short", 21, "p-21");
    String callId = callId(billing.start("short", RECEIVER, CallType.audio));   // 21 coins: 30 s

    billing.advance(Duration.ofSeconds(29));
    assertThat(cutoffs()).isEmpty();
    billing.advance(Duration.ofSeconds(2));
    billing.advance(Duration.ofSeconds(5));

    assertThat(cutoffs()).singleElement().satisfies(event -> {
      assertThat(event.getCallId()).isEqualTo(callId);
      assertThat(event.getMaxSeconds()).isEqualTo(30);
    });
    assertThat(billing.session("short").getCutoffDueEmitted()).isTrue();
  }

  @Test
  void aCallNobodyEndsExpiresAfterTwoHoursAndIsRecordedNotLost() {
    // Seed defect 4: the seed's TTL index deleted such sessions silently.
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));

    billing.advance(Duration.ofHours(2).minusSeconds(2));
    assertThat(billing.session(CALLER)).isNotNull();
    billing.advance(Duration.ofSeconds(3));

    assertThat(billing.session(CALLER)).isNull();
    assertThat(billing.callHistory()).singleElement().satisfies(record -> {
      assertThat(record.getCallId()).isEqualTo(callId);
      assertThat(record.getStatus()).isEqualTo(CallStatus.expired);
      assertThat(record.getTotalCoins()).isZero();
    });
    assertThat(billing.events()).filteredOn(e -> e.getType() == CallEventType.expired)
        .singleElement().satisfies(e -> assertThat(e.getCallId()).isEqualTo(callId));
    assertThat(billing.activeCallUpdates()).last().isNull();
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
  }

  @Test
  void anEndAfterExpiryIsRefusedAndChargesNothing() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofHours(3));

    CommandReply late = billing.endByCaller(CALLER, RECEIVER, callId, 600);

    assertThat(late.getHttpStatus()).isEqualTo(400);
    assertThat(late.getMessage()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
  }

  @Test
  void heartbeatIsRecordedOnTheOngoingCall() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(20));

    CommandReply reply = billing.heartbeatByReceiver(RECEIVER, CALLER, callId);

    assertThat(reply.getMessage()).isEqualTo(Messages.HEARTBEAT_RECORDED);
    assertThat(billing.session(CALLER).getLastHeartbeatAt()).isEqualTo(billing.now());
    assertThat(billing.heartbeat(CALLER, "call_other", CallParty.caller).getHttpStatus()).isEqualTo(400);
  }

  @Test
  void walletQueryAnswersTheCallersCoins() {
    assertThat(((io.callbill.avro.CoinBalance) billing.wallet(CALLER).getData()).getCoinBalance()).isEqualTo(840);
  }

  private List<CallEvent> cutoffs() {
    return billing.events().stream().filter(e -> e.getType() == CallEventType.cutoff_due).toList();
  }
}
