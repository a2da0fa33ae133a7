package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingStores;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.schemas.CallbillSerdes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import io.callbill.billing.testkit.CountingKeyValueStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The caller-commands processor alone, on a {@link MockProcessorContext} with in-memory stores and no
 * serialization: for tests that need a payload the schema cannot carry, or the cost of one punctuation over many
 * open calls. The session and deadline stores count their reads.
 */
final class CallerProcessorHarness implements AutoCloseable {

  static final String RECEIVER = "receiver-1";

  final MockProcessorContext<String, SpecificRecord> context = new MockProcessorContext<>();
  final CountingKeyValueStore<String, String> deadlines;
  final CountingKeyValueStore<String, ActiveCall> sessions;
  final KeyValueStore<String, Caller> callers;
  final KeyValueStore<String, Long> wallets;
  final CallerCommandProcessor processor;

  CallerProcessorHarness(BillingConfig config) {
    CallbillSerdes serdes = CallbillSerdes.create();
    deadlines = new CountingKeyValueStore<>(store(BillingStores.CALL_DEADLINES, Serdes.String()));
    sessions = new CountingKeyValueStore<>(store(BillingStores.CALL_SESSIONS, serdes.activeCall()));
    context.addStateStore(deadlines);
    context.addStateStore(sessions);
    callers = add(store(BillingStores.CALLER_PROFILES, serdes.caller()));
    wallets = add(store(BillingStores.CALLER_WALLETS, Serdes.Long()));
    add(store(BillingStores.COIN_CREDIT_REFERENCES, Serdes.Long()));
    add(timestamped(BillingStores.SETTLED_CALLS, serdes.settledCall()));
    add(timestamped(BillingStores.COMMAND_REPLIES, serdes.commandReply()));
    add(store(BillingStores.REPLAY_EXPIRY, Serdes.String()));
    KeyValueStore<String, Receiver> receivers = add(store(BillingStores.RECEIVERS, serdes.receiver()));
    add(store(BillingStores.RECEIVER_STATUS, serdes.receiverStatus()));
    KeyValueStore<String, LevelConfig> levels = add(store(BillingStores.LEVEL_CONFIGS, serdes.levelConfig()));
    KeyValueStore<String, PlatformConfig> platform = add(store(BillingStores.PLATFORM_CONFIG,
        serdes.platformConfig()));
    receivers.put(RECEIVER, Receiver.newBuilder().setReceiverId(RECEIVER).setName("Receiver").setOnlineStatus(true)
        .setCurrentLevel(1).setReviewAccepted(true).build());
    BigDecimal twelve = new BigDecimal("12.0000");
    levels.put("1", LevelConfig.newBuilder().setLevel(1).setIsActive(true).setAudioRatePerMinute(new BigDecimal(
        "30.0000")).setVideoRatePerMinute(new BigDecimal("40.0000")).setPlatformMarginPerMinute(
        new PlatformMargin(twelve, twelve)).build());
    platform.put(ReferenceData.PLATFORM_CONFIG_KEY, PlatformConfig.newBuilder().build());
    processor = new CallerCommandProcessor(config);
    processor.init(context);
  }

  /** A caller with a profile and {@code coins}, written straight into the stores. */
  void caller(String callerId, long coins) {
    callers.put(callerId, Caller.newBuilder().setCallerId(callerId).setBlockList(List.of()).build());
    wallets.put(callerId, coins);
  }

  void process(String key, CallCommand command) {
    processor.process(new Record<>(key, command, command.getIssuedAt().toEpochMilli()));
  }

  /** The deadline punctuator as the processor scheduled it. */
  Punctuator deadlinePunctuator() {
    return context.scheduledPunctuators().stream().map(MockProcessorContext.CapturedPunctuator::getPunctuator)
        .filter(p -> p instanceof DeadlinePunctuator).findFirst().orElseThrow();
  }

  void clock(Instant wallClock) {
    context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
  }

  @Override
  public void close() {
    processor.close();
  }

  private <S extends org.apache.kafka.streams.processor.StateStore> S add(S store) {
    context.addStateStore(store);
    return store;
  }

  private <V> KeyValueStore<String, V> store(String name, Serde<V> valueSerde) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
        valueSerde).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private <V> org.apache.kafka.streams.state.TimestampedKeyValueStore<String, V> timestamped(String name,
                                                                                         Serde<V> valueSerde) {
    var store = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
        valueSerde).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
