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
 * moment every connector is RUNNING and from the first row (the rate while writing), until both tables hold the
 * expected rows; then the same worker writes the same rows again, warm (the rate of a long-running worker). Counted
 * every {@link #POLL_INTERVAL}, so a figure is that coarse.
 */
public final class SinkPhase {

  static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  static final Duration DEADLINE = Duration.ofMinutes(10);
  static final Duration CONNECTORS_TIMEOUT = Duration.ofMinutes(3);
  /** The connectors of billing's busy topics: rewound for the warm pass. */
  static final List<String> REWOUND = List.of(SinkConnectors.CALL_HISTORY, SinkConnectors.LEDGER,
      SinkConnectors.ACTIVE_CALLS);
  private static final ObjectMapper CONFIG_JSON = new ObjectMapper();

  /**
   * The sink's figures.
   *
   * @param expectedLedgerRows distinct entry ids read_committed from the ledger topic
   * @param started when the worker was started (System.nanoTime)
   * @param running when every connector was RUNNING
   * @param cold the fresh worker's pass, from its start
   * @param warm the same rows written again by the same worker: the busy connectors rewound to the start of their
   *     topics and their tables emptied ({@link ConnectWorkerProcess#rewind}); its first mark is taken with the
   *     tables empty, before they resume
   * @param violations calls whose row is not completed with the expected charge, or whose entries do not sum to zero
   * @param tasks how many tasks the connectors ran ({@link #tasksPerConnector}), as printed
   */
  public record Figures(long expectedLedgerRows, long started, long running, Progress cold, Progress warm,
                        long violations, String tasks) {

    public long rows() {
      return cold.complete.rows();
    }

    /** From the worker's start: its JVM, Hibernate and the consumer groups' start are inside. */
    public BigDecimal rowsPerSecond() {
      return cold.complete.rowsPerSecondSince(SinkSample.before(started));
    }

    public BigDecimal rowsPerSecondFromRunning() {
      return cold.complete.rowsPerSecondSince(SinkSample.before(running));
    }

    public BigDecimal rowsPerSecondWriting() {
      return cold.rowsPerSecondWriting();
    }

    /**
     * The second half of the rows over its time: closer to what a long-running worker sustains, as a fresh JVM spends
     * its first seconds compiling (the compiler's CPU is printed beside it). Not a clean warm figure: the connectors
     * need not finish together, so the second half may also have had fewer of them competing.
     */
    public BigDecimal rowsPerSecondSecondHalf() {
      return cold.complete.rowsPerSecondSince(cold.half);
    }

    /**
     * The worker's CPU seconds while writing, per 1000 rows: on a shared box the steadier figure of what a row costs
     * the sink, as the wall-clock rates move with the neighbours.
     */
    public BigDecimal workerCpuSecondsPerThousandRows() {
      return cold.workerCpuPerThousandRows();
    }

    /** The warm pass: what a long-running worker sustains. */
    public BigDecimal rowsPerSecondWarm() {
      return warm.rowsPerSecondWriting();
    }

    public BigDecimal workerCpuSecondsPerThousandRowsWarm() {
      return warm.workerCpuPerThousandRows();
    }

    String describe() {
      SinkSample complete = cold.complete;
      return String.join("\n",
          String.format("  sink (Kafka Connect JDBC sink, %s): %,d rows (%,d call_history + %,d"
                  + " ledger_entries) in %.1f s = %,.0f rows/s (from worker start)", tasks, rows(),
              complete.callHistoryRows(), complete.ledgerRows(), complete.secondsSince(SinkSample.before(started)),
              rowsPerSecond()),
          String.format("    from connectors RUNNING: %.1f s = %,.0f rows/s; from the first row (writing): %.1f s ="
                  + " %,.0f rows/s", complete.secondsSince(SinkSample.before(running)), rowsPerSecondFromRunning(),
              cold.writingSeconds(), rowsPerSecondWriting()),
          String.format("    the second half of the rows (%,d): %.1f s = %,.0f rows/s", rows() - cold.half.rows(),
              complete.secondsSince(cold.half), rowsPerSecondSecondHalf()),
          String.format("    the worker's CPU while writing: %.1f s = %s s per 1000 rows (JIT compiler %.1f s);"
                  + " first half %s, second half %s s per 1000 rows", cold.workerCpuSeconds(),
              workerCpuSecondsPerThousandRows(), cold.compilerCpuSeconds(),
              cold.half.workerCpuPerThousandRowsSince(cold.beforeFirstRow),
              complete.workerCpuPerThousandRowsSince(cold.half)),
          String.format("    warm (the same rows again, busy connectors rewound, tables emptied): %.1f s ="
                  + " %,.0f rows/s; the worker's CPU %s s per 1000 rows (JIT compiler %.1f s)", warm.writingSeconds(),
              rowsPerSecondWarm(), workerCpuSecondsPerThousandRowsWarm(), warm.compilerCpuSeconds()),
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
          Progress cold = awaitRows(db, worker, calls, expectedLedger, SinkSample.before(started));
          SinkSample emptied = worker.rewind(REWOUND, () -> emptyRewoundTables(db, worker.pid()),
              CONNECTORS_TIMEOUT);
          Progress warm = awaitRows(db, worker, calls, expectedLedger, emptied);
          long violations = violations(db, expectedCharge);
          return new Figures(expectedLedger, started, running, cold, warm, violations,
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
   * The counts that mark a pass: the last one that saw no row (writing began after it, so the rate while writing is
   * a lower bound), the first at or past half the expected rows, the one that saw both tables complete.
   */
  public record Progress(SinkSample beforeFirstRow, SinkSample half, SinkSample complete) {

    BigDecimal rowsPerSecondWriting() {
      return complete.rowsPerSecondSince(beforeFirstRow);
    }

    BigDecimal workerCpuPerThousandRows() {
      return complete.workerCpuPerThousandRowsSince(beforeFirstRow);
    }

    double writingSeconds() {
      return complete.secondsSince(beforeFirstRow);
    }

    double workerCpuSeconds() {
      return complete.workerCpuSeconds() - beforeFirstRow.workerCpuSeconds();
    }

    double compilerCpuSeconds() {
      return complete.compilerCpuSeconds() - beforeFirstRow.compilerCpuSeconds();
    }
  }

  /** Empties the rewound connectors' tables while they are stopped; the sample after it starts the warm pass. */
  private static SinkSample emptyRewoundTables(Connection db, long workerPid) {
    try (Statement statement = db.createStatement()) {
      statement.execute("TRUNCATE call_history, ledger_entries, active_calls");
      return sample(db, workerPid);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the sink's tables", e);
    }
  }

  private static Progress awaitRows(Connection db, ConnectWorkerProcess worker, long calls, long ledger,
                                    SinkSample start) throws SQLException, InterruptedException {
    long deadline = start.at() + DEADLINE.toNanos();
    SinkSample beforeFirstRow = start;
    SinkSample half = null;
    while (true) {
      SinkSample sample = sample(db, worker.pid());
      if (sample.rows() == 0) {
        beforeFirstRow = sample;
      }
      if (half == null && 2 * sample.rows() >= calls + ledger) {
        half = sample;
      }
      if (sample.callHistoryRows() >= calls && sample.ledgerRows() >= ledger) {
        return new Progress(beforeFirstRow, half, sample);
      }
      if (sample.at() - deadline > 0) {
        throw new IllegalStateException(String.format("sink incomplete after %s: %d of %d call_history rows, %d of"
            + " %d ledger_entries rows; see %s", DEADLINE, sample.callHistoryRows(), calls, sample.ledgerRows(),
            ledger, worker.logFile()));
      }
      if (!worker.isAlive()) {
        throw new IllegalStateException("the Kafka Connect worker exited; see " + worker.logFile());
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
  }

  private static SinkSample sample(Connection db, long workerPid) throws SQLException {
    long at = System.nanoTime();
    double workerCpu = ProcessCpu.seconds(workerPid);
    double compilerCpu = ProcessCpu.compilerSeconds(workerPid);
    long[] counts = counts(db);
    return new SinkSample(at, counts[0], counts[1], workerCpu, compilerCpu);
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
