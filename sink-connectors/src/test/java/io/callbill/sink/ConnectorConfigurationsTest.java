package io.callbill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.connect.AvroSingleObjectConverter;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The settings every sink connector must have, checked on the JSON files the worker and the REST API receive. */
class ConnectorConfigurationsTest {

  /** Billing creates its topics with 6 partitions (CALLBILL_TOPIC_PARTITIONS); a task more would idle. */
  private static final int TOPIC_PARTITIONS = 6;
  /**
   * Tasks of each busy connector: about the cores of one worker (2 here). Measured in the benchmark's sink phase
   * (drain 30000, 127,000 rows, rows/s while writing): 6 tasks 13,179 and 13,842, 2 tasks 15,056, 1 task 12,555.
   */
  private static final int BUSY_TASKS = 2;

  private final Map<String, Map<String, String>> connectors = ConnectorConfigurations.all();

  @Test
  void thereIsOneConfigurationPerSinkConnector() {
    assertThat(connectors).containsOnlyKeys(SinkConnectors.ALL);
  }

  @Test
  void everyConnectorUpsertsByRecordKeyIntoFlywayOwnedTables() {
    connectors.forEach((name, config) -> assertThat(config).as(name)
        .containsEntry("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector")
        .containsEntry("insert.mode", "upsert")
        .containsEntry("primary.key.mode", "record_key")
        .containsEntry("schema.evolution", "none")
        .containsEntry("quote.identifiers", "false"));
  }

  @Test
  void everyConnectorWritesInBatchesOfOnePoll() {
    connectors.forEach((name, config) -> assertThat(config).as(name)
        // One put() is one poll and Debezium flushes at its end: a batch is never larger than a poll.
        .containsEntry("batch.size", config.get("consumer.override.max.poll.records"))
        // The driver sends a batch as multi-row INSERTs; a row repeated in one batch (a compacted topic's update)
        // would meet ON CONFLICT DO UPDATE twice in one statement, so the batch keeps only each key's last record.
        .containsEntry("hibernate.agroal.jdbcProperties", "reWriteBatchedInserts=true")
        .containsEntry("use.reduction.buffer", "true")
        // Debezium 3.6.0's UNNEST insert binds a timestamp in the worker's zone without its milliseconds
        // (SinkPipelineIT fails with the worker in Asia/Kolkata): instants would be wrong in the tables.
        .doesNotContainKey("dialect.postgres.unnest.insert.enabled"));
    assertThat(Integer.parseInt(connectors.get(SinkConnectors.LEDGER).get("batch.size"))).isGreaterThan(500);
  }

  @Test
  void billingsBusyTopicsHaveATaskPerCoreWithinThePartitionsAndTheDatabasesConnections() {
    List<String> busy = List.of(SinkConnectors.LEDGER, SinkConnectors.CALL_HISTORY, SinkConnectors.ACTIVE_CALLS);
    connectors.forEach((name, config) -> assertThat(config.get("tasks.max")).as(name)
        .isEqualTo(busy.contains(name) ? String.valueOf(BUSY_TASKS) : "1"));
    assertThat(BUSY_TASKS).isLessThanOrEqualTo(TOPIC_PARTITIONS);
    // Every task has its own pool: all of them at their largest stay well under PostgreSQL's default 100.
    int connections = connectors.values().stream().mapToInt(config -> Integer.parseInt(config.get("tasks.max"))
        * Integer.parseInt(config.get("connection.pool.max_size"))).sum();
    assertThat(connections).isLessThanOrEqualTo(50);
  }

  @Test
  void billingsOwnTopicsStopTheSinkOnAnUnreadableRecordAndReferenceTopicsSetItAside() {
    List<String> entryPoints =
        List.of(SinkConnectors.CALLERS, SinkConnectors.RECEIVERS, SinkConnectors.RECEIVER_STATUS);
    connectors.forEach((name, config) -> {
      if (entryPoints.contains(name)) {
        // Written by the API or straight by a platform: one bad record must not stop the profiles' table.
        assertThat(config).as(name).containsEntry("errors.tolerance", "all")
            .containsEntry("errors.deadletterqueue.topic.name", "${env:CALLBILL_TOPIC_PREFIX}sink-dead-letters")
            .containsEntry("errors.deadletterqueue.context.headers.enable", "true");
      } else {
        // Written only by billing: an unreadable record is a bug; stop rather than lose a billing row.
        assertThat(config).as(name).containsEntry("errors.tolerance", "none")
            .doesNotContainKey("errors.deadletterqueue.topic.name");
      }
    });
  }

