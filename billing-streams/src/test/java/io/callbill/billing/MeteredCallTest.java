package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static io.callbill.billing.BillingFixtures.settlement;
import static io.callbill.billing.BillingFixtures.workedExample;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallProgress;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.EndCall;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Settlement;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The measured lifecycle of issue 9, one test per rule: billing measures a call from its connect (the receiver's
 * accept) to its end, cuts it off at the balance, settles abandoned, missed and expired calls itself. Worked-example
 * rates: 30 + 12 coins a minute, 0.7 coin a second.
 */
class MeteredCallTest {

  private static final String SHORT = "caller-short";

  private CallbillTestDriver billing;

  @BeforeEach
  void measuredBilling() {
    billing = measured();
  }

  @AfterEach
  void closeDriver() {
    billing.close();
  }

  private static CallbillTestDriver measured(String... keysAndValues) {
    CallbillTestDriver driver = workedExample(new CallbillTestDriver(BillingFixtures.config(Metering.MEASURED,
        keysAndValues)));
    driver.caller(SHORT).credit(SHORT, 35, "p-short");   // 35 coins: 50 seconds
    return driver;
  }

  private String startAndAccept(String caller) {
    String callId = callId(billing.start(caller, RECEIVER, CallType.audio));
    assertThat(billing.accept(RECEIVER, caller, callId).getHttpStatus()).isEqualTo(200);
    return callId;
  }

  // ---- the claim does not decide the bill --------------------------------------------------------------------------

