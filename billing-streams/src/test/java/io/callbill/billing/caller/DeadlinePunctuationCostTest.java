package io.callbill.billing.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.StartCall;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.Metering;
import io.callbill.billing.Sinks;
import io.callbill.billing.BillingTopology;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session's clock costs what falls due, not what is open: with 100,000 calls ringing and 10 of them past their
 * ring timeout, one punctuation reads 10 deadline entries and 10 sessions, and scans nothing. Counted by a store
 * wrapper, not timed.
 */
class DeadlinePunctuationCostTest {

  private static final int OPEN_CALLS = 100_000;
  private static final int DUE = 10;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void onePunctuationReadsOnlyTheDeadlinesDueNotTheCallsOpen() {
    BillingConfig config = new BillingConfig(Map.of(BillingConfig.METERING, Metering.MEASURED.configValue()));
    try (CallerProcessorHarness harness = new CallerProcessorHarness(config)) {
      Instant later = T0.plusSeconds(600);
      harness.clock(later);
      for (int i = 0; i < OPEN_CALLS; i++) {
        String caller = "c" + i;
        harness.caller(caller, 840);
        // The first ten ring from T0, the rest ten minutes later: only the first ten pass the 60 s ring timeout.
        Instant at = i < DUE ? T0 : later;
        harness.process(caller, new CallCommand("start-" + i, caller, at,
            new StartCall(CallerProcessorHarness.RECEIVER, CallType.audio)));
        if (i % 1000 == 0) {
          harness.context.resetForwards();
        }
      }
      harness.context.resetForwards();
      assertThat(harness.sessions.approximateNumEntries()).isEqualTo(OPEN_CALLS);
      assertThat(harness.deadlines.approximateNumEntries()).isEqualTo(OPEN_CALLS);
      harness.deadlines.resetCounts();
      harness.sessions.resetCounts();

      harness.deadlinePunctuator().punctuate(T0.plusSeconds(61).toEpochMilli());

      assertThat(harness.deadlines.entriesRead()).isEqualTo(DUE);
      assertThat(harness.sessions.entriesRead()).isEqualTo(DUE);
      assertThat(harness.deadlines.fullScans() + harness.sessions.fullScans()).isZero();
      assertThat(harness.context.forwarded(Sinks.name(BillingTopology.CALLER_COMMANDS, Sinks.CALL_HISTORY)))
          .hasSize(DUE)
          .allSatisfy(f -> assertThat(((CallRecord) f.record().value()).getStatus()).isEqualTo(CallStatus.missed));
      assertThat(harness.sessions.approximateNumEntries()).isEqualTo(OPEN_CALLS - DUE);
      assertThat(harness.deadlines.approximateNumEntries()).isEqualTo(OPEN_CALLS - DUE);

      harness.deadlines.resetCounts();
      harness.deadlinePunctuator().punctuate(T0.plusSeconds(62).toEpochMilli());
      assertThat(harness.deadlines.entriesRead()).as("nothing more is due").isZero();
    }
  }

  @Test
  void sessionsStoredBeforeTheDeadlineStoreExistedAreIndexedOnceAndExpire() {
    try (CallerProcessorHarness harness = new CallerProcessorHarness(config())) {
      harness.clock(T0);
      harness.caller("c0", 840);
      harness.process("c0", new CallCommand("start-0", "c0", T0,
          new StartCall(CallerProcessorHarness.RECEIVER, CallType.audio)));
      // An upgrade: the session is there, its deadline entry is not.
      java.util.List<String> keys = new java.util.ArrayList<>();
      try (var all = harness.deadlines.all()) {
        all.forEachRemaining(entry -> keys.add(entry.key));
      }
      keys.forEach(harness.deadlines::delete);
      harness.context.resetForwards();

      harness.deadlinePunctuator().punctuate(T0.plusSeconds(1).toEpochMilli());
      assertThat(harness.deadlines.approximateNumEntries()).isEqualTo(1);
      harness.deadlinePunctuator().punctuate(T0.plus(config().sessionTtl()).plusSeconds(1).toEpochMilli());

      assertThat(harness.sessions.approximateNumEntries()).isZero();
      assertThat(harness.context.forwarded(Sinks.name(BillingTopology.CALLER_COMMANDS, Sinks.CALL_HISTORY)))
          .singleElement()
          .satisfies(f -> assertThat(((CallRecord) f.record().value()).getStatus()).isEqualTo(CallStatus.expired));
    }
  }

  /** The clamp policy, where a call nobody ends lives to the TTL (under measured it would ring out first). */
  private static BillingConfig config() {
    return new BillingConfig(Map.of(BillingConfig.METERING, Metering.CLAMP.configValue()));
  }

  @Test
  void onePunctuationHandlesAtMostTheConfiguredNumberOfDeadlines() {
    BillingConfig config = new BillingConfig(Map.of(BillingConfig.METERING, Metering.MEASURED.configValue(),
        BillingConfig.DEADLINES_PER_PUNCTUATION, "3"));
    try (CallerProcessorHarness harness = new CallerProcessorHarness(config)) {
      harness.clock(T0);
      for (int i = 0; i < 5; i++) {
        harness.caller("c" + i, 840);
        harness.process("c" + i, new CallCommand("start-" + i, "c" + i, T0,
            new StartCall(CallerProcessorHarness.RECEIVER, CallType.audio)));
      }
      harness.deadlines.resetCounts();

      harness.deadlinePunctuator().punctuate(T0.plusSeconds(61).toEpochMilli());
      assertThat(harness.deadlines.entriesRead()).isEqualTo(3);
      assertThat(harness.sessions.approximateNumEntries()).isEqualTo(2);
      harness.deadlinePunctuator().punctuate(T0.plusSeconds(62).toEpochMilli());
      assertThat(harness.sessions.approximateNumEntries()).isZero();
    }
  }
}
