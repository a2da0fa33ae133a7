package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.bench.BillingBenchmark;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of the benchmark, so it cannot rot: every call settles with the exact charge, figures are real. */
class BillingBenchmarkIT {

  @TempDir
  Path work;

  @Test
  void shortRunSettlesEveryCallExactlyAndReportsItsFigures() {
    BillingBenchmark.Result result = BillingBenchmark.run(new BillingBenchmark.Options(400, 40, 3, work,
        StackLayout.of(Path.of("..").toAbsolutePath().normalize()).execJar("billing-streams")));

    System.out.println(result.describe());
    assertThat(result.wrongAnswers()).isZero();
    assertThat(result.calls()).isEqualTo(400);
    assertThat(result.callsPerSecond()).isPositive();
    assertThat(result.rawRecordsPerSecond()).isPositive();
    assertThat(result.settlementLatency().count()).isEqualTo(400);
    assertThat(result.settlementLatency().p99Micros()).isPositive();
  }
}
