package io.callbill.api.it;

import io.callbill.avro.CallRecord;
import io.callbill.avro.Caller;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Receiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (zonky's embedded binaries) for one test class, with the sink's tables created by the sink's own
 * Flyway migrations (read from sink-connectors' source folder, {@code callbill.sink.migrations}). Rows are written as
 * the JDBC sink writes them: every Avro field in its snake_case column, upserted by the record key, money as exact
 * decimals, instants as {@code TIMESTAMPTZ}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SinkDatabase DATABASE = new SinkDatabase();
 * }</pre>
 */
final class SinkDatabase implements BeforeAllCallback, AfterAllCallback {

  private static final String USER = "postgres";

  private static final String UPSERT_CALL = """
      INSERT INTO call_history (call_id, caller_id, receiver_id, call_type, status, duration, reported_duration,
          measured_duration, billable_duration, female_earning_per_minute, platform_margin_per_minute,
          female_earning_per_second, platform_margin_per_second, total_coins, female_earning, platform_margin,
          admin_earned, agency_earned, admin_share_percentage, agency_share_percentage, is_agency_female, agency_id,
          ended_by, started_at, ended_at, error_message, rating_stars, rating_message, rated_by, rated_at,
          accepted_at, connected_at, last_heartbeat_at, duration_disputed, metering, refunded_coins)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
          ?, ?, ?, ?, ?, ?)
      ON CONFLICT (call_id) DO UPDATE SET caller_id = EXCLUDED.caller_id, receiver_id = EXCLUDED.receiver_id,
          call_type = EXCLUDED.call_type, status = EXCLUDED.status, duration = EXCLUDED.duration,
          reported_duration = EXCLUDED.reported_duration, measured_duration = EXCLUDED.measured_duration,
          billable_duration = EXCLUDED.billable_duration,
          female_earning_per_minute = EXCLUDED.female_earning_per_minute,
          platform_margin_per_minute = EXCLUDED.platform_margin_per_minute,
          female_earning_per_second = EXCLUDED.female_earning_per_second,
          platform_margin_per_second = EXCLUDED.platform_margin_per_second, total_coins = EXCLUDED.total_coins,
          female_earning = EXCLUDED.female_earning, platform_margin = EXCLUDED.platform_margin,
          admin_earned = EXCLUDED.admin_earned, agency_earned = EXCLUDED.agency_earned,
          admin_share_percentage = EXCLUDED.admin_share_percentage,
          agency_share_percentage = EXCLUDED.agency_share_percentage, is_agency_female = EXCLUDED.is_agency_female,
          agency_id = EXCLUDED.agency_id, ended_by = EXCLUDED.ended_by, started_at = EXCLUDED.started_at,
          ended_at = EXCLUDED.ended_at, error_message = EXCLUDED.error_message,
          rating_stars = EXCLUDED.rating_stars, rating_message = EXCLUDED.rating_message,
          rated_by = EXCLUDED.rated_by, rated_at = EXCLUDED.rated_at, accepted_at = EXCLUDED.accepted_at,
          connected_at = EXCLUDED.connected_at, last_heartbeat_at = EXCLUDED.last_heartbeat_at,
          duration_disputed = EXCLUDED.duration_disputed, metering = EXCLUDED.metering,
          refunded_coins = EXCLUDED.refunded_coins""";

  private static final String UPSERT_CALLER = """
      INSERT INTO callers (caller_id, first_name, last_name, email, profile_image) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (caller_id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
          email = EXCLUDED.email, profile_image = EXCLUDED.profile_image""";

  private static final String UPSERT_RECEIVER = """
      INSERT INTO receivers (receiver_id, name, email, profile_image, online_status, current_level, agency_id,
          review_accepted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (receiver_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email,
          profile_image = EXCLUDED.profile_image, online_status = EXCLUDED.online_status,
          current_level = EXCLUDED.current_level, agency_id = EXCLUDED.agency_id,
          review_accepted = EXCLUDED.review_accepted""";

  /** The ledger sink inserts: an entry is never changed, a second write of one entry id is the same entry. */
  private static final String INSERT_LEDGER_ENTRY = """
      INSERT INTO ledger_entries (entry_id, user_type, user_id, account_key, operation_type, action, amount,
          earning_type, message, balance_after, created_by, related_id, related_model, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO NOTHING""";

  private EmbeddedPostgres server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path migrations = Path.of(System.getProperty("callbill.sink.migrations",
        "../sink-connectors/src/main/resources/db/migration")).toAbsolutePath().normalize();
    if (!Files.isDirectory(migrations)) {
      throw new IllegalStateException("The sink's migrations are not at " + migrations);
    }
    server = EmbeddedPostgres.builder().start();
    Flyway.configure()
        .dataSource(jdbcUrl(), USER, "")
        .locations("filesystem:" + migrations)
        .load()
        .migrate();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + running().getPort() + "/postgres";
  }

  /** The API's arguments to read this database, as CALLBILL_JDBC_URL / _USER / _PASSWORD would set them. */
  List<String> apiArguments() {
    return List.of("--callbill.jdbc.url=" + jdbcUrl(), "--callbill.jdbc.user=" + USER, "--callbill.jdbc.password=");
  }

  void upsert(CallRecord call) {
    execute(UPSERT_CALL, call.getCallId(), call.getCallerId(), call.getReceiverId(), call.getCallType().name(),
        call.getStatus().name(), call.getDuration(), call.getReportedDuration(), call.getMeasuredDuration(),
        call.getBillableDuration(), call.getFemaleEarningPerMinute(), call.getPlatformMarginPerMinute(),
        call.getFemaleEarningPerSecond(), call.getPlatformMarginPerSecond(), call.getTotalCoins(),
        call.getFemaleEarning(), call.getPlatformMargin(), call.getAdminEarned(), call.getAgencyEarned(),
        call.getAdminSharePercentage(), call.getAgencySharePercentage(), call.getIsAgencyFemale(),
        call.getAgencyId(), call.getEndedBy() == null ? null : call.getEndedBy().name(), call.getStartedAt(),
        call.getEndedAt(), call.getErrorMessage(), call.getRatingStars(), call.getRatingMessage(),
        call.getRatedBy(), call.getRatedAt(), call.getAcceptedAt(), call.getConnectedAt(), call.getLastHeartbeatAt(),
        call.getDurationDisputed(), call.getMetering(), call.getRefundedCoins());
  }

  /** The block list is not sunk (the connector drops it). */
  void upsert(Caller caller) {
    execute(UPSERT_CALLER, caller.getCallerId(), caller.getFirstName(), caller.getLastName(), caller.getEmail(),
        caller.getProfileImage());
  }

  void upsert(Receiver receiver) {
    execute(UPSERT_RECEIVER, receiver.getReceiverId(), receiver.getName(), receiver.getEmail(),
        receiver.getProfileImage(), receiver.getOnlineStatus(), receiver.getCurrentLevel(), receiver.getAgencyId(),
        receiver.getReviewAccepted());
  }

  void insert(LedgerEntry entry) {
    execute(INSERT_LEDGER_ENTRY, entry.getEntryId(), entry.getUserType().name(), entry.getUserId(),
        entry.getAccountKey(), entry.getOperationType(), entry.getAction().name(), entry.getAmount(),
        entry.getEarningType(), entry.getMessage(), entry.getBalanceAfter(), entry.getCreatedBy(), entry.getRelatedId(),
        entry.getRelatedModel(), entry.getCreatedAt());
  }

  /** The rows of a query, each column by its label (for the ledger checks). */
  List<Map<String, Object>> rows(String sql, Object... parameters) {
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (var result = statement.executeQuery()) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          Map<String, Object> row = new java.util.LinkedHashMap<>();
          for (int i = 1; i <= columns; i++) {
            row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  long count(String sql, Object... parameters) {
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  void execute(String sql, Object... parameters) {
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Statement failed: " + sql, e);
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Instant instant) {
        statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
      } else if (value instanceof CharSequence text) {
        statement.setString(i + 1, text.toString());
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  private Connection connection() throws SQLException {
    return running().getPostgresDatabase().getConnection();
  }

  private EmbeddedPostgres running() {
    if (server == null) {
      throw new IllegalStateException("PostgreSQL is not started: register the extension on a static field");
    }
    return server;
  }
}
