package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.proofs.bench.BillingBenchmark;
import io.callbill.proofs.bench.SinkPhase;
import io.callbill.stack.StackLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the benchmark, so it cannot rot: every call settles with the exact charge, the sink writes every
 * row into PostgreSQL, figures are real.
 */
class BillingBenchmarkIT {

  @TempDir
  Path work;

  @Test
  void shortRunSettlesEveryCallExactlyAndReportsItsFigures() {
    StackLayout layout = StackLayout.of(Path.of("..").toAbsolutePath().normalize());
    BillingBenchmark.Result result = BillingBenchmark.run(new BillingBenchmark.Options(400, 40, 3, work,
        layout.execJar("billing-streams"), layout.connectInstallation()));

    System.out.println(result.describe());
    assertThat(result.wrongAnswers()).isZero();
    assertThat(result.calls()).isEqualTo(400);
    assertThat(result.callsPerSecond()).isPositive();
    assertThat(result.rawRecordsPerSecond()).isPositive();
    assertThat(result.settlementLatency().count()).isEqualTo(400);
    assertThat(result.settlementLatency().p99Micros()).isPositive();

    SinkPhase.Figures sink = result.sink();
    assertThat(sink.callHistoryRows()).isEqualTo(400);
    // Each call: caller debit, receiver credit, platform credit (agency credits on top); one top-up per caller.
    assertThat(sink.expectedLedgerRows()).isGreaterThanOrEqualTo(400 * 3 + 40);
    assertThat(sink.ledgerRows()).isEqualTo(sink.expectedLedgerRows());
    assertThat(sink.rows()).isEqualTo(400 + sink.expectedLedgerRows());
    assertThat(sink.violations()).isZero();
    assertThat(sink.rowsPerSecond()).isPositive();
    assertThat(sink.rowsPerSecondFromRunning()).isPositive();
    assertThat(sink.fromRunning()).isLessThanOrEqualTo(sink.fromStart());
  }
}
