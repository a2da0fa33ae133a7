package io.callbill.billing.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How one of our users tests their own flows against the real billing topology, without a broker.
 *
 * <p>Add the test kit to your build:
 * <pre>{@code
 * <dependency>
 *   <groupId>io.callbill</groupId>
 *   <artifactId>callbill-billing-streams</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and {@code org.apache.kafka:kafka-streams-test-utils} (test-scoped dependencies of a test-jar do not come along),
 * then publish your reference data, send commands and move the clock with {@link CallbillTestDriver}. Every method
 * used here is public API of the kit; this class deliberately lives outside the topology's package.
 */
class UserSuiteExampleTest {

  private final CallbillTestDriver billing = new CallbillTestDriver();

  @AfterEach
  void closeTheDriver() {
    billing.close();
  }

  @Test
  void aCallerWith840CoinsTalks180SecondsPays126ReceiverEarns90PlatformKeeps36() {
    // Level 1 pays the receiver 30 coins a minute for audio; the platform adds 12 a minute on top.
    billing.level(1, "30", "40", "12", "12")
        .receiver("anna", 1, null)
        .caller("bob");
    billing.credit("bob", 840, "purchase-1");

    CommandReply started = billing.start("bob", "anna", CallType.audio);
    String callId = ((StartAccepted) started.getData()).getCallId();
    // anna answers: billing measures the call from here (under clamp the accept is only recorded).
    billing.accept("anna", "bob", callId);
    billing.advance(Duration.ofSeconds(180));
    CommandReply ended = billing.endByCaller("bob", "anna", callId, 180);

    Settlement settlement = (Settlement) ended.getData();
    assertThat(settlement.getTotalCoins()).isEqualTo(126);
    assertThat(settlement.getFemaleEarning()).isEqualTo(90);
    assertThat(settlement.getPlatformMargin()).isEqualTo(36);
    assertThat(settlement.getCallerRemainingBalance()).isEqualTo(714);
    assertThat(settlement.getReceiverNewBalance()).isEqualTo(90);

    // The call is over: no active call any more, and its record says completed.
    assertThat(billing.session("bob")).isNull();
    assertThat(billing.activeCall("bob").getData()).isNull();
    assertThat(billing.callHistory()).singleElement()
        .satisfies(call -> assertThat(call.getStatus()).isEqualTo(CallStatus.completed));

    // The ledger balances: bob's debit is exactly what anna and the platform were credited.
    List<LedgerEntry> ofCall = billing.ledger().stream().filter(e -> callId.equals(e.getRelatedId())).toList();
    assertThat(ofCall).extracting(LedgerEntry::getUserType)
        .containsExactlyInAnyOrder(AccountType.caller, AccountType.receiver, AccountType.platform);
    assertThat(ofCall.stream().map(UserSuiteExampleTest::signed).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("0");

    // Wallets as the topology keeps them: callers in coins, everyone else in hundredths of a coin.
    assertThat(billing.callerBalance("bob")).isEqualTo(714);
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver("anna"))).isEqualTo(9000);
  }

  @Test
  void whenBothSidesHangUpTheCallIsChargedOnce() {
    billing.level(1, "30", "40", "12", "12").receiver("anna", 1, null).caller("bob");
    billing.credit("bob", 840, "purchase-1");
    String callId = ((StartAccepted) billing.start("bob", "anna", CallType.audio).getData()).getCallId();
    billing.accept("anna", "bob", callId);
    billing.advance(Duration.ofSeconds(180));

    CommandReply byBob = billing.endByCaller("bob", "anna", callId, 180);
    CommandReply byAnna = billing.endByReceiver("anna", "bob", callId, 179);

    assertThat(byAnna.getData()).isEqualTo(byBob.getData());
    assertThat(billing.callerBalance("bob")).isEqualTo(714);
    assertThat(billing.ledger()).filteredOn(e -> e.getUserType() == AccountType.caller
        && e.getAction() == LedgerAction.debit).hasSize(1);
  }

  private static BigDecimal signed(LedgerEntry entry) {
    return entry.getAction() == LedgerAction.debit ? entry.getAmount().negate() : entry.getAmount();
  }
}
