package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.AGENCY;
import static io.callbill.billing.BillingFixtures.AGENCY_RECEIVER;
import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static io.callbill.billing.BillingFixtures.settlement;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallType;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Settlement;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.billing.testkit.WrittenRecords;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.CachingKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * How many records one settled call writes to the broker (outputs, account credits, changelogs and repartition
 * topics), counted under the default metering (start, the receiver's accept, the end). The write amplification is
 * the cost every call pays in broker bytes and transaction work; this pins the figure so that a fold of records is
 * proven by a smaller count here, and an accidental extra write fails the test. Printed per command and per topic.
 */
class RecordsPerCallTest {

  @Test
  void aCallWithoutAnAgency() {
    try (CallbillTestDriver billing = BillingFixtures.workedExample(new CallbillTestDriver())) {
      Map<String, Map<String, Integer>> written = settleOneCall(billing, RECEIVER);

      print("without an agency", written);
      assertThat(cachingLayer(billing.driver().getKeyValueStore(BillingStores.CALL_SESSIONS))).isFalse();
      assertThat(total(written)).isEqualTo(Expected.WITHOUT_AGENCY);
    }
  }

  @Test
  void aCallWithAnAgency() {
    try (CallbillTestDriver billing = BillingFixtures.workedExample(new CallbillTestDriver())) {
      billing.platform(0, "60").receiver(AGENCY_RECEIVER, 1, AGENCY);

      Map<String, Map<String, Integer>> written = settleOneCall(billing, AGENCY_RECEIVER);

      print("with an agency", written);
      assertThat(total(written)).isEqualTo(Expected.WITH_AGENCY);
    }
  }

  /**
   * With the record cache on every store. The test driver commits after every input record, so this shows only what
   * the cache folds within one command; under load a commit covers many commands and folds more.
   */
  @Test
  void aCallWithEveryStoreCached() {
    BillingConfig cached = new BillingConfig(
        Map.of(BillingConfig.CACHED_STORES, String.join(",", BillingStores.CACHEABLE)));
    try (CallbillTestDriver billing = BillingFixtures.workedExample(new CallbillTestDriver(cached))) {
      Map<String, Map<String, Integer>> written = settleOneCall(billing, RECEIVER);

      print("without an agency, every store cached", written);
      assertThat(cachingLayer(billing.driver().getKeyValueStore(BillingStores.CALL_SESSIONS))).isTrue();
      assertThat(total(written)).isEqualTo(Expected.CACHED);
    }
  }

  /** Start, accept, 50 s of talk (under the heartbeat timeout), end by the caller: the records of each step. */
  private static Map<String, Map<String, Integer>> settleOneCall(CallbillTestDriver billing, String receiver) {
    WrittenRecords records = new WrittenRecords(billing);
    Map<String, Map<String, Integer>> written = new LinkedHashMap<>();

    String callId = callId(billing.start(CALLER, receiver, CallType.audio));
    written.put("start", stable(records, records.drain()));
    billing.accept(receiver, CALLER, callId);
    written.put("accept", stable(records, records.drain()));
    billing.advance(Duration.ofSeconds(50));
    written.put("talk", stable(records, records.drain()));
    Settlement settlement = settlement(billing.endByCaller(CALLER, receiver, callId, 50));
    written.put("end", stable(records, records.drain()));

    // The count is of a call that settled, exactly as the rules say: paid, and the receiver's answer is her ledger's.
    assertThat(settlement.getTotalCoins()).isPositive();
    LedgerEntry receiverEntry = billing.ledger().stream()
        .filter(entry -> entry.getUserType() == AccountType.receiver).reduce((first, last) -> last).orElseThrow();
    assertThat(receiverEntry.getBalanceAfter().longValueExact()).isEqualTo(settlement.getReceiverNewBalance());
    return written;
  }

  /** Whether the store Kafka Streams built has its caching layer (the cache is below the metered outer store). */
  private static boolean cachingLayer(StateStore store) {
    for (StateStore layer = store; layer instanceof WrappedStateStore<?, ?, ?> wrapped; layer = wrapped.wrapped()) {
      if (layer instanceof CachingKeyValueStore) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Integer> stable(WrittenRecords records, Map<String, Integer> counts) {
    Map<String, Integer> named = new TreeMap<>();
    counts.forEach((topic, count) -> named.merge(records.stableName(topic), count, Integer::sum));
    return named;
  }

  private static int total(Map<String, Map<String, Integer>> written) {
    return written.values().stream().flatMap(step -> step.values().stream()).mapToInt(Integer::intValue).sum();
  }

  private static void print(String call, Map<String, Map<String, Integer>> written) {
    StringBuilder out = new StringBuilder("Records written by one settled call " + call + ": " + total(written));
    written.forEach((step, counts) -> out.append("\n  ").append(step).append(' ')
        .append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(": ").append(counts));
    System.out.println(out);
  }

  /** The figures as the topology stands; a fold lowers them here, with the reason in its commit. */
  private static final class Expected {
    /**
     * start 7 (reply, event, active call; changelogs of session, deadline, reply, replay expiry), accept 8 (the ring
     * deadline deleted, the heartbeat one written), end 23: 3 ledger entries, 3 balances, 2 account credits and their
     * 2 x 3 changelog records (wallet, applied credit, its expiry), the settled call, the caller's wallet ...
     */
    static final int WITHOUT_AGENCY = 38;
    /** The agency's share is one more credit: ledger, balance, account credit and its three changelog records. */
    static final int WITH_AGENCY = 44;
    /** Within one command no store key is written twice, so a commit per record (the test driver) folds nothing. */
    static final int CACHED = 38;
  }
}
