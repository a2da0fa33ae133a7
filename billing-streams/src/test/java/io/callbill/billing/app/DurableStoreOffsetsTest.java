package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

class DurableStoreOffsetsTest {

  @Test
  void aStoreHoldsAtMostTwoSmallMemtablesSoACrashLosesABoundedTail() {
    try (Options options = new Options()) {
      new DurableStoreOffsets().setConfig("settled-calls", options, Map.of());

      assertThat(options.writeBufferSize()).isEqualTo(256 * 1024);
      assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      // what a kill -9 can lose from one store, and the restart must read back: a constant, not the state
      assertThat(options.writeBufferSize() * options.maxWriteBufferNumber()).isLessThanOrEqualTo(1024 * 1024);
    }
  }

  @Test
  void withoutABudgetEachStoreKeepsRocksDbsOwnMemory() {
    try (Options options = new Options()) {
      new DurableStoreOffsets().setConfig("settled-calls", options,
          Map.of(BoundedStoreMemory.TOTAL_BYTES, "0"));

      assertThat(options.writeBufferManager()).isNull();
      assertThat(options.tableFormatConfig()).isNull();
    }
  }

  @Test
  void withABudgetEveryStoreSharesOneCacheAndOneWriteBufferManager() {
    Map<String, Object> configs = Map.of(BoundedStoreMemory.TOTAL_BYTES, "33554432");
    try (Options sessions = new Options(); Options wallets = new Options()) {
      // Kafka Streams hands the setter a table config of its own (for its per-store cache): the budget takes its place.
      sessions.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
      wallets.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());

      new DurableStoreOffsets().setConfig("call-sessions", sessions, configs);
      new DurableStoreOffsets().setConfig("caller-wallets", wallets, configs);

      BoundedStoreMemory.Shared shared = BoundedStoreMemory.shared(32L * 1024 * 1024);
      assertThat(sessions.writeBufferManager()).isSameAs(shared.writeBuffers).isSameAs(wallets.writeBufferManager());
      assertThat(((BlockBasedTableConfigWithAccessibleCache) sessions.tableFormatConfig()).blockCache())
          .isSameAs(shared.cache);
      assertThat(((BlockBasedTableConfigWithAccessibleCache) wallets.tableFormatConfig()).blockCache())
          .isSameAs(shared.cache);
      // the small memtables stay: the budget bounds their sum, not each one
      assertThat(sessions.writeBufferSize()).isEqualTo(256 * 1024);
    }
  }
}
