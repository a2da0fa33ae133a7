package io.callbill.proofs.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One count of the benchmark's sink phase: when it was taken ({@link System#nanoTime}), the rows in call_history and
 * ledger_entries, and the CPU seconds the Connect worker and its JIT compiler threads had used by then
 * ({@link ProcessCpu}). Two samples make a stretch of the phase with its rate and its CPU per row.
 */
public record SinkSample(long at, long callHistoryRows, long ledgerRows, double workerCpuSeconds,
                         double compilerCpuSeconds) {

  /** Before the worker's start: no row, no CPU used. */
  static SinkSample before(long at) {
    return new SinkSample(at, 0, 0, 0, 0);
  }

  long rows() {
    return callHistoryRows + ledgerRows;
  }

  /** Rows written per second from {@code earlier} to this sample. */
  BigDecimal rowsPerSecondSince(SinkSample earlier) {
    BigDecimal seconds = BigDecimal.valueOf(Math.max(1, at - earlier.at)).movePointLeft(9);
    return BigDecimal.valueOf(rows() - earlier.rows()).divide(seconds, 1, RoundingMode.HALF_UP);
  }

  /** The worker's CPU seconds per 1000 rows written from {@code earlier} to this sample. */
  BigDecimal workerCpuPerThousandRowsSince(SinkSample earlier) {
    return BenchReport.ratio(BenchReport.rounded((workerCpuSeconds - earlier.workerCpuSeconds) * 1000, 3),
        BigDecimal.valueOf(Math.max(1, rows() - earlier.rows())), 3);
  }

  double secondsSince(SinkSample earlier) {
    return (at - earlier.at) / 1e9;
  }
}
