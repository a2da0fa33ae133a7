package io.callbill.billing.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DueIndexTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private DueIndex index;

  @BeforeEach
  void emptyIndex() {
    KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"),
        Serdes.String(), Serdes.String()).withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
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
}
