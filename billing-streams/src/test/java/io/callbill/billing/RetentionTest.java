package io.callbill.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.billing.testkit.CountingKeyValueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry of the replay stores reads what is due and nothing else, in bounded sweeps that resume. */
class RetentionTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  private final AtomicLong wallClock = new AtomicLong(NOW.toEpochMilli());
  private CountingKeyValueStore<String, String> index;
  private TimestampedKeyValueStore<String, String> answers;
  private Retention retention;
  private Retention.Kept<String> kept;

  @BeforeEach
  void stores() {
    index = CountingKeyValueStore.inMemory("replay-expiry", Serdes.String(), Serdes.String());
    answers = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore("answers"), Serdes.String(),
        Serdes.String()).withLoggingDisabled().build();
    answers.init(new MockProcessorContext<>().getStateStoreContext(), answers);
    retention = new Retention(index, wallClock::get, Retention.DEFAULT_ENTRIES_PER_SWEEP);
    kept = retention.keep("answer", answers, WEEK);
  }

  @Test
  void oneSweepReadsOnlyTheEntriesDueAmongAHundredThousand() {
    for (int i = 0; i < 99_990; i++) {
      kept.put("recent-" + i, "answer", NOW.minus(Duration.ofDays(1)).plusMillis(i));
    }
    for (int i = 0; i < 10; i++) {
      kept.put("old-" + i, "answer", NOW.minus(Duration.ofDays(8)).plusSeconds(i));
    }
    index.resetCounts();

    int handled = retention.sweep(NOW);

    assertThat(handled).isEqualTo(10);
    assertThat(index.entriesRead()).isEqualTo(10);
    assertThat(answers.approximateNumEntries()).isEqualTo(99_990);
    assertThat(answers.get("old-3")).isNull();
    assertThat(answers.get("recent-3")).isNotNull();
    assertThat(index.approximateNumEntries()).isEqualTo(99_990);
  }

  @Test
  void aSweepIsBoundedInEntriesAndTheNextResumesWhereItStopped() {
    int due = Retention.DEFAULT_ENTRIES_PER_SWEEP + 5_000;
    for (int i = 0; i < due; i++) {
      kept.put("old-" + i, "answer", NOW.minus(Duration.ofDays(8)).plusMillis(i));
    }
    index.resetCounts();

    assertThat(retention.sweep(NOW)).isEqualTo(Retention.DEFAULT_ENTRIES_PER_SWEEP);
    assertThat(index.entriesRead()).isEqualTo(Retention.DEFAULT_ENTRIES_PER_SWEEP);
    assertThat(retention.sweep(NOW)).isEqualTo(5_000);
    assertThat(retention.sweep(NOW)).isZero();
    assertThat(answers.approximateNumEntries()).isZero();
    // Each batch read starts above the one before it: in RocksDB the batches already forgotten are tombstones until
    // compaction, and a read from the start of the index would step over all of them again (a sweep quadratic in
    // its batches).
    assertThat(index.rangeStarts()).hasSizeGreaterThan(40).isSortedAccordingTo(String::compareTo)
        .doesNotHaveDuplicates();
  }

  @Test
  void anOperatorsSmallerBoundIsKeptAndNotRoundedToABatch() {
    Retention small = new Retention(index, wallClock::get, 700);
    Retention.Kept<String> smallKept = small.keep("answer", answers, Duration.ofDays(7));
    for (int i = 0; i < 1_500; i++) {
      smallKept.put("old-" + i, "answer", NOW.minus(Duration.ofDays(8)).plusMillis(i));
    }

    assertThat(small.sweep(NOW)).isEqualTo(700);
    assertThat(small.sweep(NOW)).isEqualTo(700);
    assertThat(small.sweep(NOW)).isEqualTo(100);
    assertThat(answers.approximateNumEntries()).isZero();
    assertThatThrownBy(() -> new Retention(index, wallClock::get, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSweepStopsWhenItsTimeIsUp() {
    for (int i = 0; i < 5_000; i++) {
      kept.put("old-" + i, "answer", NOW.minus(Duration.ofDays(8)).plusMillis(i));
    }
    // Each look at the wall clock finds a slow machine: the first batch uses up the sweep's time.
    Retention slow = new Retention(index, () -> wallClock.getAndAdd(Retention.MAX_SWEEP_TIME.toMillis()),
        Retention.DEFAULT_ENTRIES_PER_SWEEP);
    slow.keep("answer", answers, WEEK);

    int handled = slow.sweep(NOW);

    assertThat(handled).isPositive().isLessThan(5_000);
    assertThat(answers.approximateNumEntries()).isEqualTo(5_000 - handled);
  }

  @Test
  void anEntryRewrittenWithTheSameTimeKeepsOneIndexEntryAndANewerOneWaitsForItsOwnTime() {
    Instant closed = NOW.minus(Duration.ofDays(8));
    kept.put("rated", "settled", closed);
    kept.put("rated", "settled and rated", closed);
    kept.put("reopened", "first", closed);
    kept.put("reopened", "second", NOW.minus(Duration.ofDays(1)));
    assertThat(index.approximateNumEntries()).isEqualTo(3);

    retention.sweep(NOW);

    assertThat(answers.get("rated")).isNull();
    assertThat(answers.get("reopened").value()).isEqualTo("second");
    assertThat(retention.sweep(NOW.plus(Duration.ofDays(6)))).isEqualTo(1);
    assertThat(answers.get("reopened")).isNull();
  }

  @Test
  void refusalsSharingTheStoreAreForgottenSoonerThanAnswers() {
    Retention.Kept<String> refusals = retention.keep("refusal", answers, Duration.ofMinutes(15));
    Instant answeredAt = NOW.minus(Duration.ofMinutes(20));
    kept.put("command-ok", "charged", answeredAt);
    refusals.put("command-refused", "no coins", answeredAt);

    retention.sweep(NOW);

    assertThat(answers.get("command-refused")).isNull();
    assertThat(answers.get("command-ok")).isNotNull();
  }
}
