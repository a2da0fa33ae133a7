package io.callbill.proofs.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of a run: throughput, latencies, errors by kind, the verification and the per-second timeline.
 *
 * @param settings the options that shaped the run, as text
 * @param calls calls attempted
 * @param startedCalls calls that started (each must settle exactly once)
 * @param seconds wall time of the load phase
 */
public record LoadReport(String runId, Map<String, String> settings, long calls, long startedCalls, double seconds,
                         double callsPerSecond, Latency start, Latency end, Map<String, Long> errors,
                         Verification verification, List<Bucket> timeline) {

  /** Latency percentiles in milliseconds (HdrHistogram of microseconds). */
  public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    public static Latency of(Histogram micros) {
      if (micros.getTotalCount() == 0) {
        return new Latency(0, 0, 0, 0, 0);
      }
      return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
          ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
      return micros / 1000.0;
    }

    public String describe() {
      return String.format("p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  (%d requests)", p50Ms, p90Ms, p99Ms,
          maxMs, count);
    }
  }

  /** One second of the run: calls finished, errors, p50/p99 of the requests answered in it. */
  public record Bucket(long second, long calls, long errors, double p50Ms, double p99Ms) {
  }

  /** The verdict of the verification and what it checked / found wrong. */
  public record Verification(boolean passed, List<String> checks, List<String> failures) {
  }

  /** The summary printed at the end of a run. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("callbill load %s: %d calls (%d started) in %.1f s = %.2f calls/s  %s%n", runId, calls,
        startedCalls, seconds, callsPerSecond, settings));
    text.append("  start latency  ").append(start.describe()).append('\n');
    text.append("  end latency    ").append(end.describe()).append('\n');
    if (errors.isEmpty()) {
      text.append("  errors: none\n");
    } else {
      text.append("  errors: ").append(errors.values().stream().mapToLong(Long::longValue).sum()).append('\n');
      errors.forEach((kind, count) -> text.append(String.format("    %6d  %s%n", count, kind)));
    }
    text.append("VERIFICATION: ").append(verification.passed() ? "PASSED" : "FAILED").append('\n');
    verification.checks().forEach(check -> text.append("  ok    ").append(check).append('\n'));
    verification.failures().stream().limit(30).forEach(f -> text.append("  FAIL  ").append(f).append('\n'));
    if (verification.failures().size() > 30) {
      text.append("  ... and ").append(verification.failures().size() - 30).append(" more\n");
    }
    return text.toString();
  }
}
