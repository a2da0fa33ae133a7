package io.callbill.billing.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.billing.testkit.CountingKeyValueStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DueIndexTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private CountingKeyValueStore<String, String> store;
  private DueIndex index;

  @BeforeEach
  void emptyIndex() {
    store = CountingKeyValueStore.inMemory("due", Serdes.String(), Serdes.String());
    index = new DueIndex(store);
  }

  @Test
  void dueReturnsWhatFellDueEarliestFirstAndNothingLater() {
    index.add(T.plusSeconds(30), "b");
    index.add(T.plusSeconds(10), "c");
    index.add(T.plusSeconds(10), "a");
    index.add(T.plusSeconds(31), "d");

    assertThat(index.due(T.plusSeconds(30), 100)).containsExactly(new DueIndex.Due(T.plusSeconds(10), "a"),
        new DueIndex.Due(T.plusSeconds(10), "c"), new DueIndex.Due(T.plusSeconds(30), "b"));
    assertThat(index.due(T.plusSeconds(9), 100)).isEmpty();
  }

  @Test
  void timesSortAsTimesAcrossDigitCounts() {
    index.add(Instant.ofEpochMilli(999), "small");
    index.add(Instant.ofEpochMilli(1_000_000_000_000L), "large");

    assertThat(index.due(Instant.ofEpochMilli(1000), 10)).extracting(DueIndex.Due::id).containsExactly("small");
  }

  @Test
  void dueReadsAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      index.add(T.plusSeconds(i), "id-" + i);
    }
    assertThat(index.due(T.plusSeconds(10), 2)).extracting(DueIndex.Due::id).containsExactly("id-0", "id-1");
  }

  @Test
  void removeAndMoveForgetTheOldEntry() {
    index.add(T, "a");
    index.add(T, "b");
    index.remove(T, "a");
    index.move(T, T.plusSeconds(60), "b");
    index.move(null, T.plusSeconds(5), "c");
    index.move(T.plusSeconds(5), T.plusSeconds(5), "c");

    assertThat(index.due(T.plusSeconds(59), 10)).containsExactly(new DueIndex.Due(T.plusSeconds(5), "c"));
    assertThat(index.due(T.plusSeconds(60), 10)).extracting(DueIndex.Due::id).containsExactly("c", "b");
    index.move(T.plusSeconds(60), null, "b");
    assertThat(index.due(T.plusSeconds(60), 10)).extracting(DueIndex.Due::id).isEqualTo(List.of("c"));
  }

  /**
   * The index is a queue deleted at its head: in RocksDB every handled entry stays a tombstone until compaction, so
   * each read must start above what was handled, or a sweep in batches would step over all of its earlier batches.
   */
  @Test
  void eachReadStartsAboveTheEntriesTheLastReadReturnedAndTheCallerRemoved() {
    for (int i = 0; i < 1_000; i++) {
      index.add(T.plusMillis(i), String.format("id-%04d", i));
    }
    Instant now = T.plusSeconds(2);
    List<String> lastRemoved = new ArrayList<>();
    List<DueIndex.Due> batch;
    while (!(batch = index.due(now, 100)).isEmpty()) {
      for (DueIndex.Due due : batch) {
        index.remove(due.at(), due.id());
      }
      lastRemoved.add(DueIndex.key(batch.get(batch.size() - 1).at(), batch.get(batch.size() - 1).id()));
    }

    List<String> starts = store.rangeStarts();
    assertThat(lastRemoved).hasSize(10);
    assertThat(starts).hasSize(11);
    assertThat(starts.get(0)).as("a new index reads from the start once").isEqualTo(DueIndex.key(Instant.EPOCH, ""));
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i)).as("read %d starts at the last entry handled before it", i)
          .isEqualTo(lastRemoved.get(i - 1));
    }
    assertThat(store.entriesIterated()).as("every entry read once").isEqualTo(1_000);

    index.due(now, 100);
    assertThat(store.rangeStarts().get(11)).as("after a read that found nothing due: above now")
        .isGreaterThan(DueIndex.key(now, "zzz"));
  }

  @Test
  void anEntryAddedBelowTheFloorIsStillFound() {
    index.add(T.plusSeconds(10), "a");
    index.remove(T.plusSeconds(10), "a");
    assertThat(index.due(T.plusSeconds(20), 10)).isEmpty();

    index.add(T.plusSeconds(5), "late");

    assertThat(index.due(T.plusSeconds(20), 10)).containsExactly(new DueIndex.Due(T.plusSeconds(5), "late"));
  }

  @Test
  void anEntryLeftInPlaceIsReturnedAgain() {
    index.add(T, "a");
    index.add(T.plusSeconds(1), "b");
    assertThat(index.due(T.plusSeconds(5), 10)).extracting(DueIndex.Due::id).containsExactly("a", "b");

    index.remove(T, "a");

    assertThat(index.due(T.plusSeconds(5), 10)).extracting(DueIndex.Due::id).containsExactly("b");
  }

  @Test
  void anEntryAddedAmongThoseOfTheLastReadIsNotSkippedWhenTheyAreRemoved() {
    index.add(T.plusSeconds(1), "a");
    index.add(T.plusSeconds(3), "c");
    assertThat(index.due(T.plusSeconds(5), 10)).extracting(DueIndex.Due::id).containsExactly("a", "c");

    index.add(T.plusSeconds(2), "b");
    index.remove(T.plusSeconds(1), "a");
    index.remove(T.plusSeconds(3), "c");

    assertThat(index.due(T.plusSeconds(5), 10)).extracting(DueIndex.Due::id).containsExactly("b");
  }

  @Test
  void anEntryMovedIntoThePastAfterAnEmptyReadIsFound() {
    index.add(T.plusSeconds(60), "a");
    assertThat(index.due(T.plusSeconds(10), 10)).isEmpty();

    index.move(T.plusSeconds(60), T.plusSeconds(1), "a");

    assertThat(index.due(T.plusSeconds(10), 10)).containsExactly(new DueIndex.Due(T.plusSeconds(1), "a"));
  }
}