  @Test
  void anUnderReportedCallIsBilledAsMeasuredAndFlaggedDisputed() {
    String callId = startAndAccept(CALLER);
    billing.advance(Duration.ofSeconds(40));

    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 10));

    assertThat(s.getMeasuredDuration()).isEqualTo(40);
    assertThat(s.getReportedDuration()).isEqualTo(10);
    assertThat(s.getDuration()).isEqualTo(40);
    assertThat(s.getTotalCoins()).isEqualTo(28);
    assertThat(s.getDurationDisputed()).isTrue();
    assertThat(billing.callHistory()).singleElement().satisfies(r -> {
      assertThat(r.getDurationDisputed()).isTrue();
      assertThat(r.getMetering()).isEqualTo("measured");
      assertThat(r.getConnectedAt()).isEqualTo(r.getAcceptedAt());
    });
    assertThat(closedEvent(CallEventType.settled).getDurationDisputed()).isTrue();
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840 - 28);
  }

  @Test
  void aClaimWithinTheSkewOfTheMeasuredTimeIsNotDisputed() {
    String callId = startAndAccept(CALLER);
    billing.advance(Duration.ofSeconds(40));

    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 44));

    assertThat(s.getDurationDisputed()).isFalse();
    assertThat(s.getTotalCoins()).isEqualTo(28);
  }

  @Test
  void aClaimOfZeroWithinTheSkewOfTheConnectIsNotConnectedAndFree() {
    String callId = startAndAccept(CALLER);
    billing.advance(Duration.ofSeconds(3));

    CommandReply reply = billing.endByCaller(CALLER, RECEIVER, callId, 0);

    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.NOT_CONNECTED);
    assertThat(billing.callHistory()).singleElement()
        .satisfies(r -> assertThat(r.getStatus()).isEqualTo(CallStatus.not_connected));
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
  }

  @Test
  void aClaimOfZeroAfterFortySecondsIsBilledAsMeasured() {
    // The first caller of issue 9: talked 40 s, claimed 0, paid nothing.
    String callId = startAndAccept(CALLER);
    billing.advance(Duration.ofSeconds(40));

    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 0));

    assertThat(s.getTotalCoins()).isEqualTo(28);
    assertThat(s.getDurationDisputed()).isTrue();
  }

  @Test
  void endingBeforeTheAcceptIsNotConnectedAndFree() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(20));

    CommandReply reply = billing.endByCaller(CALLER, RECEIVER, callId, 20);

    assertThat(reply.getMessage()).isEqualTo(Messages.NOT_CONNECTED);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
    assertThat(billing.callHistory()).singleElement().satisfies(r -> {
      assertThat(r.getStatus()).isEqualTo(CallStatus.not_connected);
      assertThat(r.getConnectedAt()).isNull();
    });
  }

  // ---- cutoff at the balance ---------------------------------------------------------------------------------------

  @Test
  void aCallPastTheBalanceIsCutOffAtExactlyMaxSecondsAndChargedWhatThatCosts() {
    // The second caller of issue 9: 35 coins pay for 50 s; he talks on.
    String callId = startAndAccept(SHORT);
    billing.advance(Duration.ofSeconds(49));
    assertThat(billing.session(SHORT)).isNotNull();
    billing.advance(Duration.ofSeconds(11));

    assertThat(billing.session(SHORT)).isNull();
    CallRecord record = billing.callHistory().get(0);
    assertThat(record.getStatus()).isEqualTo(CallStatus.completed);
    assertThat(record.getEndedBy()).isEqualTo(CallParty.cutoff);
    assertThat(record.getDuration()).isEqualTo(50);
    assertThat(record.getTotalCoins()).isEqualTo(35);
    assertThat(record.getEndedAt()).isEqualTo(record.getConnectedAt().plusSeconds(50));
    assertThat(billing.callerBalance(SHORT)).isZero();
    assertThat(closedEvent(CallEventType.cutoff).getCallId()).isEqualTo(callId);
    assertThat(billing.activeCallUpdates()).last().isNull();
  }

  @Test
  void anEndAfterACutoffGetsThatSettlementAndIsNotChargedTwice() {
    String callId = startAndAccept(SHORT);
    billing.advance(Duration.ofSeconds(60));

    CommandReply byCaller = billing.endByCaller(SHORT, RECEIVER, callId, 60);
    CommandReply byReceiver = billing.endByReceiver(RECEIVER, SHORT, callId, 60);

    assertThat(byCaller.getHttpStatus()).isEqualTo(200);
    assertThat(settlement(byCaller).getTotalCoins()).isEqualTo(35);
    assertThat(settlement(byCaller).getEndedBy()).isEqualTo(CallParty.cutoff);
    assertThat(settlement(byReceiver)).isEqualTo(settlement(byCaller));
    assertThat(billing.callerBalance(SHORT)).isZero();
    assertThat(billing.callHistory()).hasSize(1);
    LedgerEntry receiverEntry = billing.ledger().stream()
        .filter(e -> callId.equals(e.getRelatedId()) && AccountKeys.receiver(RECEIVER).equals(e.getAccountKey()))
        .reduce((a, b) -> b).orElseThrow();
    assertThat(settlement(byCaller).getReceiverNewBalance())
        .isEqualTo(receiverEntry.getBalanceAfter().longValueExact());
  }

  @Test
  void aTopUpDuringTheCallExtendsItsMaxSecondsAndMovesTheCutoff() {
    String callId = startAndAccept(SHORT);
    billing.advance(Duration.ofSeconds(20));

    billing.credit(SHORT, 35, "p-short-2");

    assertThat(billing.session(SHORT).getMaxSeconds()).isEqualTo(100);
    assertThat(((ActiveSessionInfo) billing.activeCall(SHORT).getData()).getMaxSeconds()).isEqualTo(100);
    assertThat(billing.activeCallUpdates()).last().extracting(ActiveCall::getMaxSeconds).isEqualTo(100L);
    billing.advance(Duration.ofSeconds(40));
    assertThat(billing.session(SHORT)).as("past the old cutoff").isNotNull();
    billing.advance(Duration.ofSeconds(50));

    CallRecord record = billing.callHistory().get(0);
    assertThat(record.getCallId()).isEqualTo(callId);
    assertThat(record.getEndedBy()).isEqualTo(CallParty.cutoff);
    assertThat(record.getDuration()).isEqualTo(100);
    assertThat(record.getTotalCoins()).isEqualTo(70);
    assertThat(billing.callerBalance(SHORT)).isZero();
  }

  @Test
  void theCutoffWarningIsEmittedOnceAWarningWindowBeforeTheCutoff() {
    billing.caller("seventy").credit("seventy", 70, "p-70");   // 100 s; warned at 40 s
    String callId = startAndAccept("seventy");
    billing.advance(Duration.ofSeconds(39));
    assertThat(events(CallEventType.cutoff_warning)).isEmpty();
    billing.advance(Duration.ofSeconds(2));
    billing.advance(Duration.ofSeconds(2));
    billing.advance(Duration.ofSeconds(20));

    assertThat(events(CallEventType.cutoff_warning)).singleElement().satisfies(e -> {
      assertThat(e.getCallId()).isEqualTo(callId);
      assertThat(e.getMaxSeconds()).isEqualTo(100);
    });
    assertThat(billing.session("seventy").getCutoffWarningEmitted()).isTrue();
  }

  @Test
  void aTopUpAfterTheWarningReArmsItForTheNewCutoff() {
    billing.caller("seventy").credit("seventy", 70, "p-70");
    startAndAccept("seventy");
    billing.advance(Duration.ofSeconds(45));
    billing.credit("seventy", 70, "p-70-2");   // 200 s now: warned again at 140 s

    assertThat(billing.session("seventy").getCutoffWarningEmitted()).isFalse();
    billing.advance(Duration.ofSeconds(100));
    assertThat(events(CallEventType.cutoff_warning)).extracting(CallEvent::getMaxSeconds).containsExactly(100L, 200L);
  }

  // ---- heartbeats and abandoned calls ------------------------------------------------------------------------------

  @Test
  void aHeartbeatIsAnsweredWithTheConfirmedSecondsAndTheSecondsLeft() {
    String callId = startAndAccept(SHORT);
    billing.advance(Duration.ofSeconds(20));

    CommandReply reply = billing.heartbeatByReceiver(RECEIVER, SHORT, callId);

    CallProgress progress = (CallProgress) reply.getData();
    assertThat(reply.getMessage()).isEqualTo(Messages.HEARTBEAT_RECORDED);
    assertThat(progress.getConfirmedSeconds()).isEqualTo(20);
    assertThat(progress.getSecondsLeft()).isEqualTo(30);
    assertThat(progress.getMaxSeconds()).isEqualTo(50);
    assertThat(billing.heartbeatByReceiver("receiver-2", SHORT, callId).getHttpStatus()).isEqualTo(404);
  }

  @Test
  void aCallWhoseHeartbeatsStopIsSettledAbandonedAtTheLastHeartbeat() {
    // The third caller of issue 9 vanished; here after 40 s of heartbeats.
    String callId = startAndAccept(CALLER);
    billing.advance(Duration.ofSeconds(20));
    billing.heartbeatByCaller(CALLER, callId);
    billing.advance(Duration.ofSeconds(20));
    billing.heartbeatByReceiver(RECEIVER, CALLER, callId);
    billing.advance(Duration.ofSeconds(59));
    assertThat(billing.session(CALLER)).isNotNull();
    billing.advance(Duration.ofSeconds(2));

    assertThat(billing.session(CALLER)).isNull();
    CallRecord record = billing.callHistory().get(0);
    assertThat(record.getStatus()).isEqualTo(CallStatus.completed);
    assertThat(record.getEndedBy()).isEqualTo(CallParty.abandoned);
    assertThat(record.getMeasuredDuration()).isEqualTo(40);
    assertThat(record.getTotalCoins()).isEqualTo(28);
    assertThat(record.getLastHeartbeatAt()).isEqualTo(record.getConnectedAt().plusSeconds(40));
    assertThat(closedEvent(CallEventType.abandoned).getCallId()).isEqualTo(callId);
  }

  @Test
  void anEndAfterAnAbandonGetsThatSettlement() {
    String callId = startAndAccept(CALLER);
    billing.advance(Duration.ofSeconds(10));
    billing.heartbeatByPlatform(CALLER, callId);
    billing.advance(Duration.ofSeconds(120));

    CommandReply late = billing.endByReceiver(RECEIVER, CALLER, callId, 130);

    assertThat(late.getHttpStatus()).isEqualTo(200);
    assertThat(settlement(late).getEndedBy()).isEqualTo(CallParty.abandoned);
    assertThat(settlement(late).getTotalCoins()).isEqualTo(21);   // 10 s confirmed: the 30 s minimum
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840 - 21);
  }

  // ---- ringing, expiry ---------------------------------------------------------------------------------------------

  @Test
  void aCallNotAcceptedWithinTheRingTimeoutIsMissedAndFreeAndTheCallerMayStartAgain() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(59));
    assertThat(billing.session(CALLER)).isNotNull();
    billing.advance(Duration.ofSeconds(2));

    assertThat(billing.session(CALLER)).isNull();
    assertThat(billing.callHistory()).singleElement().satisfies(r -> {
      assertThat(r.getCallId()).isEqualTo(callId);
      assertThat(r.getStatus()).isEqualTo(CallStatus.missed);
      assertThat(r.getTotalCoins()).isZero();
    });
    assertThat(closedEvent(CallEventType.missed).getCallId()).isEqualTo(callId);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
    assertThat(billing.endByCaller(CALLER, RECEIVER, callId, 60).getMessage()).isEqualTo(Messages.CALL_MISSED);
    assertThat(billing.start(CALLER, RECEIVER, CallType.audio).getHttpStatus()).isEqualTo(200);
  }

  @Test
  void anAcceptedCallNobodyEndsExpiresBilledToItsAcceptWithTheThirtySecondMinimum() {
    try (CallbillTestDriver ttl = measured(BillingConfig.SESSION_TTL_SECONDS, "600")) {
      String callId = callId(ttl.start(CALLER, RECEIVER, CallType.audio));
      ttl.accept(RECEIVER, CALLER, callId);
      ttl.advance(Duration.ofSeconds(601));

      assertThat(ttl.callHistory()).singleElement().satisfies(r -> {
        assertThat(r.getStatus()).isEqualTo(CallStatus.expired);
        assertThat(r.getTotalCoins()).isEqualTo(21);
      });
      assertThat(ttl.events()).filteredOn(e -> e.getType() == CallEventType.expired).hasSize(1);
      assertThat(ttl.callerBalance(CALLER)).isEqualTo(840 - 21);
    }
  }

  @Test
  void aCallWithoutAcceptOrHeartbeatExpiresFreeUnderConnectStart() {
    try (CallbillTestDriver ttl = measured(BillingConfig.SESSION_TTL_SECONDS, "600",
        BillingConfig.METERING_CONNECT, "start")) {
      String callId = callId(ttl.start(CALLER, RECEIVER, CallType.audio));
      ttl.advance(Duration.ofSeconds(601));

      assertThat(ttl.callHistory()).singleElement().satisfies(r -> {
        assertThat(r.getCallId()).isEqualTo(callId);
        assertThat(r.getStatus()).isEqualTo(CallStatus.expired);
        assertThat(r.getTotalCoins()).isZero();
      });
      assertThat(ttl.events()).filteredOn(e -> e.getType() == CallEventType.expired).hasSize(1);
      assertThat(ttl.callerBalance(CALLER)).isEqualTo(840);
    }
  }

  @Test
  void underConnectStartTheRingingIsBilled() {
    try (CallbillTestDriver fromStart = measured(BillingConfig.METERING_CONNECT, "start")) {
      String callId = callId(fromStart.start(CALLER, RECEIVER, CallType.audio));
      fromStart.advance(Duration.ofSeconds(40));

      assertThat(settlement(fromStart.endByCaller(CALLER, RECEIVER, callId, 40)).getTotalCoins()).isEqualTo(28);
    }
  }

  // ---- accept ------------------------------------------------------------------------------------------------------

  @Test
  void aSecondAcceptGetsTheSameAnswerAndChangesNothing() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(5));
    CommandReply first = billing.accept(RECEIVER, CALLER, callId);
    CommandReply second = billing.accept(RECEIVER, CALLER, callId);

    assertThat(second.getHttpStatus()).isEqualTo(200);
    assertThat(second.getMessage()).isEqualTo(first.getMessage());
    assertThat(second.getData()).isEqualTo(first.getData());
    assertThat(((CallProgress) first.getData()).getAcceptedAt()).isEqualTo(billing.now());
    assertThat(events(CallEventType.accepted)).hasSize(1);
  }

  @Test
  void anAcceptIsRefusedForSomeoneElsesOrAnUnknownCallAsAnEndIs() {
    billing.receiver("receiver-2", 1, null);
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));

    assertRefused(billing.accept("receiver-2", CALLER, callId), 400, Messages.SESSION_NOT_FOUND);
    assertRefused(billing.accept(RECEIVER, CALLER, "call_unknown"), 400, Messages.SESSION_NOT_FOUND);
    assertRefused(billing.accept("nobody", CALLER, callId), 404, Messages.USER_NOT_FOUND);
    assertThat(billing.session(CALLER).getAcceptedAt()).isNull();
  }

  // ---- the platform ------------------------------------------------------------------------------------------------

  @Test
  void thePlatformsAcceptIsTheConnectAndItsEndsDurationIsBilled() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(10));
    assertThat(billing.acceptByPlatform(CALLER, callId).getHttpStatus()).isEqualTo(200);
    billing.advance(Duration.ofSeconds(50));

    Settlement s = settlement(billing.endByPlatform(CALLER, callId, 45));

    assertThat(s.getDuration()).isEqualTo(45);
    assertThat(s.getTotalCoins()).isEqualTo(32);
    assertThat(s.getEndedBy()).isEqualTo(CallParty.platform);
    assertThat(s.getDurationDisputed()).isFalse();
    assertThat(billing.callHistory().get(0).getConnectedAt()).isEqualTo(billing.now().minusSeconds(50));
  }

  @Test
  void aPlatformsEndIsCappedAtMaxSeconds() {
    String callId = startAndAccept(SHORT);
    billing.advance(Duration.ofSeconds(30));

    Settlement s = settlement(billing.endByPlatform(SHORT, callId, 500));

    assertThat(s.getDuration()).isEqualTo(50);
    assertThat(s.getTotalCoins()).isEqualTo(35);
  }

  // ---- the session's clock and an end at the same moment -----------------------------------------------------------

  @Test
  void anEndProcessedBeforeItsCutoffDeadlineSettlesOnceAndTheDeadlineFindsItClosed() {
    String callId = startAndAccept(SHORT);
    CallCommand end = new CallCommand("end-at-cutoff", SHORT, billing.now().plusSeconds(50),
        new EndCall(callId, RECEIVER, CallParty.caller, 50L));
    CommandReply reply = billing.send(SHORT, end);
    billing.advance(Duration.ofSeconds(60));

    assertThat(settlement(reply).getTotalCoins()).isEqualTo(35);
    assertThat(settlement(reply).getEndedBy()).isEqualTo(CallParty.caller);
    assertThat(billing.callHistory()).hasSize(1);
    assertThat(events(CallEventType.cutoff)).isEmpty();
    assertThat(billing.callerBalance(SHORT)).isZero();
    assertThat(billing.deadlineStore().approximateNumEntries()).isZero();
  }

  @Test
  void everyOpenCallHasExactlyOneDeadlineEntryAndAClosedOneNone() {
    String callId = startAndAccept(CALLER);
    startAndAccept(SHORT);
    assertThat(countDeadlines()).isEqualTo(2);
    billing.advance(Duration.ofSeconds(40));
    billing.endByCaller(CALLER, RECEIVER, callId, 40);
    assertThat(countDeadlines()).isEqualTo(1);
  }

  private long countDeadlines() {
    long count = 0;
    try (var all = billing.deadlineStore().all()) {
      while (all.hasNext()) {
        all.next();
        count++;
      }
    }
    return count;
  }

  private List<CallEvent> events(CallEventType type) {
    return billing.events().stream().filter(e -> e.getType() == type).toList();
  }

  private CallEvent closedEvent(CallEventType type) {
    return events(type).stream().reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " event"));
  }

  private static void assertRefused(CommandReply reply, int status, String message) {
    assertThat(reply.getHttpStatus()).isEqualTo(status);
    assertThat(reply.getSuccess()).isFalse();
    assertThat(reply.getMessage()).isEqualTo(message);
  }
}
