package io.callbill.api.history;

import io.callbill.api.UnavailableException;
import io.callbill.schemas.LedgerEntryIds;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link CallHistoryRepository} over the sink's PostgreSQL tables with plain SQL.
 *
 * <p>A history page is ONE query: the page of {@code call_history} rows joined to the other party's profile
 * ({@code receivers} for a caller, {@code callers} for a receiver), ordered newest first with {@code call_id} as the
 * tie-breaker so pages never overlap or skip a call; plus one count query. The indexes
 * {@code call_history_caller_history_idx} / {@code call_history_receiver_history_idx} serve both. Stats are one
 * aggregate over the user's completed calls, read through the same history index by its first column (the sink's V5
 * dropped the status indexes: they cost every row written and saved little).
 *
 * <p>Money is read exactly: coin sums as {@link BigDecimal} (PostgreSQL sums BIGINT as NUMERIC) turned into whole
 * {@code long}s, rates as {@link BigDecimal}. A database failure (unreachable, timeout, missing table) is a 503.
 */
public final class JdbcCallHistoryRepository implements CallHistoryRepository {

  private static final Logger log = LoggerFactory.getLogger(JdbcCallHistoryRepository.class);

  /** The 503 message of a database that does not answer. */
  public static final String DATABASE_FAILED = "History is not available right now, please retry";

  static final String CALLER_PAGE = """
      SELECT h.call_id, h.receiver_id AS other_id, r.name AS receiver_name, r.profile_image,
             h.call_type, h.status, h.billable_duration, h.female_earning_per_minute,
             h.rating_stars, h.rating_message, h.ended_at,
             h.accepted_at, h.last_heartbeat_at, h.ended_by, h.duration_disputed
        FROM call_history h
        LEFT JOIN receivers r ON r.receiver_id = h.receiver_id
       WHERE h.caller_id = :userId
       ORDER BY h.ended_at DESC, h.call_id DESC
       LIMIT :limit OFFSET :skip""";

  static final String RECEIVER_PAGE = """
      SELECT h.call_id, h.caller_id AS other_id, c.first_name, c.last_name, c.profile_image,
             h.call_type, h.status, h.billable_duration, h.female_earning_per_minute,
             h.rating_stars, h.rating_message, h.ended_at,
             h.accepted_at, h.last_heartbeat_at, h.ended_by, h.duration_disputed
        FROM call_history h
        LEFT JOIN callers c ON c.caller_id = h.caller_id
       WHERE h.receiver_id = :userId
       ORDER BY h.ended_at DESC, h.call_id DESC
       LIMIT :limit OFFSET :skip""";

  static final String CALLER_COUNT = "SELECT count(*) FROM call_history WHERE caller_id = :userId";

  static final String RECEIVER_COUNT = "SELECT count(*) FROM call_history WHERE receiver_id = :userId";

  static final String CALLER_STATS = """
      SELECT count(*) AS total_calls,
             coalesce(sum(duration), 0) AS total_duration,
             coalesce(sum(total_coins), 0) AS total_coins_spent
        FROM call_history
       WHERE caller_id = :userId AND status = 'completed'""";

  static final String RECEIVER_STATS = """
      SELECT count(*) AS total_calls,
             coalesce(sum(duration), 0) AS total_duration,
             coalesce(sum(total_coins), 0) AS total_coins_spent,
             coalesce(sum(female_earning), 0) AS total_earnings
        FROM call_history
       WHERE receiver_id = :userId AND status = 'completed'""";

  static final String CALL_RECORD = """
      SELECT call_id, caller_id, receiver_id, call_type, status, ended_by, metering, agency_id, is_agency_female,
             error_message, female_earning_per_minute, platform_margin_per_minute, female_earning_per_second,
             platform_margin_per_second, admin_share_percentage, agency_share_percentage, started_at, accepted_at,
             connected_at, last_heartbeat_at, ended_at, reported_duration, measured_duration, billable_duration,
             duration_disputed, total_coins, female_earning, platform_margin, admin_earned, agency_earned,
             refunded_coins
        FROM call_history WHERE call_id = :callId""";

  /** The call's entries in the order they were written (entry id breaks ties: the caller's charge first). */
  static final String CALL_ENTRIES = """
      SELECT entry_id, user_type, user_id, action, amount, balance_after, message, created_at
        FROM ledger_entries WHERE related_id = :callId
       ORDER BY created_at, entry_id""";

  static final String CALLER_OF_CALL = "SELECT caller_id FROM call_history WHERE call_id = :callId";

  static final String CALLER_OF_RECEIVED_CALL =
      "SELECT caller_id FROM call_history WHERE call_id = :callId AND receiver_id = :receiverId";

  private final JdbcClient jdbc;

  public JdbcCallHistoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public HistoryPage callerHistory(String callerId, PageRequest page) {
    return read(() -> new HistoryPage(
        page(CALLER_PAGE, callerId, page, (row, n) -> item(row,
            HistoryItem.receiverName(row.getString("receiver_name")))),
        count(CALLER_COUNT, callerId)));
  }

  @Override
  public HistoryPage receiverHistory(String receiverId, PageRequest page) {
    return read(() -> new HistoryPage(
        page(RECEIVER_PAGE, receiverId, page, (row, n) -> item(row,
            HistoryItem.callerName(row.getString("first_name"), row.getString("last_name")))),
        count(RECEIVER_COUNT, receiverId)));
  }

