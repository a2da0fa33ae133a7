package io.callbill.proofs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbill.avro.LedgerEntry;
import io.callbill.schemas.Topics;
import io.callbill.sink.Migrations;
import io.callbill.sink.SinkConnectors;
import io.callbill.sink.SinkTarget;
import io.callbill.stack.FreePorts;
import io.callbill.stack.LocalPostgres;
import io.callbill.stack.TopicReader;
import io.callbill.testkit.ConnectLayout;
import io.callbill.testkit.ConnectWorkerProcess;
import io.callbill.testkit.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sink phase of the benchmark: the topics already hold every settled call (call-history) and its ledger entries;
 * PostgreSQL starts empty and Kafka Connect's JDBC sink drains them. Measured from the worker's start, from the
 * moment every connector is RUNNING and from the first row (the rate while writing: a long-running worker's),
 * until both tables hold the expected rows. Counted every {@link #POLL_INTERVAL}, so a figure is that coarse.
 */
public final class SinkPhase {

  static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  static final Duration DEADLINE = Duration.ofMinutes(10);
  static final Duration CONNECTORS_TIMEOUT = Duration.ofMinutes(3);
  private static final ObjectMapper CONFIG_JSON = new ObjectMapper();

  /**
   * The sink's figures.
   *
   * @param callHistoryRows rows in call_history at the end (expected: one per call)
   * @param ledgerRows rows in ledger_entries at the end (expected: the distinct committed ledger records)
   * @param expectedLedgerRows distinct entry ids read_committed from the ledger topic
   * @param fromStart worker started -> both tables complete
   * @param fromRunning every connector RUNNING -> both tables complete
   * @param fromFirstRow the last count before the first row -> both tables complete
   * @param secondHalf the first count at or past half the rows -> both tables complete
   * @param secondHalfRows the rows at that count
   * @param workerCpuWriting the Connect worker's CPU seconds (user + system) over {@code fromFirstRow}: on a shared
   *     box the steadier figure of what a row costs the sink, as its wall time moves with the neighbours
   * @param workerCpuSecondHalf the part of it over {@code secondHalf}
   * @param workerCompilerWriting the part of {@code workerCpuWriting} its JIT compiler threads used
   * @param violations calls whose row is not completed with the expected charge, or whose entries do not sum to zero
   * @param tasks how many tasks the connectors ran ({@link #tasksPerConnector}), as printed
   */
  public record Figures(long callHistoryRows, long ledgerRows, long expectedLedgerRows, Duration fromStart,
                        Duration fromRunning, Duration fromFirstRow, Duration secondHalf, long secondHalfRows,
                        double workerCpuWriting, double workerCpuSecondHalf, double workerCompilerWriting,
                        long violations, String tasks) {

    public long rows() {
      return callHistoryRows + ledgerRows;
    }

    public BigDecimal rowsPerSecond() {
      return perSecond(fromStart);
    }

    public BigDecimal rowsPerSecondFromRunning() {
      return perSecond(fromRunning);
    }

    public BigDecimal rowsPerSecondWriting() {
      return perSecond(fromFirstRow);
    }

    /**
     * The rows of the second half over its time: closer to what a long-running worker sustains, as a fresh JVM spends
     * its first seconds compiling (the compiler's CPU is printed beside it). Not a clean warm figure: the connectors
     * need not finish together, so the second half may also have had fewer of them competing.
     */
    public BigDecimal rowsPerSecondSecondHalf() {
      BigDecimal seconds = BigDecimal.valueOf(Math.max(1, secondHalf.toNanos())).movePointLeft(9);
      return BigDecimal.valueOf(rows() - secondHalfRows).divide(seconds, 1, RoundingMode.HALF_UP);
    }

    /** The worker's CPU seconds while writing, per 1000 rows. */
    public BigDecimal workerCpuSecondsPerThousandRows() {
      return perThousand(workerCpuWriting, rows());
    }

    private static BigDecimal perThousand(double cpuSeconds, long rows) {
      return BenchReport.ratio(BenchReport.rounded(cpuSeconds * 1000, 3), BigDecimal.valueOf(Math.max(1, rows)), 3);
    }

    private BigDecimal perSecond(Duration elapsed) {
      BigDecimal seconds = BigDecimal.valueOf(Math.max(1, elapsed.toNanos())).movePointLeft(9);
      return BigDecimal.valueOf(rows()).divide(seconds, 1, RoundingMode.HALF_UP);
    }

    String describe() {
      return String.join("\n",
          String.format("  sink (Kafka Connect JDBC sink, %s): %,d rows (%,d call_history + %,d"
                  + " ledger_entries) in %.1f s = %,.0f rows/s (from worker start)", tasks, rows(), callHistoryRows,
              ledgerRows, fromStart.toMillis() / 1000.0, rowsPerSecond()),
          String.format("    from connectors RUNNING: %.1f s = %,.0f rows/s; from the first row (writing): %.1f s ="
                  + " %,.0f rows/s", fromRunning.toMillis() / 1000.0, rowsPerSecondFromRunning(),
              fromFirstRow.toMillis() / 1000.0, rowsPerSecondWriting()),
          String.format("    the second half of the rows (%,d): %.1f s = %,.0f rows/s",
              rows() - secondHalfRows, secondHalf.toMillis() / 1000.0, rowsPerSecondSecondHalf()),
          String.format("    the worker's CPU while writing: %.1f s = %s s per 1000 rows (JIT compiler %.1f s);"
                  + " first half %s, second half %s s per 1000 rows", workerCpuWriting,
              workerCpuSecondsPerThousandRows(), workerCompilerWriting,
              perThousand(workerCpuWriting - workerCpuSecondHalf, secondHalfRows),
              perThousand(workerCpuSecondHalf, rows() - secondHalfRows)),
          String.format("    rows violating the checks (status, charge, entries summing to zero): %d", violations));
    }
  }

  private SinkPhase() {
  }

  static Figures run(Path workDir, String bootstrap, Topics topics, ConnectLayout connectLayout, long calls,
                     long expectedCharge) {
    long expectedLedger = distinctLedgerEntries(bootstrap, topics);
    try (LocalPostgres postgres = LocalPostgres.start(workDir.resolve("postgres"), FreePorts.find())) {
      Migrations.migrate(postgres.jdbcUrl(), LocalPostgres.SINK_USER, postgres.sinkPassword());
      try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.SINK_USER,
          postgres.sinkPassword())) {
        long started = System.nanoTime();
        try (ConnectWorkerProcess worker = ConnectWorkerProcess.start(
            WorkerSettings.of(bootstrap, workDir.resolve("connect"), connectLayout),
            new SinkTarget(Topics.DEFAULT_PREFIX, postgres.jdbcUrl(), LocalPostgres.SINK_USER,
                postgres.sinkPassword()).environment(),
            SinkConnectors.ALL)) {
          worker.awaitRunning(SinkConnectors.ALL, CONNECTORS_TIMEOUT);
          long running = System.nanoTime();
          RowCounts counts = awaitRows(db, worker, calls, expectedLedger, started);
          long complete = System.nanoTime();
          double workerCpu = ProcessCpu.seconds(worker.pid());
          double compiler = ProcessCpu.compilerSeconds(worker.pid());
          long violations = violations(db, expectedCharge);
          return new Figures(counts.callHistory, counts.ledger, expectedLedger, Duration.ofNanos(complete - started),
              Duration.ofNanos(complete - running), Duration.ofNanos(complete - counts.writingSince),
              Duration.ofNanos(complete - counts.halfSeen), counts.halfRows, workerCpu - counts.workerCpuAtWritingStart,
              workerCpu - counts.workerCpuAtHalf, compiler - counts.compilerAtWritingStart, violations,
              tasksPerConnector(connectLayout));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot query the sink's PostgreSQL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during the sink phase", e);
    }
  }

  /**
   * The connectors' {@code tasks.max}, read from the configurations the worker was given, grouped by count in the
   * order of {@link SinkConnectors#ALL}: e.g. {@code tasks.max 2: call-history, ledger; 1: callers}.
   */
  static String tasksPerConnector(ConnectLayout layout) {
    Map<String, List<String>> byTasks = new LinkedHashMap<>();
    List<Path> files = layout.connectorFiles(SinkConnectors.ALL);
    for (int i = 0; i < files.size(); i++) {
      String tasks;
      try {
        tasks = CONFIG_JSON.readTree(files.get(i).toFile()).path("config").path("tasks.max").asText("1");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the connector configuration " + files.get(i), e);
      }
      String shortName = SinkConnectors.ALL.get(i).replaceFirst("^callbill-", "").replaceFirst("-sink$", "");
      byTasks.computeIfAbsent(tasks, key -> new ArrayList<>()).add(shortName);
    }
    StringBuilder text = new StringBuilder("tasks.max");
    byTasks.forEach((tasks, names) -> text.append(text.length() > "tasks.max".length() ? "; " : " ")
        .append(tasks).append(": ").append(String.join(", ", names)));
    return text.toString();
  }

  /** Rows of ledger_entries the sink must write: its primary key is the record key, so distinct keys. */
  private static long distinctLedgerEntries(String bootstrap, Topics topics) {
    Set<String> keys = new HashSet<>();
    for (var record : TopicReader.<LedgerEntry>readCommitted(bootstrap, topics.ledger)) {
      keys.add(record.key());
    }
    return keys.size();
  }

  /**
   * Rows in the two tables, and when (System.nanoTime) writing began: the last count that saw no row, so the writing
   * time is never shorter than it was (the rate while writing is a lower bound).
   */
  private record RowCounts(long callHistory, long ledger, long writingSince, double workerCpuAtWritingStart,
                           double compilerAtWritingStart, long halfSeen, long halfRows, double workerCpuAtHalf) {
  }

  private static RowCounts awaitRows(Connection db, ConnectWorkerProcess worker, long calls, long ledger,
                                     long started) throws SQLException, InterruptedException {
    long deadline = started + DEADLINE.toNanos();
    long writingSince = started;
    double workerCpuAtWritingStart = ProcessCpu.seconds(worker.pid());
    double compilerAtWritingStart = ProcessCpu.compilerSeconds(worker.pid());
    boolean writing = false;
    long halfSeen = 0;
    long halfRows = 0;
    double workerCpuAtHalf = 0;
    while (true) {
      long countedAt = System.nanoTime();
      double workerCpu = ProcessCpu.seconds(worker.pid());
      long[] counts = counts(db);
      writing = writing || counts[0] + counts[1] > 0;
      if (!writing) {
        writingSince = countedAt;
        workerCpuAtWritingStart = workerCpu;
        compilerAtWritingStart = ProcessCpu.compilerSeconds(worker.pid());
      }
      if (halfSeen == 0 && 2 * (counts[0] + counts[1]) >= calls + ledger) {
        halfSeen = countedAt;
        halfRows = counts[0] + counts[1];
        workerCpuAtHalf = workerCpu;
      }
      if (counts[0] >= calls && counts[1] >= ledger) {
        return new RowCounts(counts[0], counts[1], writingSince, workerCpuAtWritingStart, compilerAtWritingStart,
            halfSeen, halfRows, workerCpuAtHalf);
      }
      if (countedAt - deadline > 0) {
        throw new IllegalStateException(String.format("sink incomplete after %s: %d of %d call_history rows, %d of"
            + " %d ledger_entries rows; see %s", DEADLINE, counts[0], calls, counts[1], ledger, worker.logFile()));
      }
      if (!worker.isAlive()) {
        throw new IllegalStateException("the Kafka Connect worker exited; see " + worker.logFile());
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  private static long[] counts(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT (SELECT count(*) FROM call_history), (SELECT count(*) FROM ledger_entries)")) {
      rows.next();
      return new long[] {rows.getLong(1), rows.getLong(2)};
    }
  }

  /** Calls not completed at the expected charge, plus calls whose ledger entries (credits minus debits) are not 0. */
  private static long violations(Connection db, long expectedCharge) throws SQLException {
    try (Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT (SELECT count(*) FROM call_history WHERE status <> 'completed' OR total_coins <> "
                 + expectedCharge + "),"
                 + " (SELECT count(*) FROM (SELECT related_id FROM ledger_entries WHERE related_model = 'CallHistory'"
                 + " GROUP BY related_id"
                 + " HAVING sum(CASE WHEN action = 'debit' THEN -amount ELSE amount END) <> 0) unbalanced),"
                 + " (SELECT count(*) FROM call_history c WHERE NOT EXISTS"
                 + " (SELECT 1 FROM ledger_entries l WHERE l.related_id = c.call_id))")) {
      rows.next();
      return rows.getLong(1) + rows.getLong(2) + rows.getLong(3);
    }
  }
}
