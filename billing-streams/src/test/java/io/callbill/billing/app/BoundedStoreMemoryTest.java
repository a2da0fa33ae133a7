package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallType;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.Metering;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The shared RocksDB budget on real stores: the topology's RocksDB stores open, bill and read back on it. */
class BoundedStoreMemoryTest {

  @Test
  void storesOnOneSharedBudgetSettleACallExactly() {
    Properties streams = new Properties();
    streams.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, DurableStoreOffsets.class.getName());
    streams.put(BoundedStoreMemory.TOTAL_BYTES, String.valueOf(8L * 1024 * 1024));
    BillingConfig clamp = new BillingConfig(Map.of(BillingConfig.METERING, Metering.CLAMP.configValue()));

    try (CallbillTestDriver billing = new CallbillTestDriver(clamp, streams)) {
      billing.level(1, "30", "40", "12", "12").receiver("receiver-1", 1, null).caller("caller-1");
      billing.credit("caller-1", 840, "purchase-1");
      String callId = ((StartAccepted) billing.start("caller-1", "receiver-1", CallType.audio).getData()).getCallId();
      billing.advance(Duration.ofSeconds(180));

      Settlement settlement = (Settlement) billing.endByCaller("caller-1", "receiver-1", callId, 180).getData();

      // the seed's worked example: 126 coins, 90 to the receiver, 714 left
      assertThat(settlement.getTotalCoins()).isEqualTo(126);
      assertThat(billing.callerBalance("caller-1")).isEqualTo(714);
      assertThat(billing.accountBalanceHundredths(AccountKeys.receiver("receiver-1"))).isEqualTo(9000);
      // the stores' memtables are charged to the one shared cache: the budget is the one in use
      assertThat(BoundedStoreMemory.shared(8L * 1024 * 1024).cache.getUsage()).isPositive();
    }
  }
}
