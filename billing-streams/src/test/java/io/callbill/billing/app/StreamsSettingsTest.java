package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.billing.Metering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {

  private static final Map<String, String> BROKERS = Map.of(StreamsSettings.ENV_BOOTSTRAP_SERVERS, "broker-a:9092");

  @Test
  void refusesToStartWithoutBrokers() {
    assertThatThrownBy(() -> StreamsSettings.from(new Properties(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CALLBILL_BOOTSTRAP_SERVERS");
  }

  @Test
  void defaultsSuitALocalExactlyOnceRun() {
    Properties streams = StreamsSettings.from(new Properties(), BROKERS).streamsProperties();

    assertThat(streams)
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-a:9092")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "callbill-billing")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "./.callbill/state/billing-streams")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all")
        .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "10000")
        .containsEntry(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed")
        .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
  }

  @Test
  void billingNeverStopsDefaults() {
    Properties streams = StreamsSettings.from(new Properties(), BROKERS).streamsProperties();

    assertThat(streams)
        .containsEntry(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true")
        .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, DurableStoreOffsets.class.getName())
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1")
        .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000")
        .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "3000")
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "callbill.dead-letters")
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            io.callbill.billing.deadletter.PoisonRecordHandler.class.getName())
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            io.callbill.billing.deadletter.FailedRecordHandler.class.getName())
        .containsEntry(io.callbill.billing.deadletter.PoisonRecordHandler.REPLIES_TOPIC_CONFIG, "callbill.replies");
  }

  @Test
  void theDeadLetterTopicFollowsThePrefix() {
    Properties file = new Properties();
    file.setProperty("callbill.topic.prefix", "staging.");

    Properties streams = StreamsSettings.from(file, BROKERS).streamsProperties();

    assertThat(streams)
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "staging.dead-letters")
        .containsEntry(io.callbill.billing.deadletter.PoisonRecordHandler.COMMANDS_TOPIC_CONFIG,
            "staging.call-commands");
  }

  @Test
  void propertiesAreAValidStreamsConfig() {
    Properties streams = StreamsSettings.from(new Properties(), BROKERS).streamsProperties();

    StreamsConfig config = new StreamsConfig(streams);

    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
  }

  @Test
  void fileValuesWinOverDefaults() {
    Properties file = new Properties();
    file.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "file-broker:9092");
    file.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "billing-from-file");
    file.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50");
    file.setProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");

    Properties streams = StreamsSettings.from(file, Map.of()).streamsProperties();

    assertThat(streams)
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "file-broker:9092")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "billing-from-file")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "50")
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
  }

  @Test
  void environmentWinsOverTheFile() {
    Properties file = new Properties();
    file.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "file-broker:9092");
    file.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "billing-from-file");
    file.setProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG, "2");
    Map<String, String> environment = Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, "env-broker:9092",
        StreamsSettings.ENV_APPLICATION_ID, "billing-from-env",
        StreamsSettings.ENV_STATE_DIR, "/var/lib/callbill",
        StreamsSettings.ENV_NUM_STREAM_THREADS, "4",
        StreamsSettings.ENV_REPLICATION_FACTOR, "3");

    StreamsSettings settings = StreamsSettings.from(file, environment);

    assertThat(settings.streamsProperties())
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "env-broker:9092")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "billing-from-env")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/callbill")
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3");
    assertThat(settings.replicationFactor()).isEqualTo((short) 3);
    assertThat(settings.bootstrapServers()).isEqualTo("env-broker:9092");
    assertThat(settings.applicationId()).isEqualTo("billing-from-env");
  }

  @Test
  void exactlyOnceCannotBeTurnedOff() {
    Properties file = new Properties();
    file.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);

    assertThatThrownBy(() -> StreamsSettings.from(file, BROKERS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
  }

  @Test
  void callbillKeysGoToTheBillingPoliciesNotToKafkaStreams() {
    Properties file = new Properties();
    file.setProperty("callbill.duration.policy", "reported");
    file.setProperty("callbill.topic.prefix", "staging.");

    StreamsSettings settings = StreamsSettings.from(file, BROKERS);

    assertThat(settings.billingConfig().metering()).isEqualTo(Metering.REPORTED);
    assertThat(settings.billingConfig().topicPrefix()).isEqualTo("staging.");
    assertThat(settings.streamsProperties().stringPropertyNames()).noneMatch(key -> key.startsWith("callbill."));
  }

  @Test
  void billingPoliciesTakeEnvironmentOverrides() {
    Properties file = new Properties();
    file.setProperty("callbill.duration.policy", "reported");
    Map<String, String> environment = Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, "broker-a:9092",
        "CALLBILL_DURATION_POLICY", "clamp");

    assertThat(StreamsSettings.from(file, environment).billingConfig().metering())
        .isEqualTo(Metering.CLAMP);
  }

  @Test
  void runnerOptionsHaveDefaults() {
    StreamsSettings settings = StreamsSettings.from(new Properties(), BROKERS);

    assertThat(settings.topicPartitions()).isEqualTo(6);
    assertThat(settings.replicationFactor()).isEqualTo((short) 1);
    assertThat(settings.createTopics()).isTrue();
    assertThat(settings.healthPort()).isEqualTo(8081);
  }

  @Test
  void runnerOptionsComeFromFileThenEnvironment() {
    Properties file = new Properties();
    file.setProperty(StreamsSettings.TOPIC_PARTITIONS, "12");
    file.setProperty(StreamsSettings.HEALTH_PORT, "9000");
    Map<String, String> environment = Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, "broker-a:9092",
        "CALLBILL_CREATE_TOPICS", "false",
        "CALLBILL_HEALTH_PORT", "0");

    StreamsSettings settings = StreamsSettings.from(file, environment);

    assertThat(settings.topicPartitions()).isEqualTo(12);
    assertThat(settings.createTopics()).isFalse();
    assertThat(settings.healthPort()).isZero();
  }

  @Test
  void refusesNonsensicalNumbers() {
    assertThatThrownBy(() -> StreamsSettings.from(new Properties(),
        Map.of(StreamsSettings.ENV_BOOTSTRAP_SERVERS, "b:9092", "CALLBILL_TOPIC_PARTITIONS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StreamsSettings.TOPIC_PARTITIONS);
    assertThatThrownBy(() -> StreamsSettings.from(new Properties(),
        Map.of(StreamsSettings.ENV_BOOTSTRAP_SERVERS, "b:9092", "CALLBILL_HEALTH_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StreamsSettings.HEALTH_PORT);
    assertThatThrownBy(() -> StreamsSettings.from(new Properties(),
        Map.of(StreamsSettings.ENV_BOOTSTRAP_SERVERS, "b:9092", StreamsSettings.ENV_REPLICATION_FACTOR, "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(StreamsConfig.REPLICATION_FACTOR_CONFIG);
  }

  @Test
  void theFirstArgumentNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("billing.properties");
    Files.writeString(file, "bootstrap.servers=from-argument:9092\n");
    Path other = dir.resolve("other.properties");
    Files.writeString(other, "bootstrap.servers=from-variable:9092\n");

    StreamsSettings settings = StreamsSettings.load(new String[] {file.toString()},
        Map.of(StreamsSettings.ENV_CONFIG_FILE, other.toString()));

    assertThat(settings.bootstrapServers()).isEqualTo("from-argument:9092");
  }

  @Test
  void withoutAnArgumentTheVariableNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("billing.properties");
    Files.writeString(file, "bootstrap.servers=from-variable:9092\n");

    StreamsSettings settings = StreamsSettings.load(new String[0],
        Map.of(StreamsSettings.ENV_CONFIG_FILE, file.toString()));

    assertThat(settings.bootstrapServers()).isEqualTo("from-variable:9092");
  }

  @Test
  void theFileIsOptionalButANamedFileMustExist(@TempDir Path dir) {
    assertThat(StreamsSettings.load(new String[0], BROKERS).bootstrapServers()).isEqualTo("broker-a:9092");

    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> StreamsSettings.load(new String[] {missing.toString()}, BROKERS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.properties");
  }

  @Test
  void streamsPropertiesAreACopy() {
    StreamsSettings settings = StreamsSettings.from(new Properties(), BROKERS);

    settings.streamsProperties().setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "changed");

    assertThat(settings.applicationId()).isEqualTo("callbill-billing");
  }
}
