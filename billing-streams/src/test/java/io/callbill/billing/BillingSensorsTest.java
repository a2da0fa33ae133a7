package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.WalletQuery;
import io.callbill.billing.deadletter.DeadLetterCounts;
import io.callbill.billing.metrics.BillingSensors;
import io.callbill.billing.metrics.RefusalReasons;
import io.callbill.billing.reply.Messages;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Billing's sensors, read as any TopologyTestDriver user can ({@code driver.metrics()}): each business event counted
 * once under its bounded tags, the counters there at zero before anything happened.
 */
class BillingSensorsTest extends WorkedExampleBilling {

  private final SimpleMeterRegistry deadLetters = new SimpleMeterRegistry();

  @BeforeEach
  void countDeadLetters() {
    Metrics.addRegistry(deadLetters);
  }

  @AfterEach
  void stopCountingDeadLetters() {
    Metrics.removeRegistry(deadLetters);
  }

  @Test
  void countersExistAtZeroBeforeAnything() {
    try (var fresh = new io.callbill.billing.testkit.CallbillTestDriver()) {
      Map<MetricName, ? extends Metric> metrics = fresh.driver().metrics();
      assertThat(sum(metrics, BillingSensors.CALLS_STARTED)).isZero();
      assertThat(sum(metrics, BillingSensors.COINS_CHARGED)).isZero();
      assertThat(sum(metrics, BillingSensors.PAYOUTS)).isZero();
      for (String reason : RefusalReasons.all()) {
        assertThat(has(metrics, BillingSensors.COMMANDS_REFUSED, BillingSensors.REASON_TAG, reason))
            .as(reason).isTrue();
      }
    }
  }

  @Test
  void aSettledCallCountsItsStartItsStatusAndWhoEndedItAndItsCoins() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(180));
    billing.endByCaller(CALLER, RECEIVER, callId, 180);
    // The other side's end of the same call replays the settlement: no second settlement, no second charge.
    billing.endByReceiver(RECEIVER, CALLER, callId, 180);

    assertThat(metric(BillingSensors.CALLS_STARTED)).isEqualTo(1);
    assertThat(metric(BillingSensors.CALLS_SETTLED, BillingSensors.STATUS_TAG, "completed",
        BillingSensors.ENDED_BY_TAG, "caller")).isEqualTo(1);
    assertThat(metric(BillingSensors.CALLS_SETTLED)).isEqualTo(1);
    assertThat(metric(BillingSensors.COINS_CHARGED)).isEqualTo(126);
  }

  @Test
  void aCallNobodyAnswersIsSettledByBillingAndCountedByItsDeadlinePunctuation() {
    billing.close();
    // The default metering: a call nobody accepts is closed as missed at the ring timeout.
    billing = BillingFixtures.workedExample(new io.callbill.billing.testkit.CallbillTestDriver());
    billing.start(CALLER, RECEIVER, CallType.audio);
    assertThat(metric(BillingSensors.DEADLINES_DUE + "-total")).isZero();

    for (int i = 0; i < 12; i++) {
      billing.advance(Duration.ofSeconds(10));
    }

    assertThat(metric(BillingSensors.DEADLINE_PUNCTUATIONS)).isPositive();
    assertThat(metric(BillingSensors.DEADLINES_DUE + "-total")).isPositive();
    assertThat(metric(BillingSensors.CALLS_SETTLED, BillingSensors.ENDED_BY_TAG, BillingSensors.NOBODY))
        .isEqualTo(1);
    assertThat(metric(BillingSensors.COINS_CHARGED)).isZero();
  }

  @Test
  void refusalsCountUnderTheirReasonAndARefusedCommandAsADeadLetterOfItsTopic() {
    billing.start(CALLER, "nobody", CallType.audio);
    billing.send("someone-else", new CallCommand("cmd-1", CALLER, billing.now(), new WalletQuery()));

    assertThat(metric(BillingSensors.COMMANDS_REFUSED, BillingSensors.REASON_TAG,
        RefusalReasons.of(Messages.RECEIVER_NOT_FOUND))).isEqualTo(1);
    assertThat(metric(BillingSensors.COMMANDS_REFUSED, BillingSensors.REASON_TAG, "caller_mismatch")).isEqualTo(1);
    assertThat(metric(BillingSensors.COMMANDS_REFUSED)).isEqualTo(2);
    assertThat(deadLetters.get(DeadLetterCounts.NAME)
        .tags(DeadLetterCounts.TOPIC_TAG, billing.topics().callCommands.name(),
            DeadLetterCounts.CAUSE_TAG, DeadLetterCounts.REFUSED).counter().count()).isEqualTo(1);
  }

  @Test
  void refundsAndPayoutsCountTheirNumberAndCoins() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(180));
    billing.endByCaller(CALLER, RECEIVER, callId, 180);

    billing.refund(CALLER, callId, 10L, "dispute-1");
    billing.refund(CALLER, callId, 10L, "dispute-1");
    billing.payout(AccountType.receiver, RECEIVER, "40.50", "bank-1");
    billing.payout(AccountType.receiver, RECEIVER, "1000", "bank-2");

    assertThat(metric(BillingSensors.REFUNDS)).isEqualTo(1);
    assertThat(metric(BillingSensors.REFUNDED_COINS)).isEqualTo(10);
    assertThat(metric(BillingSensors.PAYOUTS)).isEqualTo(1);
    assertThat(metric(BillingSensors.PAID_OUT_COINS)).isEqualTo(40.5);
    assertThat(metric(BillingSensors.COMMANDS_REFUSED, BillingSensors.REASON_TAG, "payout_not_covered"))
        .isEqualTo(1);
  }

  @Test
  void aMessageOutsideTheTableIsOtherAndARefundAboveTheChargeHasOneReasonWhateverItsAmount() {
    assertThat(RefusalReasons.of("something new")).isEqualTo(RefusalReasons.OTHER);
    assertThat(RefusalReasons.of(Messages.refundExceeds(3))).isEqualTo(RefusalReasons.of(Messages.refundExceeds(57)))
        .isEqualTo("refund_exceeds");
  }

  private double metric(String name, String... tags) {
    return sum(billing.driver().metrics(), name, tags);
  }

  /** The sum over every thread's series of {@code name} whose tags include {@code tags}. */
  private static double sum(Map<MetricName, ? extends Metric> metrics, String name, String... tags) {
    return metrics.entrySet().stream().filter(entry -> matches(entry.getKey(), name, tags))
        .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue()).sum();
  }

  private static boolean has(Map<MetricName, ? extends Metric> metrics, String name, String... tags) {
    return metrics.keySet().stream().anyMatch(metricName -> matches(metricName, name, tags));
  }

  private static boolean matches(MetricName metricName, String name, String... tags) {
    if (!metricName.group().equals(BillingSensors.GROUP) || !metricName.name().equals(name)) {
      return false;
    }
    for (int i = 0; i + 1 < tags.length; i += 2) {
      if (!tags[i + 1].equals(metricName.tags().get(tags[i]))) {
        return false;
      }
    }
    return true;
  }
}
