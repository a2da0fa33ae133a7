package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.billing.BillingConfig;
import io.callbill.billing.Metering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class BillingStreamsConfigTest {

  @Test
  void everyKeyHasADocumentationAndAnEnvironmentName() {
    Map<String, String> names = BillingStreamsConfig.environmentNames();

    assertThat(names.keySet()).isEqualTo(BillingStreamsConfig.DEFINITION.names());
    for (ConfigKey key : BillingStreamsConfig.DEFINITION.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
      assertThat(names.get(key.name)).as(key.name).matches("CALLBILL_[A-Z0-9_]+");
    }
    assertThat(names.values()).doesNotHaveDuplicates();
  }

  @Test
  void theDefinitionHoldsTheBillingPoliciesAndTheRunnersKeys() {
    assertThat(BillingStreamsConfig.DEFINITION.names())
        .containsAll(BillingConfig.DEFINITION.names())
        .contains(StreamsSettings.TOPIC_PARTITIONS, StreamsSettings.CREATE_TOPICS, StreamsSettings.HEALTH_PORT,
            ManagementSettings.PORT, ManagementSettings.ADDRESS, BillingConfig.TOPIC_PREFIX,
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, StreamsConfig.REPLICATION_FACTOR_CONFIG);
  }

  @Test
  void theEnvironmentNamesAreTheOnesOperatorsUse() {
    Map<String, String> names = BillingStreamsConfig.environmentNames();

    assertThat(names)
        .containsEntry("callbill.metering", "CALLBILL_METERING")
        .containsEntry("callbill.topic.partitions", "CALLBILL_TOPIC_PARTITIONS")
        .containsEntry("callbill.create.topics", "CALLBILL_CREATE_TOPICS")
        .containsEntry("callbill.health.port", "CALLBILL_HEALTH_PORT")
        .containsEntry("callbill.management.port", "CALLBILL_MANAGEMENT_PORT")
        .containsEntry("callbill.management.address", "CALLBILL_MANAGEMENT_ADDRESS")
        .containsEntry("callbill.topic.prefix", "CALLBILL_TOPIC_PREFIX")
        .containsEntry("callbill.instance.id", "CALLBILL_INSTANCE_ID")
        .containsEntry("bootstrap.servers", "CALLBILL_BOOTSTRAP_SERVERS")
        .containsEntry("application.id", "CALLBILL_APPLICATION_ID")
        .containsEntry("state.dir", "CALLBILL_STATE_DIR")
        .containsEntry("num.stream.threads", "CALLBILL_NUM_STREAM_THREADS")
        .containsEntry("replication.factor", "CALLBILL_REPLICATION_FACTOR");
  }

  @Test
  void environmentOverFileOverDefault() {
    Properties file = new Properties();
    file.setProperty("callbill.topic.partitions", "12");
    file.setProperty("callbill.health.port", "9000");
    file.setProperty("callbill.metering", "clamp");

    BillingStreamsConfig defaults = BillingStreamsConfig.from(new Properties(), Map.of());
    BillingStreamsConfig fromFile = BillingStreamsConfig.from(file, Map.of());
    BillingStreamsConfig fromEnvironment = BillingStreamsConfig.from(file,
        Map.of("CALLBILL_HEALTH_PORT", "9001", "CALLBILL_METERING", "reported", "CALLBILL_MANAGEMENT_PORT", " 0 "));

    assertThat(defaults.topicPartitions()).isEqualTo(6);
    assertThat(defaults.healthPort()).isEqualTo(8081);
    assertThat(defaults.managementPort()).isEqualTo(8082);
    assertThat(defaults.billingConfig().metering()).isEqualTo(Metering.MEASURED);
    assertThat(fromFile.topicPartitions()).isEqualTo(12);
    assertThat(fromFile.healthPort()).isEqualTo(9000);
    assertThat(fromFile.billingConfig().metering()).isEqualTo(Metering.CLAMP);
    assertThat(fromEnvironment.topicPartitions()).isEqualTo(12);
    assertThat(fromEnvironment.healthPort()).isEqualTo(9001);
    assertThat(fromEnvironment.managementPort()).isZero();
    assertThat(fromEnvironment.billingConfig().metering()).isEqualTo(Metering.REPORTED);
  }

  @Test
  void aBlankVariableLeavesTheFilesValue() {
    Properties file = new Properties();
    file.setProperty("callbill.topic.partitions", "12");

    assertThat(BillingStreamsConfig.from(file, Map.of("CALLBILL_TOPIC_PARTITIONS", " ")).topicPartitions())
        .isEqualTo(12);
  }

  @Test
  void theFormerMeteringKeyStillCountsOnlyWhenTheNewOneIsUnset() {
    assertThat(BillingStreamsConfig.from(new Properties(), Map.of("CALLBILL_DURATION_POLICY", "reported"))
        .billingConfig().metering()).isEqualTo(Metering.REPORTED);
    assertThat(BillingStreamsConfig.from(new Properties(),
        Map.of("CALLBILL_DURATION_POLICY", "reported", "CALLBILL_METERING", "clamp"))
        .billingConfig().metering()).isEqualTo(Metering.CLAMP);
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    Map<String, String> bad = Map.of(
        "CALLBILL_TOPIC_PARTITIONS", "0",
        "CALLBILL_CREATE_TOPICS", "perhaps",
        "CALLBILL_HEALTH_PORT", "eighty",
        "CALLBILL_MANAGEMENT_PORT", "70000",
        "CALLBILL_REPLICATION_FACTOR", "0",
        "CALLBILL_NUM_STREAM_THREADS", "many",
        "CALLBILL_COMMIT_INTERVAL_MS", "-1",
        "CALLBILL_ENABLE_TRANSACTIONAL_STATESTORES", "maybe",
        "CALLBILL_METERING", "trust-me");
    bad.forEach((variable, value) -> {
      String key = BillingStreamsConfig.environmentNames().entrySet().stream()
          .filter(entry -> entry.getValue().equals(variable)).findFirst().orElseThrow().getKey();
      assertThatThrownBy(() -> BillingStreamsConfig.from(new Properties(), Map.of(variable, value)))
          .as(variable).isInstanceOf(ConfigException.class).hasMessageContaining(key);
    });
  }

  @Test
  void theInstanceIdBecomesTheMainConsumersStaticMembership() {
    StreamsSettings settings = StreamsSettings.from(new Properties(),
        Map.of(StreamsSettings.ENV_BOOTSTRAP_SERVERS, "b:9092", "CALLBILL_INSTANCE_ID", "billing-1"));
    StreamsSettings without = StreamsSettings.from(new Properties(), Map.of(StreamsSettings.ENV_BOOTSTRAP_SERVERS,
        "b:9092"));

    assertThat(settings.streamsProperties())
        .containsEntry(StreamsConfig.mainConsumerPrefix("group.instance.id"), "billing-1");
    assertThat(without.streamsProperties()).doesNotContainKey(StreamsConfig.mainConsumerPrefix("group.instance.id"));
  }

  /** The Kafka Streams tuning is defined, not applied in code: each key with the default billing always ran with. */
  @Test
  void theTuningKeysAreDefinedWithTheirDefaults() {
    Map<String, String> tuning = new java.util.TreeMap<>(Map.ofEntries(
        Map.entry("processing.guarantee", "exactly_once_v2"),
        Map.entry("commit.interval.ms", "100"),
        Map.entry("producer.acks", "all"),
        Map.entry("producer.transaction.timeout.ms", "10000"),
        Map.entry("producer.linger.ms", "5"),
        Map.entry("producer.batch.size", "16384"),
        Map.entry("rocksdb.bounded.memory.bytes", "0"),
        Map.entry("statestore.cache.max.bytes", "10485760"),
        Map.entry("consumer.isolation.level", "read_committed"),
        Map.entry("main.consumer.session.timeout.ms", "10000"),
        Map.entry("main.consumer.heartbeat.interval.ms", "3000"),
        Map.entry("main.consumer.auto.offset.reset", "earliest"),
        Map.entry("global.consumer.fetch.max.wait.ms", "100"),
        Map.entry("num.standby.replicas", "1"),
        Map.entry("enable.transactional.statestores", "true"),
        Map.entry("rocksdb.config.setter", DurableStoreOffsets.class.getName()),
        Map.entry("deserialization.exception.handler",
            io.callbill.billing.deadletter.PoisonRecordHandler.class.getName()),
        Map.entry("processing.exception.handler",
            io.callbill.billing.deadletter.FailedRecordHandler.class.getName())));
    Properties streams = StreamsSettings.from(new Properties(), Map.of("CALLBILL_BOOTSTRAP_SERVERS", "b:9092"))
        .streamsProperties();

    assertThat(BillingStreamsConfig.DEFINITION.names()).containsAll(tuning.keySet())
        .contains(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    assertThat(BillingStreamsConfig.STREAMS_KEYS).containsAll(tuning.keySet());
    tuning.forEach((key, value) -> assertThat(streams).as(key).containsEntry(key, value));
  }

  @Test
  void aTuningKeyIsSetByItsEnvironmentName() {
    Properties file = new Properties();
    file.setProperty("commit.interval.ms", "50");
    file.setProperty("producer.linger.ms", "20");

    Properties streams = StreamsSettings.from(file, Map.of("CALLBILL_BOOTSTRAP_SERVERS", "b:9092",
        "CALLBILL_COMMIT_INTERVAL_MS", "20", "CALLBILL_NUM_STANDBY_REPLICAS", "0")).streamsProperties();

    assertThat(streams)
        .containsEntry("commit.interval.ms", "20")
        .containsEntry("producer.linger.ms", "20")
        .containsEntry("num.standby.replicas", "0");
    assertThat(BillingStreamsConfig.environmentNames())
        .containsEntry("commit.interval.ms", "CALLBILL_COMMIT_INTERVAL_MS")
        .containsEntry("producer.linger.ms", "CALLBILL_PRODUCER_LINGER_MS")
        .containsEntry("main.consumer.session.timeout.ms", "CALLBILL_MAIN_CONSUMER_SESSION_TIMEOUT_MS");
  }

  @Test
  void exactlyOnceIsRefusedOffFromTheEnvironmentToo() {
    assertThatThrownBy(() -> BillingStreamsConfig.from(new Properties(),
        Map.of("CALLBILL_PROCESSING_GUARANTEE", "at_least_once")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processing.guarantee");
    assertThat(StreamsSettings.from(new Properties(), Map.of("CALLBILL_BOOTSTRAP_SERVERS", "b:9092",
        "CALLBILL_PROCESSING_GUARANTEE", " exactly_once_v2 ")).streamsProperties())
        .containsEntry("processing.guarantee", "exactly_once_v2");
  }

  /** The module README documents the keys for operators: a key added to the definition must be added there too. */
  @Test
  void theReadmeNamesEveryKey() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    assertThat(BillingStreamsConfig.DEFINITION.names())
        .allSatisfy(key -> assertThat(readme).as(key).contains("`" + key + "`"));
  }
}
