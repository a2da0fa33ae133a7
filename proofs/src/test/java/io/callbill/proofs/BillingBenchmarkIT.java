package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.proofs.bench.BenchOptions;
import io.callbill.proofs.bench.BenchReport;
import io.callbill.proofs.bench.BillingBenchmark;
import io.callbill.stack.StackLayout;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short runs of the benchmark's three modes, so they cannot rot: every call settles with the exact charge (a wrong
 * answer is counted by the run), the report holds every figure, the sink writes every row. Correctness, not speed:
 * no figure is compared with a target.
 */
class BillingBenchmarkIT {

  private static final List<String> KEYS = List.of("capacityCallsPerSecond", "rawRecordsPerSecond", "ratioToRaw",
      "startP50Ms", "startP99Ms", "endP50Ms", "endP99Ms", "recordsPerCall", "maxPunctuationMs", "sinkRowsPerSecond",
      "stateEntries", "recoverySeconds", "cpuSecondsPerThousandCalls", "maxBehindScheduleMs", "wrongAnswers");
  private static final long SMALL_BASELINE = 20_000;

  @TempDir
  Path work;

  @Test
  void closedLoopSettlesEveryCallExactlyAndTheSinkWritesEveryRow() {
    BenchReport report = run(List.of("400", "40"), "closed", true);
    assertSane(report, 400);
    // Each call: caller debit, receiver credit, platform credit (agency credits on top), its history row.
    assertThat(report.sinkRows()).isGreaterThanOrEqualTo(400 * 4 + 40);
    assertThat(report.sinkRowsPerSecond()).isPositive();
  }

  @Test
  void openLoopSettlesEveryScheduledCallExactlyAndBillingRecoversFromAKill() {
    // A caller per call: on a busy machine an answer can take longer than a caller's turn, and a caller still in a
    // call is refused (409), which the run counts as a wrong answer.
    BenchReport report = run(List.of("--rate", "50", "--duration", "4", "--callers", "200", "--recovery"), "open",
        false);
    assertSane(report, 200);
    assertThat(report.maxBehindScheduleMs()).isNotNegative();
    assertThat(report.recoverySeconds()).isPositive();
  }

  @Test
  void drainSettlesEveryWrittenCallExactly() {
    BenchReport report = run(List.of("--drain", "300", "--callers", "100"), "drain", false);
    assertSane(report, 300);
    assertThat(report.recoverySeconds()).isNull();
  }

  private BenchReport run(List<String> args, String name, boolean sink) {
    StackLayout layout = StackLayout.of(Path.of("..").toAbsolutePath().normalize());
    BenchReport report = BillingBenchmark.run(BenchOptions.parse(args), new BillingBenchmark.Setup(
        work.resolve(name), layout.execJar("billing-streams"), layout.connectInstallation(), 3, SMALL_BASELINE, sink));
    System.out.print(report.describe());
    return report;
  }

  private static void assertSane(BenchReport report, long calls) {
    assertThat(report.wrongAnswers()).isZero();
    assertThat(report.settledCalls()).isEqualTo(calls);
    Map<String, Object> json = report.asMap();
    assertThat(json).containsKeys(KEYS.toArray(String[]::new));
    assertThat(report.capacityCallsPerSecond()).isPositive();
    assertThat(report.rawRecordsPerSecond()).isPositive();
    assertThat(report.ratioToRaw()).isPositive();
    assertThat(report.startP99Ms()).isGreaterThanOrEqualTo(report.startP50Ms()).isPositive();
    assertThat(report.endP99Ms()).isGreaterThanOrEqualTo(report.endP50Ms()).isPositive();
    // At least a reply and a call-history record per call are billing's, and a ledger entry each side.
    assertThat(report.recordsPerCall()).isGreaterThan(BigDecimal.valueOf(4));
    assertThat(report.maxPunctuationMs()).isNotNegative();
    assertThat(report.cpuSecondsPerThousandCalls()).isPositive();
    assertThat(report.toJson()).contains("\"capacityCallsPerSecond\"");
  }
}
