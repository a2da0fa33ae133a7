package io.callbill.proofs.crash;

import io.callbill.avro.CallRecord;
import io.callbill.avro.LedgerEntry;
import io.callbill.stack.reconcile.ReconcileCommand;
import io.callbill.stack.reconcile.Reconciliation;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks that the JDBC sink put the topics into PostgreSQL exactly, with {@code ./callbill reconcile}'s own code, once
 * the row counts reach the topics' (within {@link #CATCH_UP}).
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

  /**
   * Once the sink caught up with the topics, what {@code ./callbill reconcile} finds: rows missing, extra or
   * different, calls whose entries do not sum to zero, wallets that differ from their ledger.
   */
  List<String> check(String bootstrapServers, String topicPrefix, List<ConsumerRecord<String, CallRecord>> history,
                     List<ConsumerRecord<String, LedgerEntry>> ledger, PrintStream progress) throws SQLException {
    long calls = history.stream().map(ConsumerRecord::key).distinct().count();
    long entries = ledger.stream().map(ConsumerRecord::key).distinct().count();
    try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
      awaitCounts(db, calls, entries);
    }
    Reconciliation result = ReconcileCommand.reconcile(
        new ReconcileCommand.Target(bootstrapServers, topicPrefix, jdbcUrl, user, password), null, progress);
    return result.drift().stream().map(drift -> "reconcile: " + drift.kind() + " " + drift.detail()).toList();
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
}
