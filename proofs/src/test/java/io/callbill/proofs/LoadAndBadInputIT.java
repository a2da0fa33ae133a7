package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.proofs.badinput.BadInputCommand;
import io.callbill.proofs.badinput.BadInputResult;
import io.callbill.proofs.load.Api;
import io.callbill.proofs.load.Behaviour;
import io.callbill.proofs.load.LoadCommand;
import io.callbill.proofs.load.LoadOptions;
import io.callbill.proofs.load.LoadReport;
import io.callbill.proofs.load.ReportWriter;
import io.callbill.proofs.load.RunningStack;
import io.callbill.stack.FreePorts;
import io.callbill.stack.LocalStack;
import io.callbill.stack.StackLayout;
import io.callbill.stack.reconcile.ReconcileCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the local stack once, in-process, on a temporary state directory and a free port, with billing's default
 * metering (measured, connect at the accept) and a short heartbeat timeout; runs a short load with its adversarial
 * callers and its verification, a short open loop ({@code --rate}) with its verification, then the bad-input
 * catalogue, then reconciliation (clean, then dirty after a tampered row), through the same code as
 * {@code ./callbill load}, {@code ./callbill badinput} and {@code ./callbill reconcile}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadAndBadInputIT {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  /** Vanished calls are abandoned this long after their last heartbeat (billing's default is 60 s). */
  private static final int HEARTBEAT_TIMEOUT_SECONDS = 10;

  @TempDir
  static Path stateDir;

  private LocalStack stack;
  private StackLayout layout;
  private RunningStack running;
  private Api api;

  @BeforeAll
  void startStack() {
    layout = new StackLayout(CHECKOUT, stateDir.resolve("stack"));
    stack = new LocalStack(layout, FreePorts.find(), System.out,
        Map.of("CALLBILL_HEARTBEAT_TIMEOUT_SECONDS", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS)));
    stack.start();
    running = RunningStack.of(layout);
    api = new Api(running.apiUrl());
    running.requireRunning(api);
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aShortLoadWithCheatingCallersBillsEveryCallAsMeasuredExactlyOnce() throws Exception {
    Path reportFile = stateDir.resolve("load.json");
    LoadOptions options = LoadOptions.parse(List.of("--calls", "60", "--concurrency", "8", "--receivers", "4",
        "--call-seconds", "1-2", "--adversarial", "50", "--heartbeat-timeout",
        Integer.toString(HEARTBEAT_TIMEOUT_SECONDS), "--report", reportFile.toString()));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    LoadReport report = LoadCommand.execute(options, running, api, false,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    System.out.print(report.summary());

    assertThat(report.verification().failures()).isEmpty();
    assertThat(report.verification().passed()).isTrue();
    // history, billing, clock, ledger, the five behaviours, callers' and the others' wallets
    assertThat(report.verification().checks()).hasSize(4 + Behaviour.values().length + 2)
        .anyMatch(check -> check.startsWith("past-balance"))
        .anyMatch(check -> check.startsWith("vanishes"))
        .anyMatch(check -> check.startsWith("claims-zero"))
        .anyMatch(check -> check.startsWith("claims-half"));
    assertThat(report.calls()).isEqualTo(60);
    assertThat(report.startedCalls()).isEqualTo(60);
    assertThat(report.errors()).isEmpty();
    assertThat(report.callsPerSecond()).isPositive();
    assertThat(report.start().count()).isEqualTo(60);
    assertThat(report.end().p99Ms()).isGreaterThanOrEqualTo(report.end().p50Ms());
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("calls/s").doesNotContain("\r");

    Path svg = ReportWriter.write(report, reportFile);
    assertThat(Files.readString(reportFile)).contains("\"callsPerSecond\"").contains("\"passed\" : true");
    assertThat(Files.readString(svg)).startsWith("<svg").contains("polyline");
  }

  @Test
  @Order(2)
  void anOpenLoopOffersItsRateOnAScheduleAndBillsEveryCallExactlyOnce() throws Exception {
    Path reportFile = stateDir.resolve("open-loop.json");
    LoadOptions options = LoadOptions.parse(List.of("--rate", "5", "--calls", "20", "--callers", "40",
        "--receivers", "4", "--call-seconds", "1", "--adversarial", "0", "--prefix", "open",
        "--report", reportFile.toString()));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    LoadReport report = LoadCommand.execute(options, running, api, false,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    System.out.print(report.summary());

    assertThat(report.verification().failures()).isEmpty();
    assertThat(report.verification().passed()).isTrue();
    assertThat(report.calls()).isEqualTo(20);
    assertThat(report.startedCalls()).isEqualTo(20);
    assertThat(report.errors()).isEmpty();
    assertThat(report.schedule()).isNotNull();
    assertThat(report.schedule().calls()).isEqualTo(20);
    assertThat(report.schedule().offeredRate()).isEqualByComparingTo("5");
    // Whether a loaded box kept the schedule is a figure, not a check; the lags were measured all the same.
    assertThat(report.schedule().maxLagMs()).isGreaterThanOrEqualTo(report.schedule().lagP50Ms()).isPositive();
    assertThat(report.start().count()).isEqualTo(20);
    assertThat(report.startP99Ms()).isGreaterThanOrEqualTo(report.startP50Ms()).isPositive();
    assertThat(report.endP99Ms()).isGreaterThanOrEqualTo(report.endP50Ms()).isPositive();
    assertThat(report.summary()).contains("20 calls offered at 5/s").contains("startP99Ms");

    ReportWriter.write(report, reportFile);
    assertThat(Files.readString(reportFile)).contains("\"startP50Ms\"").contains("\"endP99Ms\"")
        .contains("\"offeredRate\" : 5").contains("\"passed\" : true");
  }

  @Test
  @Order(3)
  void hostileInputGetsNo5xxAndChangesNothing() {
    BadInputResult result = BadInputCommand.execute(running, api, null);
    System.out.print(result.summary());

    assertThat(result.requests()).isGreaterThan(300);
    assertThat(result.serverErrors()).isEmpty();
    assertThat(result.accepted()).isEmpty();
    assertThat(result.stateChanges()).isEmpty();
    assertThat(result.rateLimited()).as("both bursts cut off with 429").isTrue();
    assertThat(result.clean()).isTrue();
    assertThat(result.byClass()).doesNotContainKey("5xx");
  }

  @Test
  @Order(4)
  void reconcileIsCleanAfterTheLoadAndFindsATamperedRow() throws Exception {
    Path report = stateDir.resolve("reconcile.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int clean = 1;
    // The sink may still be writing the bad-input run's top-ups: clean once it caught up.
    for (long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
         clean != 0 && System.nanoTime() < deadline; Thread.sleep(1_000)) {
      out.reset();
      clean = ReconcileCommand.run(List.of("--report", report.toString()), layout, false,
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }
    assertThat(clean).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(report)).contains("\"clean\" : true");

    String tampered;
    try (Connection db = running.database(); Statement sql = db.createStatement()) {
      ResultSet row = sql.executeQuery("SELECT entry_id FROM ledger_entries WHERE related_model = 'CallHistory'"
          + " AND user_type = 'receiver' ORDER BY entry_id LIMIT 1");
      assertThat(row.next()).isTrue();
      tampered = row.getString(1);
      sql.executeUpdate("UPDATE ledger_entries SET amount = amount + 1 WHERE entry_id = '" + tampered + "'");
    }
    try {
      out.reset();
      int dirty = ReconcileCommand.run(List.of("--report", report.toString()), layout, false,
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      assertThat(dirty).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("DIFFERENT_ROW").contains(tampered)
          .contains("UNBALANCED_CALL").contains("WALLET_DIFFERS_FROM_TABLE");
      assertThat(Files.readString(report)).contains("\"clean\" : false").contains("\"amount\"");
    } finally {
      try (Connection db = running.database(); Statement sql = db.createStatement()) {
        sql.executeUpdate("UPDATE ledger_entries SET amount = amount - 1 WHERE entry_id = '" + tampered + "'");
      }
    }
  }
}
