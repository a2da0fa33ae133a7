package io.callbill.billing.app;

import io.callbill.billing.BillingConfig;
import io.callbill.billing.ConfigSources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 * the runner's options (topic provisioning, health and management endpoints) and the Kafka Streams keys that have an
 * environment variable. Each has its type, default and documentation here, and its environment name is derived from
 * it ({@link ConfigSources#environmentName}): {@link #environmentNames()} is that table, computed, not kept.
 *
 * <p>Precedence for every key: environment over file, file over the default below. Kafka Streams keys not defined
 * here go from the file to Kafka Streams unchanged, over the tuning {@link StreamsSettings} applies by default.
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

  /** The Kafka Streams keys defined here: their resolved values are handed to Kafka Streams under the same name. */
  static final List<String> STREAMS_KEYS = List.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
      StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
      StreamsConfig.REPLICATION_FACTOR_CONFIG);

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
