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
 * Short runs of the benchmark's three modes, the drain also with {@code --state}, so they cannot rot: every call settles with the exact charge (a wrong
 * answer is counted by the run), the report holds every figure, the sink writes every row. Correctness, not speed:
 * no figure is compared with a target.
 */
class BillingBenchmarkIT {

  private static final List<String> KEYS = List.of("capacityCallsPerSecond", "rawRecordsPerSecond", "ratioToRaw",
      "startP50Ms", "startP99Ms", "endP50Ms", "endP99Ms", "recordsPerCall", "maxPunctuationMs", "sinkRowsPerSecond",
      "sinkRowsPerSecondWriting", "sinkRowsPerSecondSecondHalf", "sinkCpuSecondsPerThousandRows",
      "sinkRowsPerSecondWarm", "stateEntries", "stateOpenCalls", "recoverySeconds", "cpuSecondsPerThousandCalls",
      "compilerCpuSecondsPerThousandCalls", "maxBehindScheduleMs", "wrongAnswers");
  private static final long SMALL_BASELINE = 20_000;

  @TempDir
  Path work;

  @Test
  void closedLoopSettlesEveryCallExactlyAndTheSinkWritesEveryRow() {
    // Without --state there is one measurement: no empty/large objects in the report.
    // Fewer calls than before (400), as in the other cases, since the open loop grows a state: the class stays as
    // fast as it was.
    BenchReport report = run(List.of("250", "40"), "closed", true);
    assertSane(report, 250);
    // Each call: caller debit, receiver credit, platform credit (agency credits on top), its history row.
    assertThat(report.sinkRows()).isGreaterThanOrEqualTo(250 * 4 + 25);
    assertThat(report.sinkRowsPerSecond()).isPositive();
    // Writing is a part of the phase: never a lower rate than over the whole phase.
    assertThat(report.sinkRowsPerSecondWriting()).isGreaterThanOrEqualTo(report.sinkRowsPerSecond());
    assertThat(report.sinkCpuSecondsPerThousandRows()).isPositive();
    assertThat(report.sinkRowsPerSecondWarm()).isPositive();
    assertThat(report.asMap()).doesNotContainKeys("empty", "large");
  }

  @Test
  void openLoopSettlesEveryScheduledCallExactlyOnEmptyStoresAndOnAGrownStateAndBillingRecoversFromAKill() {
    // A caller per call: on a busy machine an answer can take longer than a caller's turn, and a caller still in a
    // call is refused (409), which the run counts as a wrong answer. One run, one broker: the open loop on empty
    // stores, 2000 settled and 200 open calls grown, the same open loop again, then the kill; a second's warm-up
    // before each measurement.
    BenchReport report = run(List.of("--rate", "50", "--duration", "3", "--callers", "150", "--state", "2000",
        "--recovery", "--warmup", "1"), "open", false);
    assertSane(report, 150);
    assertThat(report.maxBehindScheduleMs()).isNotNegative();
    assertThat(report.recoverySeconds()).isPositive();

    assertThat(report.stateOpenCalls()).isEqualTo(200);
    // Live changelog keys: at least a settled-call entry per grown call and a session per open one.
    assertThat(report.stateEntries()).isGreaterThan(2000 + 200);
    assertThat(report.asMap()).containsKeys("empty", "large");
    assertSane(report.empty(), 150);
    assertThat(report.empty().stateEntries()).isLessThan(report.stateEntries());
    assertThat(report.empty().stateOpenCalls()).isZero();
    assertSane(report.large(), 150);
    assertThat(report.large().stateEntries()).isEqualTo(report.stateEntries());
    assertThat(report.large().stateOpenCalls()).isEqualTo(200);
    assertThat(report.large().asMap()).containsKeys(KEYS.toArray(String[]::new));
  }

  @Test
  void drainSettlesEveryWrittenCallExactly() {
    BenchReport report = run(List.of("--drain", "200", "--callers", "100"), "drain", false);
    assertSane(report, 200);
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
    assertThat(report.compilerCpuSecondsPerThousandCalls()).isNotNegative()
        .isLessThanOrEqualTo(report.cpuSecondsPerThousandCalls());
    assertThat(report.toJson()).contains("\"capacityCallsPerSecond\"");
  }
}
