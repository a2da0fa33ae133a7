package io.callbill.billing.app;

import io.callbill.billing.BillingConfig;
import io.callbill.billing.deadletter.FailedRecordHandler;
import io.callbill.billing.deadletter.PoisonRecordHandler;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting the billing application runs with, read once at start-up: the Kafka Streams properties, the billing
 * policies ({@link BillingConfig}) and the runner's own options (topic provisioning, health port). The keys, their
 * types, defaults, documentation and environment names are defined once, in {@link BillingStreamsConfig}; this class
 * turns them into Kafka Streams properties and adds the tuning billing relies on.
 *
 * <p>Why one place: the same file and the same environment drive Kafka Streams, the topic provisioner and the
 * topology, so they cannot disagree on, say, the replication factor. Precedence: environment over file, file over
 * defaults (defaults go in with {@code putIfAbsent}). Keys of the file that start with {@code callbill.} are ours and
 * are kept out of the Kafka Streams properties; every other key goes to Kafka Streams as it is.
 *
 * <p>Exactly-once is not optional: {@code processing.guarantee} is always {@code exactly_once_v2}, and a file that
 * asks for something else is refused rather than silently overridden.
 */
public final class StreamsSettings {

  /** Environment variable naming the properties file when no CLI argument does (not a key: it names the file). */
  public static final String ENV_CONFIG_FILE = "CALLBILL_CONFIG";
  /** Environment override of {@code bootstrap.servers}; one of the two is required. */
  public static final String ENV_BOOTSTRAP_SERVERS =
      BillingStreamsConfig.environmentName(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
  public static final String ENV_APPLICATION_ID =
      BillingStreamsConfig.environmentName(StreamsConfig.APPLICATION_ID_CONFIG);
  public static final String ENV_STATE_DIR = BillingStreamsConfig.environmentName(StreamsConfig.STATE_DIR_CONFIG);
  public static final String ENV_NUM_STREAM_THREADS =
      BillingStreamsConfig.environmentName(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
  /** {@code CALLBILL_INSTANCE_ID}, see {@link BillingStreamsConfig#INSTANCE_ID}. */
  public static final String ENV_INSTANCE_ID = BillingStreamsConfig.environmentName(BillingStreamsConfig.INSTANCE_ID);
  public static final String ENV_REPLICATION_FACTOR =
      BillingStreamsConfig.environmentName(StreamsConfig.REPLICATION_FACTOR_CONFIG);

  public static final String TOPIC_PARTITIONS = BillingStreamsConfig.TOPIC_PARTITIONS;
  public static final String CREATE_TOPICS = BillingStreamsConfig.CREATE_TOPICS;
  public static final String HEALTH_PORT = BillingStreamsConfig.HEALTH_PORT;

  /** Prefix of our own keys in the file; the rest is for Kafka Streams. */
  public static final String OWN_KEY_PREFIX = "callbill.";

  public static final String DEFAULT_APPLICATION_ID = BillingStreamsConfig.DEFAULT_APPLICATION_ID;
  public static final String DEFAULT_STATE_DIR = BillingStreamsConfig.DEFAULT_STATE_DIR;
  public static final int DEFAULT_REPLICATION_FACTOR = BillingStreamsConfig.DEFAULT_REPLICATION_FACTOR;
  /** Latency of a settlement reply is bounded below by the commit interval under EOS. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 100L;
  public static final int DEFAULT_TOPIC_PARTITIONS = BillingStreamsConfig.DEFAULT_TOPIC_PARTITIONS;
  public static final boolean DEFAULT_CREATE_TOPICS = BillingStreamsConfig.DEFAULT_CREATE_TOPICS;
  public static final int DEFAULT_HEALTH_PORT = BillingStreamsConfig.DEFAULT_HEALTH_PORT;
  /**
   * How long a transaction may stay open. A crashed instance's open transaction blocks {@code read_committed}
   * readers of its partitions until the broker aborts it after this time, so it is kept short.
   */
  public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;
  /** Batches the records of one 100 ms transaction without adding visible latency. */
  public static final int DEFAULT_PRODUCER_LINGER_MS = 5;
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

  private final Properties streamsProperties;
  private final BillingConfig billingConfig;
  private final int topicPartitions;
  private final short replicationFactor;
  private final boolean createTopics;
  private final int healthPort;

  private StreamsSettings(Properties streamsProperties, BillingConfig billingConfig, int topicPartitions,
      short replicationFactor, boolean createTopics, int healthPort) {
    this.streamsProperties = streamsProperties;
    this.billingConfig = billingConfig;
    this.topicPartitions = topicPartitions;
    this.replicationFactor = replicationFactor;
    this.createTopics = createTopics;
    this.healthPort = healthPort;
  }

  /**
   * Reads the properties file named by the first CLI argument, else by {@code CALLBILL_CONFIG}; without either,
   * settings come from the environment and the defaults alone.
   */
  public static StreamsSettings load(String[] args, Map<String, String> environment) {
    String path = args.length > 0 ? args[0] : environment.get(ENV_CONFIG_FILE);
    Properties file = path == null || path.isBlank() ? new Properties() : readFile(Path.of(path));
    return from(file, environment);
  }

  /** Builds the settings from the values of a file (possibly empty) and an environment. */
  public static StreamsSettings from(Properties file, Map<String, String> environment) {
    BillingStreamsConfig config = BillingStreamsConfig.from(file, environment);
    Properties streams = new Properties();
    for (String key : file.stringPropertyNames()) {
      if (!key.startsWith(OWN_KEY_PREFIX)) {
        streams.setProperty(key, file.getProperty(key));
      }
    }
    for (String key : BillingStreamsConfig.STREAMS_KEYS) {
      String value = config.streamsValue(key);
      if (value != null) {
        streams.setProperty(key, value);
      }
    }
    if (config.instanceId() != null) {
      streams.setProperty(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          config.instanceId());
    }
    applyDefaults(streams);
    requireExactlyOnce(file);
    streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    requireBootstrapServers(streams);

    BillingConfig billing = config.billingConfig();
    applyDeadLetters(streams, billing);
    return new StreamsSettings(streams, billing, config.topicPartitions(), config.replicationFactor(),
        config.createTopics(), config.healthPort());
  }

  /** A copy of the Kafka Streams properties, safe to change. */
  public Properties streamsProperties() {
    Properties copy = new Properties();
    copy.putAll(streamsProperties);
    return copy;
  }

  public BillingConfig billingConfig() {
    return billingConfig;
  }

  public String bootstrapServers() {
    return streamsProperties.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  public String applicationId() {
    return streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
  }

  public int topicPartitions() {
    return topicPartitions;
  }

  public short replicationFactor() {
    return replicationFactor;
  }

  public boolean createTopics() {
    return createTopics;
  }

  public int healthPort() {
    return healthPort;
  }

  private static void applyDefaults(Properties streams) {
    streams.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(DEFAULT_COMMIT_INTERVAL_MS));
    // Kafka Streams forces an idempotent producer under EOS (and warns when told so); acks and read_committed are
    // its EOS defaults too, stated here so that a file cannot weaken them by accident.
    streams.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    streams.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        String.valueOf(DEFAULT_TRANSACTION_TIMEOUT_MS));
    streams.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG),
        String.valueOf(DEFAULT_PRODUCER_LINGER_MS));
    streams.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    streams.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        String.valueOf(DEFAULT_SESSION_TIMEOUT_MS));
    streams.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        String.valueOf(DEFAULT_HEARTBEAT_INTERVAL_MS));
    streams.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, String.valueOf(DEFAULT_STANDBY_REPLICAS));
    // KIP-892: writes since the last commit stay in the store's transaction buffer, so a crash (a dirty close under
    // EOS) keeps the committed state instead of wiping it and replaying the whole changelog.
    streams.putIfAbsent(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true");
    // ... but those offsets reach the disk only when a memtable is flushed: small memtables bound what a crash loses.
    streams.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, DurableStoreOffsets.class.getName());
    // The global reference-data stores are loaded poll by poll at start; the default 500 ms fetch wait made that ~6 s.
    streams.putIfAbsent(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "100");
    // A new application id bills every command still on the topic rather than skipping to the end.
    streams.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
  }

  /**
   * Records billing cannot read or process go to {@code <prefix>dead-letters} through our handlers (see
   * {@link PoisonRecordHandler}, {@link FailedRecordHandler}) instead of stopping the instance. The handlers are
   * configured with the Kafka Streams properties only, so the topics of the refusal replies are named there too.
   */
  private static void applyDeadLetters(Properties streams, BillingConfig billing) {
    Topics topics = new Topics(billing.topicPrefix(), CallbillSerdes.create());
    streams.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters.name());
    streams.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        PoisonRecordHandler.class.getName());
    streams.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecordHandler.class.getName());
    streams.setProperty(PoisonRecordHandler.COMMANDS_TOPIC_CONFIG, topics.callCommands.name());
    streams.setProperty(PoisonRecordHandler.REPLIES_TOPIC_CONFIG, topics.replies.name());
  }

  private static void requireExactlyOnce(Properties file) {
    String asked = file.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (asked != null && !asked.trim().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
      throw new ConfigException(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, asked,
          "billing runs exactly-once only; remove the key or set " + StreamsConfig.EXACTLY_ONCE_V2);
    }
  }

  private static void requireBootstrapServers(Properties streams) {
    String servers = streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || servers.isBlank()) {
      throw new ConfigException("No Kafka brokers configured: set " + ENV_BOOTSTRAP_SERVERS + " or "
          + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG + " in the properties file (" + ENV_CONFIG_FILE + ")");
    }
  }

  /** The properties file at {@code path}; a missing or unreadable file is a configuration error. */
  static Properties readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("Config file " + path.toAbsolutePath() + " does not exist");
    }
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(path)) {
      file.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + path.toAbsolutePath() + ": " + e.getMessage());
    }
    return file;
  }
}
