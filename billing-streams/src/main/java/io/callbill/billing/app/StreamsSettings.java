package io.callbill.billing.app;

import io.callbill.billing.BillingConfig;
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
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting the billing application runs with, read once at start-up: the Kafka Streams properties, the billing
 * policies ({@link BillingConfig}) and the runner's own options (topic provisioning, health port). The keys, their
 * types, defaults, documentation and environment names are defined once, in {@link BillingStreamsConfig}, the Kafka
 * Streams tuning billing relies on included; this class only turns them into Kafka Streams properties.
 *
 * <p>Why one place: the same file and the same environment drive Kafka Streams, the topic provisioner and the
 * topology, so they cannot disagree on, say, the replication factor. Precedence: environment over file, file over
 * the definition's defaults. Keys of the file that start with {@code callbill.} are ours and
 * are kept out of the Kafka Streams properties; every other key goes to Kafka Streams as it is.
 *
 * <p>Exactly-once is not optional: {@code processing.guarantee} is always {@code exactly_once_v2}, and a file or an
 * environment that asks for something else is refused by the definition rather than silently overridden.
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
  public static final int DEFAULT_TOPIC_PARTITIONS = BillingStreamsConfig.DEFAULT_TOPIC_PARTITIONS;
  public static final boolean DEFAULT_CREATE_TOPICS = BillingStreamsConfig.DEFAULT_CREATE_TOPICS;
  public static final int DEFAULT_HEALTH_PORT = BillingStreamsConfig.DEFAULT_HEALTH_PORT;

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

  /**
   * Records billing cannot read or process go to {@code <prefix>dead-letters} through our handlers (see
   * {@link PoisonRecordHandler}, {@link io.callbill.billing.deadletter.FailedRecordHandler}; defaults of the
   * definition) instead of stopping the instance. The handlers are configured with the Kafka Streams properties
   * only, so the topics of the refusal replies are named there too.
   */
  private static void applyDeadLetters(Properties streams, BillingConfig billing) {
    Topics topics = new Topics(billing.topicPrefix(), CallbillSerdes.create());
    // The definition leaves the topic unset by default: its default name follows the topic prefix.
    streams.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetters.name());
    streams.setProperty(PoisonRecordHandler.COMMANDS_TOPIC_CONFIG, topics.callCommands.name());
    streams.setProperty(PoisonRecordHandler.REPLIES_TOPIC_CONFIG, topics.replies.name());
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
