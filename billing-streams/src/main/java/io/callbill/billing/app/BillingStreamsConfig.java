package io.callbill.billing.app;

import io.callbill.billing.BillingConfig;
import io.callbill.billing.ConfigSources;
import io.callbill.billing.deadletter.FailedRecordHandler;
import io.callbill.billing.deadletter.PoisonRecordHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.LambdaValidator;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every key the billing application reads, in one {@link ConfigDef}: the billing policies ({@link BillingConfig}),
 * the runner's options (topic provisioning, health and management endpoints) and the Kafka Streams keys billing sets
 * or tunes (commit interval, producer and consumer settings, standbys, transactional stores, RocksDB options, the
 * dead-letter handlers). Each has its type, default and documentation here, and its environment name is derived from
 * it ({@link ConfigSources#environmentName}): {@link #environmentNames()} is that table, computed, not kept.
 *
 * <p>Precedence for every key: environment over file, file over the default below. Kafka Streams keys not defined
 * here go from the file to Kafka Streams unchanged.
 */
public final class BillingStreamsConfig extends AbstractConfig {

  /** Static group membership; mapped to the main consumer's {@code group.instance.id} (see {@link #INSTANCE_ID}). */
  public static final String INSTANCE_ID = "callbill.instance.id";
  public static final String TOPIC_PARTITIONS = "callbill.topic.partitions";
  public static final String CREATE_TOPICS = "callbill.create.topics";
  public static final String HEALTH_PORT = "callbill.health.port";
  public static final String MANAGEMENT_PORT = "callbill.management.port";
  public static final String MANAGEMENT_ADDRESS = "callbill.management.address";

  public static final String DEFAULT_APPLICATION_ID = "callbill-billing";
  public static final String DEFAULT_STATE_DIR = "./.callbill/state/billing-streams";
  /** One replica: right for a single local broker, wrong for production (set 3 there). */
  public static final short DEFAULT_REPLICATION_FACTOR = 1;
  public static final int DEFAULT_TOPIC_PARTITIONS = 6;
  public static final boolean DEFAULT_CREATE_TOPICS = true;
  public static final int DEFAULT_HEALTH_PORT = 8081;
  public static final int DEFAULT_MANAGEMENT_PORT = 8082;
  public static final String DEFAULT_MANAGEMENT_ADDRESS = "127.0.0.1";

  /** Latency of a settlement reply is bounded below by the commit interval under EOS. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 100L;
  /**
   * How long a transaction may stay open. A crashed instance's open transaction blocks {@code read_committed}
   * readers of its partitions until the broker aborts it after this time, so it is kept short.
   */
  public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;
  /** Batches the records of one 100 ms transaction without adding visible latency. */
  public static final long DEFAULT_PRODUCER_LINGER_MS = 5L;
  /**
   * How long the group waits for a silent instance before its partitions go to the others. With static membership
   * (an instance id) a member that stops heartbeating keeps its partitions for this long, so it is the failover time
   * when an instance dies for good; an instance restarted within it gets its partitions back without a rebalance.
   * 10 s (Kafka's default is 45 s): most kill -9 restarts here are back within it, and callers of a dead instance wait
   * seconds, not most of a minute. Lower buys faster failover for more needless rebalances on a GC pause or a slow
   * restart (the broker's floor, {@code group.min.session.timeout.ms}, is 6 s).
   */
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;
  /** A third of the session timeout, Kafka's usual ratio: two heartbeats may be lost before the member is. */
  public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;
  /**
   * One warm copy of every store on another instance (when there is one): a failover then restores only the tail of
   * the changelog the standby had not read, not the whole of it. Costs a second copy of the state on disk and the
   * changelog reads to keep it; with one instance it is simply not assigned.
   */
  public static final int DEFAULT_STANDBY_REPLICAS = 1;
  /** The global reference-data stores load poll by poll at start; the default 500 ms fetch wait made that ~6 s. */
  public static final int DEFAULT_GLOBAL_FETCH_MAX_WAIT_MS = 100;

  public static final String PRODUCER_ACKS = StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG);
  public static final String PRODUCER_TRANSACTION_TIMEOUT_MS =
      StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
  public static final String PRODUCER_LINGER_MS = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);
  public static final String PRODUCER_BATCH_SIZE = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);
  /** The producer's own default batch, stated so that it can be measured against larger ones. */
  public static final int DEFAULT_PRODUCER_BATCH_SIZE = 16_384;
  /** Kafka Streams' own default record cache; used only by the stores callbill.store.caching names. */
  public static final long DEFAULT_STATESTORE_CACHE_MAX_BYTES = 10L * 1024 * 1024;
  public static final String CONSUMER_ISOLATION_LEVEL =
      StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
  public static final String MAIN_CONSUMER_SESSION_TIMEOUT_MS =
      StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
  public static final String MAIN_CONSUMER_HEARTBEAT_INTERVAL_MS =
      StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
  public static final String MAIN_CONSUMER_AUTO_OFFSET_RESET =
      StreamsConfig.mainConsumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
  public static final String GLOBAL_CONSUMER_FETCH_MAX_WAIT_MS =
      StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);

  public static final ConfigDef DEFINITION = new ConfigDef(BillingConfig.DEFINITION)
      // Kafka Streams keys with an environment variable. No default for the brokers: StreamsSettings refuses to start
      // without them and says where to set them.
      .define(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Type.STRING, null, Importance.HIGH,
          "Kafka brokers, host:port[,host:port...]. Required.")
      .define(StreamsConfig.APPLICATION_ID_CONFIG, Type.STRING, DEFAULT_APPLICATION_ID, Importance.HIGH,
          "Kafka Streams application id: the consumer group and the prefix of the internal topics. Changing it starts"
              + " billing again from the oldest command still on the topic.")
      .define(StreamsConfig.STATE_DIR_CONFIG, Type.STRING, DEFAULT_STATE_DIR, Importance.MEDIUM,
          "Directory of the local state stores (a cache of the changelogs; losing it costs a restore, not data).")
      .define(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Type.INT, null, Importance.MEDIUM,
          "Stream threads of this instance; unset: Kafka Streams' default (1).")
      // Not a knob: billing runs exactly-once only, and says so rather than overriding a file silently.
      .define(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
          LambdaValidator.with((name, value) -> {
            if (!StreamsConfig.EXACTLY_ONCE_V2.equals(value)) {
              throw new ConfigException(name, value,
                  "billing runs exactly-once only; remove the key or set " + StreamsConfig.EXACTLY_ONCE_V2);
            }
          }, () -> "[" + StreamsConfig.EXACTLY_ONCE_V2 + "]"), Importance.HIGH,
          "Always exactly_once_v2: any other value is refused at start.")
      // Kafka Streams tuning billing runs with: every key can be set, in the file or the environment, like any other.
      .define(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Type.LONG, DEFAULT_COMMIT_INTERVAL_MS, Range.atLeast(0),
          Importance.HIGH, "How often a task commits its transaction. Under exactly-once an answer is visible only once"
              + " committed, so each hop of a command waits up to this long; lower buys latency for more, smaller"
              + " transactions.")
      // Kafka Streams forces an idempotent producer under EOS (and warns when told so); acks and read_committed are
      // its EOS defaults too, stated here so that they are written down rather than assumed.
      .define(PRODUCER_ACKS, Type.STRING, "all", Importance.LOW,
          "The producers' acks. Exactly-once needs all; stated so that it is not left to a client default.")
      .define(PRODUCER_TRANSACTION_TIMEOUT_MS, Type.INT, DEFAULT_TRANSACTION_TIMEOUT_MS, Range.atLeast(1),
          Importance.MEDIUM, "How long a transaction may stay open. A crashed instance's open transaction blocks"
              + " read_committed readers of its partitions until the broker aborts it after this time: kept short.")
      .define(PRODUCER_LINGER_MS, Type.LONG, DEFAULT_PRODUCER_LINGER_MS, Range.atLeast(0), Importance.MEDIUM,
          "How long the producers wait to fill a batch. 5 ms batches the records of one transaction without adding"
              + " visible latency.")
      .define(PRODUCER_BATCH_SIZE, Type.INT, DEFAULT_PRODUCER_BATCH_SIZE, Range.atLeast(0), Importance.LOW,
          "Most bytes of one producer batch per partition (the producer's own default). Larger batches take more"
              + " records of a busy partition per request; a batch is sent when full or after producer.linger.ms.")
      .define(CONSUMER_ISOLATION_LEVEL, Type.STRING, "read_committed", Importance.LOW,
          "The consumers' isolation level: read_committed, Kafka Streams' own under exactly-once, stated here.")
      .define(MAIN_CONSUMER_SESSION_TIMEOUT_MS, Type.INT, DEFAULT_SESSION_TIMEOUT_MS, Range.atLeast(1),
          Importance.MEDIUM, "How long the group waits for a silent instance before its partitions go to the others:"
              + " the failover time when an instance dies for good (Kafka's default is 45 s; the broker's floor 6 s).")
      .define(MAIN_CONSUMER_HEARTBEAT_INTERVAL_MS, Type.INT, DEFAULT_HEARTBEAT_INTERVAL_MS, Range.atLeast(1),
          Importance.LOW, "The main consumer's heartbeat, a third of the session timeout: two may be lost before the"
              + " member is.")
      .define(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Type.INT, DEFAULT_STANDBY_REPLICAS, Range.atLeast(0),
          Importance.MEDIUM, "Warm copies of every store on other instances (when there are any): a failover restores"
              + " only the changelog tail a standby had not read.")
      // KIP-892: writes since the last commit stay in the store's transaction buffer, so a crash (a dirty close under
      // EOS) keeps the committed state instead of wiping it and replaying the whole changelog.
      .define(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
          "Transactional state stores (KIP-892): a crash keeps a store's committed state instead of wiping it and"
              + " restoring its whole changelog.")
      // ... but those offsets reach the disk only when a memtable is flushed: small memtables bound what a crash loses.
      .define(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, Type.STRING, DurableStoreOffsets.class.getName(),
          Importance.LOW, "RocksDB options of every store. The default keeps memtables small, so a store's committed"
              + " offset reaches the disk every few seconds and a kill -9 restores a bounded changelog tail.")
      .define(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Type.LONG, DEFAULT_STATESTORE_CACHE_MAX_BYTES,
          Range.atLeast(0), Importance.LOW, "Bytes of the record cache of the instance (Kafka Streams' default),"
              + " shared by its threads; only the stores callbill.store.caching names use it. A full cache writes its"
              + " oldest entries to the store and changelog before the commit.")
      .define(BoundedStoreMemory.TOTAL_BYTES, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
          "Off-heap bytes all RocksDB stores of the instance share (one block cache, index and filter blocks in it,"
              + " memtables charged to it, at most a quarter). 0: each store has RocksDB's own memory, as before."
              + " Read by the default rocksdb.config.setter.")
      .define(GLOBAL_CONSUMER_FETCH_MAX_WAIT_MS, Type.INT, DEFAULT_GLOBAL_FETCH_MAX_WAIT_MS, Range.atLeast(0),
          Importance.LOW, "The global consumer's fetch wait: the reference-data stores load poll by poll at start, and"
              + " Kafka's 500 ms made that about 6 s.")
      .define(MAIN_CONSUMER_AUTO_OFFSET_RESET, Type.STRING, "earliest", Importance.MEDIUM,
          "Where a new application id starts: earliest bills every command still on the topic rather than skipping"
              + " to the end.")
      // Records billing cannot read or process go to the dead letters through its own handlers.
      .define(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Type.STRING, null, Importance.LOW,
          "Topic of the records set aside. Unset: <callbill.topic.prefix>dead-letters.")
      .define(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Type.STRING,
          PoisonRecordHandler.class.getName(), Importance.LOW,
          "Handler of unreadable records: billing's dead-letters them and refuses an unreadable command.")
      .define(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Type.STRING,
          FailedRecordHandler.class.getName(), Importance.LOW,
          "Handler of a record a processor threw on: billing's dead-letters it with the stack trace.")
      .define(StreamsConfig.REPLICATION_FACTOR_CONFIG, Type.SHORT, DEFAULT_REPLICATION_FACTOR,
          LambdaValidator.with((name, value) -> {
            if (value != null && (Short) value < 1) {
              throw new ConfigException(name, value,
                  "must be at least 1: the topic provisioner needs an explicit replication factor");
            }
          }, () -> "[1,...]"), Importance.HIGH,
          "Replicas of the internal topics and of the topics billing provisions. 1 suits one local broker; set 3 in"
              + " production.")
      .define(INSTANCE_ID, Type.STRING, null, Importance.MEDIUM,
          "Static group membership (the main consumer's group.instance.id, suffixed per thread by Kafka Streams): a"
              + " restarted instance takes its partitions back at once instead of waiting out its old member's"
              + " session. Each instance needs its own id. Unset: dynamic membership.")
      // The runner's own options.
      .define(TOPIC_PARTITIONS, Type.INT, DEFAULT_TOPIC_PARTITIONS, Range.atLeast(1), Importance.MEDIUM,
          "Partitions of each topic the provisioner creates.")
      .define(CREATE_TOPICS, Type.BOOLEAN, DEFAULT_CREATE_TOPICS, Importance.MEDIUM,
          "Whether the app creates missing topics before it starts.")
      .define(HEALTH_PORT, Type.INT, DEFAULT_HEALTH_PORT, Range.atLeast(0), Importance.LOW,
          "Port of the health endpoint, 0 for a free one.")
      .define(MANAGEMENT_PORT, Type.INT, DEFAULT_MANAGEMENT_PORT, LambdaValidator.with((name, value) -> {
        if (value != null && ((Integer) value < 0 || (Integer) value > 65_535)) {
          throw new ConfigException(name, value, "must be a port number, or 0 for a free one");
        }
      }, () -> "[0,...,65535]"), Importance.LOW,
          "Port of the metrics endpoint, 0 for a free one.")
      .define(MANAGEMENT_ADDRESS, Type.STRING, DEFAULT_MANAGEMENT_ADDRESS, Importance.LOW,
          "Address the metrics endpoint listens on. Loopback by default: metrics name topics, threads and volumes,"
              + " they are for a scraper on this host; 0.0.0.0 only on a network you control.");

  /**
   * The Kafka Streams keys defined here (every key but ours): their resolved values are handed to Kafka Streams under
   * the same name.
   */
  static final List<String> STREAMS_KEYS = DEFINITION.names().stream()
      .filter(key -> !key.startsWith(StreamsSettings.OWN_KEY_PREFIX)).sorted().toList();

  private BillingStreamsConfig(Map<?, ?> values) {
    // Not logged: BillingConfig logs the policies, and Kafka Streams logs its own properties at start.
    super(DEFINITION, values, false);
  }

  /** The file's values (possibly none) under the environment's, over the defaults. Bad values name their key. */
  public static BillingStreamsConfig from(Properties file, Map<String, String> environment) {
    return new BillingStreamsConfig(ConfigSources.merge(DEFINITION, file, environment));
  }

  /** Key to environment variable for every key: derived from {@link #DEFINITION}, sorted by key. */
  public static Map<String, String> environmentNames() {
    Map<String, String> names = new TreeMap<>();
    DEFINITION.names().forEach(key -> names.put(key, ConfigSources.environmentName(key)));
    return names;
  }

  /** The environment variable that sets {@code key}. */
  public static String environmentName(String key) {
    return ConfigSources.environmentName(key);
  }

  /**
   * The values of the billing policies as they were given (file and environment, no defaults), so that
   * {@link BillingConfig} still tells a key that was set from one that was not (the former metering key).
   */
  public BillingConfig billingConfig() {
    Map<Object, Object> given = new HashMap<>();
    BillingConfig.DEFINITION.names().forEach(key -> {
      Object value = originals().get(key);
      if (value != null) {
        given.put(key, value);
      }
    });
    return new BillingConfig(given);
  }

  /** The value of a Kafka Streams key defined here, as Kafka Streams reads it; null when unset without default. */
  String streamsValue(String key) {
    Object value = get(key);
    return value == null ? null : value.toString();
  }

  public String instanceId() {
    return getString(INSTANCE_ID);
  }

  public short replicationFactor() {
    return getShort(StreamsConfig.REPLICATION_FACTOR_CONFIG);
  }

  public int topicPartitions() {
    return getInt(TOPIC_PARTITIONS);
  }

  public boolean createTopics() {
    return getBoolean(CREATE_TOPICS);
  }

  public int healthPort() {
    return getInt(HEALTH_PORT);
  }

  public int managementPort() {
    return getInt(MANAGEMENT_PORT);
  }

  public String managementAddress() {
    return getString(MANAGEMENT_ADDRESS);
  }
}
