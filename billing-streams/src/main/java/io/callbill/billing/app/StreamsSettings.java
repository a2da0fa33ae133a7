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
 * policies ({@link BillingConfig}) and the runner's own options (topic provisioning, health port).
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

  /** Environment variable naming the properties file when no CLI argument does. */
  public static final String ENV_CONFIG_FILE = "CALLBILL_CONFIG";
  /** Environment override of {@code bootstrap.servers}; one of the two is required. */
  public static final String ENV_BOOTSTRAP_SERVERS = "CALLBILL_BOOTSTRAP_SERVERS";
  /** Environment override of {@code application.id} (the consumer group and the prefix of internal topics). */
  public static final String ENV_APPLICATION_ID = "CALLBILL_APPLICATION_ID";
  /** Environment override of {@code state.dir}. */
  public static final String ENV_STATE_DIR = "CALLBILL_STATE_DIR";
  /** Environment override of {@code num.stream.threads}. */
  public static final String ENV_NUM_STREAM_THREADS = "CALLBILL_NUM_STREAM_THREADS";
  /**
   * Static group membership ({@code group.instance.id} of the main consumer, suffixed per thread by Kafka Streams):
   * a restarted instance takes its partitions back at once instead of waiting out its old member's session. Each
   * instance needs its own id. Unset: dynamic membership.
   */
  public static final String ENV_INSTANCE_ID = "CALLBILL_INSTANCE_ID";
  /** Environment override of {@code replication.factor}: internal topics and the topics we provision. */
  public static final String ENV_REPLICATION_FACTOR = "CALLBILL_REPLICATION_FACTOR";

  /** Partitions of each topic the provisioner creates (env {@code CALLBILL_TOPIC_PARTITIONS}). */
  public static final String TOPIC_PARTITIONS = "callbill.topic.partitions";
  /** Whether the app creates missing topics before it starts (env {@code CALLBILL_CREATE_TOPICS}). */
  public static final String CREATE_TOPICS = "callbill.create.topics";
  /** Port of the health endpoint, 0 for a random one (env {@code CALLBILL_HEALTH_PORT}). */
  public static final String HEALTH_PORT = "callbill.health.port";

  /** Prefix of our own keys in the file; the rest is for Kafka Streams. */
  public static final String OWN_KEY_PREFIX = "callbill.";

  public static final String DEFAULT_APPLICATION_ID = "callbill-billing";
  public static final String DEFAULT_STATE_DIR = "./.callbill/state/billing-streams";
  /** One replica: right for a single local broker, wrong for production (set 3 there). */
  public static final int DEFAULT_REPLICATION_FACTOR = 1;
  /** Latency of a settlement reply is bounded below by the commit interval under EOS. */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 100L;
  public static final int DEFAULT_TOPIC_PARTITIONS = 6;
  public static final boolean DEFAULT_CREATE_TOPICS = true;
  public static final int DEFAULT_HEALTH_PORT = 8081;
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
    Properties streams = new Properties();
    Properties own = new Properties();
    for (String key : file.stringPropertyNames()) {
      (key.startsWith(OWN_KEY_PREFIX) ? own : streams).setProperty(key, file.getProperty(key));
    }
    overrideFromEnvironment(streams, environment);
    applyDefaults(streams);
    requireExactlyOnce(file);
    streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    requireBootstrapServers(streams);

    BillingConfig billing = BillingConfig.from(own, environment);
    applyDeadLetters(streams, billing);
    int partitions = intSetting(own, environment, TOPIC_PARTITIONS, DEFAULT_TOPIC_PARTITIONS, 1);
    boolean create = Boolean.parseBoolean(ownSetting(own, environment, CREATE_TOPICS,
        String.valueOf(DEFAULT_CREATE_TOPICS)).trim());
    int port = intSetting(own, environment, HEALTH_PORT, DEFAULT_HEALTH_PORT, 0);
    short replication = parseReplicationFactor(streams.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG));
    return new StreamsSettings(streams, billing, partitions, replication, create, port);
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

  private static void overrideFromEnvironment(Properties streams, Map<String, String> environment) {
    Map<String, String> overrides = Map.of(
        ENV_BOOTSTRAP_SERVERS, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
        ENV_APPLICATION_ID, StreamsConfig.APPLICATION_ID_CONFIG,
        ENV_STATE_DIR, StreamsConfig.STATE_DIR_CONFIG,
        ENV_NUM_STREAM_THREADS, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
        ENV_REPLICATION_FACTOR, StreamsConfig.REPLICATION_FACTOR_CONFIG,
        ENV_INSTANCE_ID, StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    overrides.forEach((variable, key) -> {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        streams.setProperty(key, value.trim());
      }
    });
  }

  private static void applyDefaults(Properties streams) {
    streams.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    streams.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, DEFAULT_STATE_DIR);
    streams.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(DEFAULT_REPLICATION_FACTOR));
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

  private static String ownSetting(Properties own, Map<String, String> environment, String key, String fallback) {
    String fromEnvironment = environment.get(BillingConfig.environmentName(key));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    return own.getProperty(key, fallback);
  }

  private static int intSetting(Properties own, Map<String, String> environment, String key, int fallback,
      int minimum) {
    String value = ownSetting(own, environment, key, String.valueOf(fallback)).trim();
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "not an integer");
    }
    if (parsed < minimum) {
      throw new ConfigException(key, value, "must be at least " + minimum);
    }
    return parsed;
  }

  private static short parseReplicationFactor(String value) {
    try {
      short parsed = Short.parseShort(value.trim());
      if (parsed < 1) {
        throw new ConfigException(StreamsConfig.REPLICATION_FACTOR_CONFIG, value,
            "must be at least 1: the topic provisioner needs an explicit replication factor");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(StreamsConfig.REPLICATION_FACTOR_CONFIG, value, "not a small integer");
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
