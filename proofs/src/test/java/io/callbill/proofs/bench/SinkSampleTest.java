package io.callbill.proofs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SinkSampleTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aStretchHasTheRowsWrittenInItOverItsTimeAndTheWorkersCpuPerThousandOfThem() {
    SinkSample first = new SinkSample(10 * SECOND, 0, 0, 7.0, 2.0);
    SinkSample later = new SinkSample(14 * SECOND, 10_000, 30_000, 11.0, 3.5);

    assertThat(later.rowsPerSecondSince(first)).isEqualByComparingTo("10000");
    assertThat(later.workerCpuPerThousandRowsSince(first)).isEqualByComparingTo("0.100");
    assertThat(later.secondsSince(first)).isEqualTo(4.0);
  }

  @Test
  void thePhasesFiguresComeFromItsMarks() {
    long started = 0;
    SinkSample beforeFirstRow = new SinkSample(8 * SECOND, 0, 0, 6.0, 1.0);
    SinkSample half = new SinkSample(12 * SECOND, 25_000, 25_000, 10.0, 2.5);
    SinkSample complete = new SinkSample(13 * SECOND, 40_000, 60_000, 12.0, 3.0);
    SinkPhase.Progress warm = new SinkPhase.Progress(new SinkSample(20 * SECOND, 0, 0, 14.0, 3.0),
        new SinkSample(22 * SECOND, 25_000, 25_000, 15.0, 3.0), new SinkSample(24 * SECOND, 40_000, 60_000, 16.0, 3.2));
    SinkPhase.Figures figures = new SinkPhase.Figures(60_000, started, 3 * SECOND,
        new SinkPhase.Progress(beforeFirstRow, half, complete), warm, 0, "tasks.max 2: ledger");

    assertThat(figures.rows()).isEqualTo(100_000);
    assertThat(figures.rowsPerSecond()).isEqualByComparingTo(new BigDecimal("7692.3"));
    assertThat(figures.rowsPerSecondFromRunning()).isEqualByComparingTo("10000");
    assertThat(figures.rowsPerSecondWriting()).isEqualByComparingTo("20000");
    assertThat(figures.rowsPerSecondSecondHalf()).isEqualByComparingTo("50000");
    assertThat(figures.workerCpuSecondsPerThousandRows()).isEqualByComparingTo("0.060");
    assertThat(figures.rowsPerSecondWarm()).isEqualByComparingTo("25000");
    assertThat(figures.workerCpuSecondsPerThousandRowsWarm()).isEqualByComparingTo("0.020");
    assertThat(figures.describe()).contains("100,000 rows", "20,000 rows/s", "50,000 rows/s",
        "JIT compiler 2.0 s", "first half 0.080, second half 0.040 s per 1000 rows",
        "warm (the same rows again, busy connectors rewound, tables emptied): 4.0 s = 25,000 rows/s",
        "0.020 s per 1000 rows (JIT compiler 0.2 s)");
  }
}