  @Test
  void everyConnectorReadsOnlyCommittedRecordsWithOurConverter() {
    connectors.forEach((name, config) -> assertThat(config).as(name)
        .containsEntry("consumer.override.isolation.level", "read_committed")
        .containsEntry("key.converter", "org.apache.kafka.connect.storage.StringConverter")
        .containsEntry("value.converter", AvroSingleObjectConverter.class.getName()));
  }

  @Test
  void theDatabaseAndTheTopicPrefixComeFromTheWorkersEnvironment() {
    connectors.forEach((name, config) -> assertThat(config).as(name)
        .containsEntry("connection.url", "${env:" + SinkTarget.JDBC_URL + "}")
        .containsEntry("connection.username", "${env:" + SinkTarget.JDBC_USER + "}")
        .containsEntry("connection.password", "${env:" + SinkTarget.JDBC_PASSWORD + "}")
        .hasEntrySatisfying("topics", topic -> assertThat(topic)
            .startsWith(ConnectorConfigurations.TOPIC_PREFIX_REFERENCE).doesNotContain(",")));
  }

  @Test
  void theStringKeyBecomesTheOneKeyColumnAndFieldsBecomeSnakeCaseColumns() {
    connectors.forEach((name, config) -> {
      String keyColumn = config.get("primary.key.fields");
      assertThat(config).as(name)
          // Debezium 3.6.0 reads a record_key as a Struct: the string key is wrapped in one named field.
          .containsEntry("transforms.keyToStruct.type", "org.apache.kafka.connect.transforms.HoistField$Key")
          .containsEntry("transforms.keyToStruct.field", keyColumn)
          // The converter names the fields once per schema; Debezium's FieldNameTransformation renamed every field of
          // every record with regular expressions (71 % of the worker's CPU in the benchmark's sink phase).
          .containsEntry("value.converter.field.naming", "snake_case");
      assertThat(config.get("transforms")).as(name).startsWith("keyToStruct").doesNotContain("snakeCase");
      assertThat(config.keySet()).as(name).noneMatch(key -> key.startsWith("transforms.snakeCase"));
      // The key column is also a field of the value (the same id), so the upsert writes it once.
      assertThat(ConnectorConfigurations.valueSchema(config).getFields())
          .extracting(field -> ConnectorConfigurations.column(field.name())).as(name).contains(keyColumn);
    });
  }

  @Test
  void onlyTheActiveCallsConnectorDeletesOnTombstones() {
    connectors.forEach((name, config) -> assertThat(config.get("delete.enabled")).as(name)
        .isEqualTo(name.equals(SinkConnectors.ACTIVE_CALLS) ? "true" : "false"));
  }

  @Test
  void blockListsAreDroppedBeforeTheyReachTheSink() {
    connectors.forEach((name, config) -> {
      boolean hasArrays = ConnectorConfigurations.valueSchema(config).getFields().stream()
          .anyMatch(field -> field.schema().getType() == Schema.Type.ARRAY);
      assertThat(ConnectorConfigurations.droppedFields(config)).as(name)
          .isEqualTo(hasArrays ? List.of("block_list") : List.of());
    });
    assertThat(connectors.get(SinkConnectors.CALLERS))
        .containsEntry("transforms.dropBlockList.type", "org.apache.kafka.connect.transforms.ReplaceField$Value");
  }

  @Test
  void eachConnectorWritesItsOwnTable() {
    assertThat(connectors.values()).extracting(config -> config.get("collection.name.format"))
        .containsExactlyInAnyOrder("call_history", "ledger_entries", "active_calls", "callers", "receivers",
            "receiver_status");
  }
}
