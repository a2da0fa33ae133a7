package io.callbill.proofs.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies in microseconds (exact: all values are kept and sorted). */
public record Percentiles(long count, long p50Micros, long p99Micros, long maxMicros) {

  public static Percentiles of(long[] micros) {
    if (micros.length == 0) {
      return new Percentiles(0, 0, 0, 0);
    }
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static long at(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public String describe() {
    return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)", p50Micros / 1000.0,
        p99Micros / 1000.0, maxMicros / 1000.0, count);
  }
}