  @Override
  public CallerStats callerStats(String callerId) {
    return read(() -> jdbc.sql(CALLER_STATS).param("userId", callerId)
        .query((row, n) -> new CallerStats(row.getLong("total_calls"), whole(row, "total_duration"),
            whole(row, "total_coins_spent")))
        .single());
  }

  @Override
  public ReceiverStats receiverStats(String receiverId) {
    return read(() -> jdbc.sql(RECEIVER_STATS).param("userId", receiverId)
        .query((row, n) -> new ReceiverStats(row.getLong("total_calls"), whole(row, "total_duration"),
            whole(row, "total_coins_spent"), whole(row, "total_earnings")))
        .single());
  }

  @Override
  public Optional<CallExplanation> explain(String callId) {
    return read(() -> jdbc.sql(CALL_RECORD).param("callId", callId).query(JdbcCallHistoryRepository::explained)
        .optional()
        .map(record -> new CallExplanation(record.call(), record.rates(), record.times(), record.duration(),
            record.charge(), jdbc.sql(CALL_ENTRIES).param("callId", callId)
                .query(JdbcCallHistoryRepository::entry).list())));
  }

  private static CallExplanation explained(ResultSet row, int rowNumber) throws SQLException {
    String endedBy = row.getString("ended_by");
    Instant endedAt = instant(row, "ended_at");
    return new CallExplanation(
        new CallExplanation.Call(row.getString("call_id"), row.getString("caller_id"), row.getString("receiver_id"),
            row.getString("call_type"), row.getString("status"), endedBy, row.getString("metering"),
            row.getString("agency_id"), row.getBoolean("is_agency_female"), row.getString("error_message")),
        new CallExplanation.Rates(row.getBigDecimal("female_earning_per_minute"),
            row.getBigDecimal("platform_margin_per_minute"), row.getBigDecimal("female_earning_per_second"),
            row.getBigDecimal("platform_margin_per_second"), row.getBigDecimal("admin_share_percentage"),
            row.getBigDecimal("agency_share_percentage")),
        new CallExplanation.Times(instant(row, "started_at"), instant(row, "accepted_at"),
            instant(row, "connected_at"), instant(row, "last_heartbeat_at"), endedAt,
            "cutoff".equals(endedBy) ? endedAt : null),
        new CallExplanation.Durations(row.getLong("reported_duration"), row.getObject("measured_duration",
            Long.class), row.getLong("billable_duration"), row.getBoolean("duration_disputed")),
        new CallExplanation.Charge(row.getLong("total_coins"), row.getLong("female_earning"),
            row.getLong("platform_margin"), row.getBigDecimal("admin_earned"), row.getBigDecimal("agency_earned"),
            row.getLong("refunded_coins")),
        List.of());
  }

  private static CallExplanation.Entry entry(ResultSet row, int rowNumber) throws SQLException {
    String entryId = row.getString("entry_id");
    return new CallExplanation.Entry(entryId, row.getString("user_type"), row.getString("user_id"),
        row.getString("action"), row.getBigDecimal("amount"), row.getBigDecimal("balance_after"),
        row.getString("message"), instant(row, "created_at"), LedgerEntryIds.isRefund(entryId));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, java.time.OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  @Override
  public Optional<String> callerOfCall(String callId) {
    return read(() -> jdbc.sql(CALLER_OF_CALL).param("callId", callId).query(String.class).optional());
  }

  @Override
  public Optional<String> callerOfCallReceivedBy(String callId, String receiverId) {
    return read(() -> jdbc.sql(CALLER_OF_RECEIVED_CALL).param("callId", callId).param("receiverId", receiverId)
        .query(String.class)
        .optional());
  }

  private List<HistoryItem> page(String sql, String userId, PageRequest page,
      RowMapper<HistoryItem> mapper) {
    return jdbc.sql(sql).param("userId", userId).param("limit", page.limit()).param("skip", page.skip())
        .query(mapper)
        .list();
  }

  private long count(String sql, String userId) {
    return jdbc.sql(sql).param("userId", userId).query(Long.class).single();
  }

  private static HistoryItem item(ResultSet row, String otherPartysName) throws SQLException {
    String status = row.getString("status");
    Object stars = row.getObject("rating_stars");
    return new HistoryItem(
        row.getString("other_id"),
        otherPartysName,
        row.getString("profile_image"),
        row.getString("call_type"),
        status,
        HistoryItem.shownBillableDuration(status, row.getLong("billable_duration")),
        row.getBigDecimal("female_earning_per_minute"),
        stars == null ? null : row.getString("rating_message"),
        iso(row, "ended_at"),
        row.getString("call_id"),
        iso(row, "accepted_at"),
        iso(row, "last_heartbeat_at"),
        row.getString("ended_by"),
        row.getBoolean("duration_disputed"));
  }

  /** A TIMESTAMPTZ column as an ISO-8601 UTC instant, or null. */
  private static String iso(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant().toString();
  }

  /** A SUM of BIGINT (NUMERIC in PostgreSQL) as a whole number; it never has a fraction. */
  private static long whole(ResultSet row, String column) throws SQLException {
    BigDecimal value = row.getBigDecimal(column);
    return value == null ? 0 : value.longValueExact();
  }

  private static <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (DataAccessException e) {
      log.warn("history query failed: {}", e.getMostSpecificCause().toString());
      throw new UnavailableException(DATABASE_FAILED, e);
    }
  }
}
