package io.callbill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.sink.testkit.PostgresDatabase;
import io.callbill.sink.testkit.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flyway schema on a real PostgreSQL: it applies once, and each table is exactly what its connector writes —
 * one column per Avro field of the topic (snake_case), exact types, the record key as primary key — with the
 * indexes the history pages need.
 */
class MigrationsIT {

  @RegisterExtension
  static final PostgresDatabase POSTGRES = new PostgresDatabase();

  private static Rows rows;
  private static int appliedFirst;

  @BeforeAll
  static void migrate() {
    appliedFirst = Migrations.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
    rows = new Rows(POSTGRES);
  }

  private static int versionedScripts() {
    try (var scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
      return (int) scripts.filter(path -> path.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void migrationsApplyOnceAndAgainIsANoOp() {
    // One per versioned script (V1 to V5), so a new one needs no edit here.
    assertThat(appliedFirst).isEqualTo(versionedScripts());
    assertThat(Migrations.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password())).isZero();
  }

  @Test
  void everyTableHasAColumnOfTheExactTypeForEachFieldItsConnectorWrites() {
    ConnectorConfigurations.all().forEach((name, config) -> {
      String table = config.get("collection.name.format");
      List<String> dropped = ConnectorConfigurations.droppedFields(config);
      Map<String, String> expected = new TreeMap<>();
      for (Schema.Field field : ConnectorConfigurations.valueSchema(config).getFields()) {
        String column = ConnectorConfigurations.column(field.name());
        if (!dropped.contains(column)) {
          expected.put(column, columnType(field.schema()));
        }
      }

      assertThat(columns(table)).as("columns of %s (written by %s)", table, name).isEqualTo(expected);
    });
  }

  @Test
  void theRecordKeyIsThePrimaryKeyOfEachTable() {
    ConnectorConfigurations.all().forEach((name, config) -> assertThat(rows.query("""
            SELECT k.column_name FROM information_schema.table_constraints c
            JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name
            WHERE c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'""", config.get("collection.name.format")))
        .as(name).containsExactly(Map.of("column_name", config.get("primary.key.fields"))));
  }

  @Test
  void aPartysHistoryPageIsReadFromAnIndexInItsOrderWithoutSorting() {
    for (String party : List.of("caller", "receiver")) {
      String plan = explain("SELECT * FROM call_history WHERE " + party + "_id = 'someone'"
          + " ORDER BY ended_at DESC, call_id DESC LIMIT 50 OFFSET 50");

      assertThat(plan).contains("Index Scan using call_history_" + party + "_history_idx").doesNotContain("Sort");
    }
  }

  @Test
  void statsAndLedgerLookupsHaveTheirIndexes() {
    for (String party : List.of("caller", "receiver")) {
      // V5 dropped the (party, status) indexes: the history index's first column serves the stats query.
      assertThat(explain("SELECT count(*), sum(total_coins) FROM call_history WHERE " + party
          + "_id = 'someone' AND status = 'completed'")).contains("call_history_" + party + "_history_idx");
    }
    assertThat(explain("SELECT * FROM ledger_entries WHERE related_id = 'call-1' ORDER BY created_at, entry_id"))
        .contains("ledger_entries_related_idx");
    assertThat(rows.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'").stream()
        .collect(Collectors.toMap(row -> (String) row.get("indexname"), row -> (String) row.get("indexdef"))))
        .hasEntrySatisfying("ledger_entries_related_idx", definition -> assertThat(definition)
            .endsWith("(related_id)"));
  }

  @Test
  void theSinkWritesNoIndexThatNoQueryReads() {
    // Every index is written with every row the sink writes (issue 12); V5 dropped the ones no query reads.
    assertThat(rows.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE"
        + " '%_pkey' AND tablename <> 'flyway_schema_history'")).extracting(row -> (String) row.get("indexname")).containsExactlyInAnyOrder(
            "call_history_caller_history_idx", "call_history_receiver_history_idx", "ledger_entries_related_idx");
  }

  /** The PostgreSQL type a field's column must have, and whether it may be null. */
  private static String columnType(Schema schema) {
    boolean nullable = schema.isNullable();
    Schema value = nullable
        ? schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst().orElseThrow()
        : schema;
    LogicalType logical = value.getLogicalType();
    String type;
    if (logical instanceof LogicalTypes.Decimal decimal) {
      type = "numeric(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    } else if (logical instanceof LogicalTypes.TimestampMillis) {
      type = "timestamp with time zone";
    } else {
      type = switch (value.getType()) {
        case STRING, ENUM -> "text";
        case LONG -> "bigint";
        case INT -> "integer";
        case BOOLEAN -> "boolean";
        default -> throw new IllegalArgumentException("No column type for " + value);
      };
    }
    return type + (nullable ? " null" : " not null");
  }

  private static Map<String, String> columns(String table) {
    return rows.query("""
            SELECT column_name, data_type, numeric_precision, numeric_scale, is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?""", table).stream()
        .collect(Collectors.toMap(row -> (String) row.get("column_name"), MigrationsIT::describe, (a, b) -> a,
            TreeMap::new));
  }

  private static String describe(Map<String, Object> column) {
    String type = (String) column.get("data_type");
    if (type.equals("numeric")) {
      type = "numeric(" + column.get("numeric_precision") + "," + column.get("numeric_scale") + ")";
    }
    return type + ("YES".equals(column.get("is_nullable")) ? " null" : " not null");
  }

  /** The plan of a query with sequential scans disabled: on empty tables the planner would otherwise skip indexes. */
  private static String explain(String query) {
    try (Connection connection = POSTGRES.connection(); Statement statement = connection.createStatement()) {
      statement.execute("SET enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet result = statement.executeQuery("EXPLAIN " + query)) {
        while (result.next()) {
          plan.append(result.getString(1)).append('\n');
        }
      }
      return plan.toString();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Upserts as the Debezium JDBC sink writes them (INSERT ... ON CONFLICT DO UPDATE). */
  private static void upsertReceiver(String id, boolean online) throws SQLException {
    execute("""
        INSERT INTO receivers (receiver_id, name, online_status, current_level, review_accepted)
        VALUES ('%s', 'Rita', %s, 1, true)
        ON CONFLICT (receiver_id) DO UPDATE SET online_status = EXCLUDED.online_status, name = EXCLUDED.name"""
        .formatted(id, online));
  }

  private static void upsertStatus(String id, boolean online) throws SQLException {
    execute("""
        INSERT INTO receiver_status (receiver_id, online_status, updated_at) VALUES ('%s', %s, now())
        ON CONFLICT (receiver_id) DO UPDATE SET online_status = EXCLUDED.online_status,
          updated_at = EXCLUDED.updated_at""".formatted(id, online));
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = java.sql.DriverManager.getConnection(POSTGRES.jdbcUrl(), POSTGRES.user(),
        POSTGRES.password()); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Object online(String id) {
    return rows.value("SELECT online_status FROM receivers WHERE receiver_id = ?", id);
  }

  @Test
  void theReceiversRowShowsHerOwnStatusWhicheverConnectorWritesFirst() throws SQLException {
    upsertReceiver("status-first", true);
    assertThat(online("status-first")).isEqualTo(true);
    upsertStatus("status-first", false);
    assertThat(online("status-first")).isEqualTo(false);
    // A later profile write (the admin changed her level) keeps her own status.
    upsertReceiver("status-first", true);
    assertThat(online("status-first")).isEqualTo(false);

    upsertStatus("profile-later", false);
    upsertReceiver("profile-later", true);
    assertThat(online("profile-later")).isEqualTo(false);
    upsertStatus("profile-later", true);
    assertThat(online("profile-later")).isEqualTo(true);
  }
}
