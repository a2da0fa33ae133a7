package io.callbill.stack.reconcile;

import io.callbill.avro.CallRecord;
import io.callbill.avro.LedgerEntry;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns reconciliation compares, read alike from a topic record and from its table row: text as text, whole
 * numbers as {@code long}, money as exact decimals without trailing zeros, instants to the millisecond. The sink's
 * own columns (rates for display, messages) are left out: they cannot move money.
 */
final class Rows {

  static final List<String> CALL_COLUMNS = List.of("caller_id", "receiver_id", "call_type", "status", "duration",
      "reported_duration", "measured_duration", "billable_duration", "total_coins", "female_earning",
      "platform_margin", "admin_earned", "agency_earned", "ended_by", "started_at", "ended_at", "rating_stars");
  static final List<String> LEDGER_COLUMNS = List.of("user_type", "user_id", "account_key", "action", "amount",
      "balance_after", "related_id", "related_model", "created_at");

  private Rows() {
  }

  static Map<String, String> of(CallRecord call) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("caller_id", call.getCallerId());
    row.put("receiver_id", call.getReceiverId());
    row.put("call_type", text(call.getCallType()));
    row.put("status", text(call.getStatus()));
    row.put("duration", text(call.getDuration()));
    row.put("reported_duration", text(call.getReportedDuration()));
    row.put("measured_duration", text(call.getMeasuredDuration()));
    row.put("billable_duration", text(call.getBillableDuration()));
    row.put("total_coins", text(call.getTotalCoins()));
    row.put("female_earning", text(call.getFemaleEarning()));
    row.put("platform_margin", text(call.getPlatformMargin()));
    row.put("admin_earned", money(call.getAdminEarned()));
    row.put("agency_earned", money(call.getAgencyEarned()));
    row.put("ended_by", text(call.getEndedBy()));
    row.put("started_at", instant(call.getStartedAt()));
    row.put("ended_at", instant(call.getEndedAt()));
    row.put("rating_stars", text(call.getRatingStars()));
    return row;
  }

  static Map<String, String> of(LedgerEntry entry) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("user_type", text(entry.getUserType()));
    row.put("user_id", entry.getUserId());
    row.put("account_key", entry.getAccountKey());
    row.put("action", text(entry.getAction()));
    row.put("amount", money(entry.getAmount()));
    row.put("balance_after", money(entry.getBalanceAfter()));
    row.put("related_id", entry.getRelatedId());
    row.put("related_model", entry.getRelatedModel());
    row.put("created_at", instant(entry.getCreatedAt()));
    return row;
  }

  /** The row of a result set positioned on it, for the given columns. */
  static Map<String, String> of(ResultSet rs, List<String> columns) throws SQLException {
    Map<String, String> row = new LinkedHashMap<>();
    for (String column : columns) {
      row.put(column, normalized(rs.getObject(column)));
    }
    return row;
  }

  private static String normalized(Object value) {
    if (value instanceof BigDecimal decimal) {
      return money(decimal);
    }
    if (value instanceof Timestamp timestamp) {
      return instant(timestamp.toInstant());
    }
    return text(value);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static String money(BigDecimal value) {
    return value == null ? null : value.stripTrailingZeros().toPlainString();
  }

  private static String instant(Instant value) {
    return value == null ? null : Instant.ofEpochMilli(value.toEpochMilli()).toString();
  }
}
