package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static io.callbill.billing.BillingFixtures.settlement;
import static io.callbill.billing.BillingFixtures.workedExample;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.EndCall;
import io.callbill.avro.EndShortfall;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Settlement;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule of the seed's endCall (both sides) and the seed defects we fix at end. */
class EndCallTest extends WorkedExampleBilling {

  private String startAndTalk(long seconds) {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(seconds));
    return callId;
  }

  @Test
  void workedExample180SecondsCharges126Earns90Margin36Leaves714() {
    String callId = startAndTalk(180);

    CommandReply reply = billing.endByCaller(CALLER, RECEIVER, callId, 180);

    assertThat(reply.getHttpStatus()).isEqualTo(200);
    assertThat(reply.getMessage()).isEqualTo(Messages.CALL_ENDED);
    Settlement s = settlement(reply);
    assertThat(s.getCallId()).isEqualTo(callId);
    assertThat(s.getDuration()).isEqualTo(180);
    assertThat(s.getBillableDuration()).isEqualTo(180);
    assertThat(s.getTotalCoins()).isEqualTo(126);
    assertThat(s.getCoinsDeducted()).isEqualTo(126);
    assertThat(s.getFemaleEarning()).isEqualTo(90);
    assertThat(s.getPlatformMargin()).isEqualTo(36);
    assertThat(s.getAdminEarned()).isEqualByComparingTo("36");
    assertThat(s.getAgencyEarned()).isEqualByComparingTo("0");
    assertThat(s.getCallerRemainingBalance()).isEqualTo(714);
    assertThat(s.getReceiverNewBalance()).isEqualTo(90);
    assertThat(s.getFemaleEarningPerSecond()).isEqualByComparingTo("0.5");
    assertThat(s.getPlatformMarginPerSecond()).isEqualByComparingTo("0.2");
    assertThat(s.getRatingRequired()).isTrue();
    assertThat(billing.callerBalance(CALLER)).isEqualTo(714);
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver(RECEIVER))).isEqualTo(9000);
  }

  @Test
  void settlementIsRecordedAsACompletedCallAndClosesTheSession() {
    String callId = startAndTalk(180);
    billing.endByCaller(CALLER, RECEIVER, callId, 180);

    CallRecord record = billing.callHistory().get(0);
    assertThat(record.getCallId()).isEqualTo(callId);
    assertThat(record.getStatus()).isEqualTo(CallStatus.completed);
    assertThat(record.getTotalCoins()).isEqualTo(126);
    assertThat(record.getFemaleEarningPerMinute()).isEqualByComparingTo("30");
    assertThat(record.getPlatformMarginPerMinute()).isEqualByComparingTo("12");
    assertThat(record.getEndedBy()).isEqualTo(CallParty.caller);
    assertThat(billing.session(CALLER)).isNull();
    assertThat(billing.activeCallUpdates()).last().isNull();
    assertThat(billing.activeCall(CALLER).getData()).isNull();
    assertThat(billing.events()).extracting(e -> e.getType())
        .containsExactly(CallEventType.started, CallEventType.settled);
  }

  @Test
  void everySettlementWritesBalancedLedgerEntriesForEveryParty() {
    String callId = startAndTalk(180);
    billing.endByCaller(CALLER, RECEIVER, callId, 180);

    Map<AccountType, LedgerEntry> entries = new java.util.EnumMap<>(AccountType.class);
    billing.ledger().stream().filter(e -> callId.equals(e.getRelatedId()))
        .forEach(e -> entries.put(e.getUserType(), e));
    assertThat(entries).containsOnlyKeys(AccountType.caller, AccountType.receiver, AccountType.platform);
    assertThat(entries.get(AccountType.caller).getAction()).isEqualTo(LedgerAction.debit);
    assertThat(entries.get(AccountType.caller).getBalanceAfter()).isEqualByComparingTo("714");
    assertThat(entries.get(AccountType.receiver).getBalanceAfter()).isEqualByComparingTo("90");
    // Seed defect 6: the platform's share has its own ledger entry.
    assertThat(entries.get(AccountType.platform).getAmount()).isEqualByComparingTo("36");
    BigDecimal credits = entries.values().stream().filter(e -> e.getAction() == LedgerAction.credit)
        .map(LedgerEntry::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(credits).isEqualByComparingTo(entries.get(AccountType.caller).getAmount());
  }

  @Test
  void agencyReceiverSplitsTheMarginInHundredthsBetweenPlatformAndAgency() {
    billing.platform(0, "60").receiver("receiver-a", 1, "agency-1");
    String callId = callId(billing.start(CALLER, "receiver-a", CallType.audio));
    billing.advance(Duration.ofSeconds(180));

    Settlement s = settlement(billing.endByCaller(CALLER, "receiver-a", callId, 180));

    assertThat(s.getPlatformMargin()).isEqualTo(36);
    assertThat(s.getAdminEarned()).isEqualByComparingTo("21.60");
    assertThat(s.getAgencyEarned()).isEqualByComparingTo("14.40");
    assertThat(billing.accountBalanceHundredths(AccountKeys.agency("agency-1"))).isEqualTo(1440);
    assertThat(billing.ledger()).filteredOn(e -> e.getUserType() == AccountType.agency).singleElement()
        .satisfies(e -> assertThat(e.getBalanceAfter()).isEqualByComparingTo("14.40"));
  }

  @Test
  void receiverCanEndTheCallMadeToHer() {
    String callId = startAndTalk(180);

    CommandReply reply = billing.endByReceiver(RECEIVER, CALLER, callId, 180);

    assertThat(settlement(reply).getTotalCoins()).isEqualTo(126);
    assertThat(billing.callHistory().get(0).getEndedBy()).isEqualTo(CallParty.receiver);
  }

  @Test
  void bothSidesEndingTheSameCallSettleOnceAndTheSecondGetsTheSameResult() {
    String callId = startAndTalk(180);

    CommandReply byCaller = billing.endByCaller(CALLER, RECEIVER, callId, 180);
    CommandReply byReceiver = billing.endByReceiver(RECEIVER, CALLER, callId, 175);

    assertThat(byReceiver.getHttpStatus()).isEqualTo(200);
    assertThat(settlement(byReceiver)).isEqualTo(settlement(byCaller));
    assertThat(billing.callerBalance(CALLER)).isEqualTo(714);
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver(RECEIVER))).isEqualTo(9000);
    assertThat(billing.callHistory()).hasSize(1);
    assertThat(billing.ledger()).filteredOn(e -> callId.equals(e.getRelatedId())).hasSize(3);
  }

  @Test
  void aRetriedEndWithTheSameCommandIdChargesOnce() {
    String callId = startAndTalk(180);
    EndCall end = new EndCall(callId, RECEIVER, CallParty.caller, 180L);

    CommandReply first = billing.send(CALLER, "end-1", end);
    CommandReply retried = billing.send(CALLER, "end-1", end);

    assertThat(settlement(retried)).isEqualTo(settlement(first));
    assertThat(billing.callerBalance(CALLER)).isEqualTo(714);
  }

  @Test
  void endOfAnUnknownCallIsRefused() {
    startAndTalk(60);
    assertRefused(billing.endByCaller(CALLER, RECEIVER, "call_unknown", 60), 400, Messages.SESSION_NOT_FOUND);
    assertThat(billing.session(CALLER)).isNotNull();
  }

  @Test
  void receiverCannotEndACallMadeToSomeoneElse() {
    billing.receiver("receiver-2", 1, null);
    String callId = startAndTalk(60);

    assertRefused(billing.endByReceiver("receiver-2", CALLER, callId, 60), 400, Messages.SESSION_NOT_FOUND);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
  }

  @Test
  void anotherCallerCannotEndTheCall() {
    billing.caller("caller-2").credit("caller-2", 100, "p-2");
    String callId = startAndTalk(60);

    assertRefused(billing.endByCaller("caller-2", RECEIVER, callId, 60), 400, Messages.SESSION_NOT_FOUND);
    assertThat(billing.session(CALLER).getCallId()).isEqualTo(callId);
  }

  @Test
  void endWithAnUnknownUserIsRefusedWith404() {
    assertRefused(billing.endByCaller(CALLER, "nobody", "call_x", 60), 404, Messages.USER_NOT_FOUND);
  }

  @Test
  void negativeDurationIsRefusedAndChangesNothing() {
    String callId = startAndTalk(60);
    assertRefused(billing.endByCaller(CALLER, RECEIVER, callId, -5), 400, Messages.DURATION_NEGATIVE);
    assertThat(billing.session(CALLER)).isNotNull();
  }

  @Test
  void zeroDurationClosesTheSessionWithoutCharge() {
    // Seed defect 3: the seed answered "did not connect" but left the session open for two hours.
    String callId = startAndTalk(10);

    assertRefused(billing.endByCaller(CALLER, RECEIVER, callId, 0), 400, Messages.NOT_CONNECTED);

    assertThat(billing.session(CALLER)).isNull();
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
    assertThat(billing.callHistory()).singleElement()
        .satisfies(r -> assertThat(r.getStatus()).isEqualTo(CallStatus.not_connected));
    assertThat(billing.start(CALLER, RECEIVER, CallType.audio).getSuccess()).isTrue();
  }

  @Test
  void shortCallIsBilledTheThirtySecondMinimum() {
    String callId = startAndTalk(10);
    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 10));

    assertThat(s.getDuration()).isEqualTo(10);
    assertThat(s.getBillableDuration()).isEqualTo(30);
    assertThat(s.getTotalCoins()).isEqualTo(21);
  }

  @Test
  void fortyPlusTenPerMinuteForThirtySecondsChargesExactly25() {
    billing.level(1, "30", "40", "10", "10");
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.video));
    billing.advance(Duration.ofSeconds(30));

    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 30));

    assertThat(s.getTotalCoins()).isEqualTo(25);
    assertThat(s.getFemaleEarning()).isEqualTo(20);
    assertThat(s.getPlatformMargin()).isEqualTo(5);
  }

  @Test
  void ratesAreFrozenAtStartWhateverChangesLater() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.level(1, "90", "120", "30", "30");
    billing.advance(Duration.ofSeconds(180));

    assertThat(settlement(billing.endByCaller(CALLER, RECEIVER, callId, 180)).getTotalCoins()).isEqualTo(126);
  }

  @Test
  void theFrozenCallTypeIsBilledNotTheOneOfTheEndRequest() {
    // Seed defect 8: the end request's callType overrode the frozen one. EndCall carries none; the record keeps
    // the type the call started with.
    String callId = startAndTalk(180);
    billing.endByCaller(CALLER, RECEIVER, callId, 180);
    assertThat(billing.callHistory().get(0).getCallType()).isEqualTo(CallType.audio);
  }

  @Test
  void clampPolicyBillsAtMostTheMeasuredTimePlusSkew() {
    // Seed defect 5: the client's duration is not trusted beyond what we measured (180 s + 5 s skew).
    String callId = startAndTalk(180);

    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 1000));

    assertThat(s.getReportedDuration()).isEqualTo(1000);
    assertThat(s.getMeasuredDuration()).isEqualTo(180);
    assertThat(s.getDuration()).isEqualTo(185);
    assertThat(s.getTotalCoins()).isEqualTo(130);
  }

  @Test
  void underClampAnAcceptIsOnlyRecordedAndTheCallIsMeasuredFromItsStart() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(10));
    assertThat(billing.accept(RECEIVER, CALLER, callId).getHttpStatus()).isEqualTo(200);
    billing.advance(Duration.ofSeconds(170));

    Settlement s = settlement(billing.endByCaller(CALLER, RECEIVER, callId, 180));

    assertThat(s.getMeasuredDuration()).isEqualTo(180);
    assertThat(s.getTotalCoins()).isEqualTo(126);
    CallRecord record = billing.callHistory().get(0);
    assertThat(record.getAcceptedAt()).isEqualTo(record.getStartedAt().plusSeconds(10));
    assertThat(record.getConnectedAt()).isEqualTo(record.getStartedAt());
    assertThat(record.getMetering()).isEqualTo("clamp");
    assertThat(billing.events()).extracting(e -> e.getType())
        .containsExactly(CallEventType.started, CallEventType.accepted, CallEventType.settled);
  }

  @Test
  void reportedPolicyBillsTheClientsDurationAsTheSeedDid() {
    try (CallbillTestDriver reported = workedExample(new CallbillTestDriver(
        new BillingConfig(Map.of(BillingConfig.DURATION_POLICY, "reported"))))) {
      String callId = callId(reported.start(CALLER, RECEIVER, CallType.audio));
      reported.advance(Duration.ofSeconds(60));

      assertThat(settlement(reported.endByCaller(CALLER, RECEIVER, callId, 180)).getTotalCoins()).isEqualTo(126);
    }
  }

  @Test
  void endBeyondTheBalanceIsRecordedAsInsufficientCoinsWithNoCharge() {
    try (CallbillTestDriver reported = workedExample(new CallbillTestDriver(
        new BillingConfig(Map.of(BillingConfig.DURATION_POLICY, "reported"))))) {
      String callId = callId(reported.start(CALLER, RECEIVER, CallType.audio));
      reported.advance(Duration.ofSeconds(60));

      CommandReply reply = reported.endByCaller(CALLER, RECEIVER, callId, 1300);

      assertRefused(reply, 400, Messages.INSUFFICIENT_COINS);
      EndShortfall data = (EndShortfall) reply.getData();
      assertThat(data.getRequired()).isEqualTo(910);
      assertThat(data.getAvailable()).isEqualTo(840);
      assertThat(data.getShortfall()).isEqualTo(70);
      assertThat(data.getCallId()).isEqualTo(callId);
      assertThat(reported.callerBalance(CALLER)).isEqualTo(840);
      assertThat(reported.session(CALLER)).isNull();
      assertThat(reported.callHistory()).singleElement().satisfies(r -> {
        assertThat(r.getStatus()).isEqualTo(CallStatus.insufficient_coins);
        assertThat(r.getTotalCoins()).isZero();
        assertThat(r.getErrorMessage()).isEqualTo("Insufficient coins. Required: 910, Available: 840");
      });
      assertThat(reported.ledger()).filteredOn(e -> callId.equals(e.getRelatedId())).isEmpty();
    }
  }

  private static void assertRefused(CommandReply reply, int status, String message) {
    assertThat(reply.getHttpStatus()).isEqualTo(status);
    assertThat(reply.getSuccess()).isFalse();
    assertThat(reply.getMessage()).isEqualTo(message);
  }
}
