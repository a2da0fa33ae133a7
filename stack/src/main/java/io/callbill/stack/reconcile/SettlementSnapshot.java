package io.callbill.stack.reconcile;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.CallRecord;
import io.callbill.avro.LedgerEntry;
import io.callbill.schemas.Topics;
import io.callbill.stack.TopicReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads both sides of a reconciliation: the settlement topics read_committed from the beginning (what downstream
 * consumers see), and the sink's tables. With {@code since}, only calls ended and entries created from then on.
 */
final class SettlementSnapshot {

  private final Progress progress;

  SettlementSnapshot(Progress progress) {
    this.progress = progress;
  }

  record TopicSide(Reconciliation.Side side, Set<String> duplicateEntryIds, Map<String, BigDecimal> balances) {
  }

  TopicSide readTopics(String bootstrapServers, Topics topics, Instant since) {
    Map<String, Map<String, String>> calls = new HashMap<>();
    List<ConsumerRecord<String, CallRecord>> history = TopicReader.readCommitted(bootstrapServers, topics.callHistory,
        progress.reading("call-history"));
    for (ConsumerRecord<String, CallRecord> record : history) {
      if (record.value() == null) {
        calls.remove(record.key());
      } else if (since == null || !record.value().getEndedAt().isBefore(since)) {
        calls.put(record.key(), Rows.of(record.value()));
      }
    }
    progress.read("call-history records", history.size());
    Map<String, Map<String, String>> ledger = new HashMap<>();
    Set<String> duplicates = new HashSet<>();
    List<ConsumerRecord<String, LedgerEntry>> entries = TopicReader.readCommitted(bootstrapServers, topics.ledger,
        progress.reading("ledger"));
    for (ConsumerRecord<String, LedgerEntry> record : entries) {
      if (since == null || !record.value().getCreatedAt().isBefore(since)) {
        if (ledger.put(record.key(), Rows.of(record.value())) != null) {
          duplicates.add(record.key());
        }
      }
    }
    progress.read("ledger entries", entries.size());
    Map<String, BigDecimal> balances = new HashMap<>();
    List<ConsumerRecord<String, AccountBalance>> updates = TopicReader.readCommitted(bootstrapServers,
        topics.balances, progress.reading("balances"));
    updates.forEach(record -> balances.put(record.key(), record.value().getBalance()));
    progress.read("balance updates", updates.size());
    return new TopicSide(new Reconciliation.Side(calls, ledger), duplicates, balances);
  }

  Reconciliation.Side readTables(Connection db, Instant since) throws SQLException {
    Map<String, Map<String, String>> calls = rows(db, "call_history", "call_id", Rows.CALL_COLUMNS, "ended_at", since);
    progress.read("call_history rows", calls.size());
    Map<String, Map<String, String>> ledger = rows(db, "ledger_entries", "entry_id", Rows.LEDGER_COLUMNS,
        "created_at", since);
    progress.read("ledger_entries rows", ledger.size());
    return new Reconciliation.Side(calls, ledger);
  }

  private static Map<String, Map<String, String>> rows(Connection db, String table, String key, List<String> columns,
                                                       String timeColumn, Instant since) throws SQLException {
    String sql = "SELECT " + key + ", " + String.join(", ", columns) + " FROM " + table
        + (since == null ? "" : " WHERE " + timeColumn + " >= ?");
    Map<String, Map<String, String>> rows = new HashMap<>();
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      if (since != null) {
        statement.setTimestamp(1, Timestamp.from(since));
      }
      statement.setFetchSize(10_000);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(key), Rows.of(rs, columns));
        }
      }
    }
    return rows;
  }
}
