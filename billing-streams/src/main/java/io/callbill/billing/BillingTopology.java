package io.callbill.billing;

import io.callbill.billing.account.AccountCreditProcessor;
import io.callbill.billing.caller.CallerCommandProcessor;
import io.callbill.billing.reference.StoreWriter;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * The settlement topology: two sub-topologies joined by the account-credits topic.
 *
 * <pre>
 *  call-commands ─┐                      ┌─> replies, call-events, call-history, active-calls,
 *  callers ───────┴─> caller-commands ───┤   ledger (caller), balances (caller), dead-letters (refused commands)
 *   (keyed by callerId)                  └─> account-credits (keyed by accountKey)
 *                                                 │
 *  account-credits ──> account-credits ──> ledger, balances, replies (settlements, with the receiver's balance)
 *  receivers, receiver-status, level-configs, platform-config ──> global stores read by caller-commands
 * </pre>
 *
 * Every node and store is named here; nothing is generated. Free of I/O: it runs under TopologyTestDriver.
 */
public final class BillingTopology {

  public static final String CALLER_COMMANDS = "caller-commands";
  public static final String ACCOUNT_CREDITS = "account-credits";

  private BillingTopology() {
  }

  public static Topology build(BillingConfig config, CallbillSerdes serdes) {
    Topics topics = new Topics(config.topicPrefix(), serdes);
    Topology topology = new Topology();

    addGlobalStore(topology, topics.receivers, BillingStores.RECEIVERS);
    addGlobalStore(topology, topics.receiverStatus, BillingStores.RECEIVER_STATUS);
    addGlobalStore(topology, topics.levelConfigs, BillingStores.LEVEL_CONFIGS);
    addGlobalStore(topology, topics.platformConfig, BillingStores.PLATFORM_CONFIG);

    source(topology, topics.callers);
    topology.addProcessor("caller-profiles-writer", () -> new StoreWriter<>(BillingStores.CALLER_PROFILES),
        sourceName(topics.callers));
    topology.addStateStore(keyValue(config, BillingStores.CALLER_PROFILES, serdes.caller()), "caller-profiles-writer");

    source(topology, topics.callCommands);
    topology.addProcessor(CALLER_COMMANDS, () -> new CallerCommandProcessor(config), sourceName(topics.callCommands));
    topology.addStateStore(keyValue(config, BillingStores.CALLER_WALLETS, Serdes.Long()), CALLER_COMMANDS);
    topology.addStateStore(keyValue(config, BillingStores.COIN_CREDIT_REFERENCES, Serdes.Long()), CALLER_COMMANDS);
    topology.addStateStore(keyValue(config, BillingStores.CALL_SESSIONS, serdes.activeCall()), CALLER_COMMANDS);
    topology.addStateStore(keyValue(config, BillingStores.CALL_DEADLINES, Serdes.String()), CALLER_COMMANDS);
    topology.addStateStore(timestamped(config, BillingStores.SETTLED_CALLS, serdes.settledCall()), CALLER_COMMANDS);
    topology.addStateStore(timestamped(config, BillingStores.COMMAND_REPLIES, serdes.commandReply()), CALLER_COMMANDS);
    topology.addStateStore(keyValue(config, BillingStores.REPLAY_EXPIRY, Serdes.String()), CALLER_COMMANDS);
    topology.connectProcessorAndStateStores(CALLER_COMMANDS, BillingStores.CALLER_PROFILES);

    source(topology, topics.accountCredits);
    topology.addProcessor(ACCOUNT_CREDITS, () -> new AccountCreditProcessor(config), sourceName(topics.accountCredits));
    topology.addStateStore(keyValue(config, BillingStores.ACCOUNT_WALLETS, Serdes.Long()), ACCOUNT_CREDITS);
    topology.addStateStore(timestamped(config, BillingStores.APPLIED_CREDITS, Serdes.Long()), ACCOUNT_CREDITS);
    topology.addStateStore(keyValue(config, BillingStores.APPLIED_CREDIT_EXPIRY, Serdes.String()), ACCOUNT_CREDITS);

    sinks(topology, CALLER_COMMANDS, topics.replies, topics.callEvents, topics.callHistory, topics.activeCalls,
        topics.ledger, topics.balances, topics.accountCredits);
    sinks(topology, ACCOUNT_CREDITS, topics.replies, topics.ledger, topics.balances);
    // A refused command goes to the dead letters as it was read: serialized back with the command serde.
    topology.addSink(Sinks.name(CALLER_COMMANDS, topics.deadLetters.baseName()), topics.deadLetters.name(),
        topics.callCommands.keySerde().serializer(), topics.callCommands.valueSerde().serializer(), CALLER_COMMANDS);
    return topology;
  }

  private static <V> void addGlobalStore(Topology topology, Topic<String, V> topic, String storeName) {
    // Global stores restore from their source topic, so they have no changelog of their own.
    topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
        topic.valueSerde()).withLoggingDisabled(), sourceName(topic),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name(), storeName + "-writer",
        () -> new StoreWriter<V>(storeName));
  }

  private static void source(Topology topology, Topic<String, ?> topic) {
    topology.addSource(sourceName(topic), topic.keySerde().deserializer(), topic.valueSerde().deserializer(),
        topic.name());
  }

  @SafeVarargs
  private static void sinks(Topology topology, String processor, Topic<String, ?>... outputs) {
    for (Topic<String, ?> topic : outputs) {
      topology.addSink(Sinks.name(processor, topic.baseName()), topic.name(), topic.keySerde().serializer(),
          topic.valueSerde().serializer(), processor);
    }
  }

  /** Source nodes are named after their topic without the configurable prefix, so names are stable. */
  private static String sourceName(Topic<String, ?> topic) {
    return topic.baseName() + "-source";
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(BillingConfig config, String name,
      Serde<V> valueSerde) {
    return cached(config, name,
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
  }

  private static <V> StoreBuilder<TimestampedKeyValueStore<String, V>> timestamped(BillingConfig config, String name,
      Serde<V> valueSerde) {
    return cached(config, name, Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(name),
        Serdes.String(), valueSerde));
  }

  /**
   * The record cache where {@link BillingConfig#CACHED_STORES} asks for it. Only the changelog sees a difference
   * (fewer records, written at the commit): no node forwards on a cache flush, every record downstream is forwarded
   * by a processor explicitly.
   */
  private static <S extends StateStore> StoreBuilder<S> cached(
      BillingConfig config, String name, StoreBuilder<S> store) {
    return config.cachedStores().contains(name) ? store.withCachingEnabled() : store;
  }
}
