package io.callbill.stack.crash;

import io.callbill.avro.CallRecord;
import io.callbill.avro.LedgerEntry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks that the JDBC sink put the topics into PostgreSQL exactly: once the row counts reach the topics' (within
 * {@link #CATCH_UP}), one call_history row per call with the topic's status and charge, the ledger_entries rows
 * exactly the ledger topic's distinct entries with their amounts, and each call's entries summing to zero in SQL.
 */
final class SinkChecks {

  static final Duration CATCH_UP = Duration.ofSeconds(120);

  private final String jdbcUrl;
  private final String user;
  private final String password;

  SinkChecks(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  List<String> check(List<ConsumerRecord<String, CallRecord>> history, List<ConsumerRecord<String, LedgerEntry>> ledger)
      throws SQLException {
    Map<String, String> topicCalls = new HashMap<>();
    history.forEach(r -> topicCalls.put(r.key(), r.value().getStatus() + " " + r.value().getTotalCoins()));
    Map<String, Long> topicEntries = new HashMap<>();
    ledger.forEach(r -> topicEntries.put(r.key(), Expected.signed(r.value().getAction(), r.value().getAmount())));
    List<String> violations = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
      awaitCounts(db, topicCalls.size(), topicEntries.size());
      Map<String, String> rows = new HashMap<>();
      query(db, "SELECT call_id, status, total_coins FROM call_history",
          rs -> rows.put(rs.getString(1), rs.getString(2) + " " + rs.getLong(3)));
      if (!rows.equals(topicCalls)) {
        violations.add("call_history (" + rows.size() + " rows) differs from the call-history topic ("
            + topicCalls.size() + " calls)" + firstDifference(topicCalls, rows));
      }
      Map<String, Long> entries = new HashMap<>();
      query(db, "SELECT entry_id, CASE WHEN action = 'debit' THEN -amount ELSE amount END * 100 FROM ledger_entries",
          rs -> entries.put(rs.getString(1), rs.getBigDecimal(2).longValueExact()));
      if (!entries.equals(topicEntries)) {
        violations.add("ledger_entries (" + entries.size() + " rows) differs from the ledger topic ("
            + topicEntries.size() + " distinct entries)" + firstDifference(topicEntries, entries));
      }
      query(db, "SELECT related_id, SUM(CASE WHEN action = 'debit' THEN -amount ELSE amount END) FROM ledger_entries"
              + " WHERE entry_id NOT LIKE 'topup:%' GROUP BY related_id"
              + " HAVING SUM(CASE WHEN action = 'debit' THEN -amount ELSE amount END) <> 0",
          rs -> violations.add("ledger_entries of call " + rs.getString(1) + " sum to " + rs.getBigDecimal(2)));
    }
    return violations;
  }

  private void awaitCounts(Connection db, long calls, long entries) throws SQLException {
    long deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (count(db, "call_history") < calls || count(db, "ledger_entries") < entries) {
      if (System.nanoTime() > deadline) {
        return; // the comparison reports what is missing
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long count(Connection db, String table) throws SQLException {
    try (Statement statement = db.createStatement();
         ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private static void query(Connection db, String sql, Row row) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        row.accept(rs);
      }
    }
  }

  private static <V> String firstDifference(Map<String, V> topic, Map<String, V> table) {
    for (Map.Entry<String, V> entry : topic.entrySet()) {
      if (!entry.getValue().equals(table.get(entry.getKey()))) {
        return ": " + entry.getKey() + " is " + entry.getValue() + " on the topic, " + table.get(entry.getKey())
            + " in PostgreSQL";
      }
    }
    for (String key : table.keySet()) {
      if (!topic.containsKey(key)) {
        return ": row " + key + " is not on the topic";
      }
    }
    return "";
  }
}
