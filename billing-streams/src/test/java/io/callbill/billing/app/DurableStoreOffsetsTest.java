package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
}
