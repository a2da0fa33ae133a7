package io.callbill.proofs.load;

import java.math.BigDecimal;
import java.time.Duration;
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
 * @param schedule how the open loop kept its schedule, or null for the closed loop and a latency-vs-rate run
 * @param steps the offered rates of a latency-vs-rate run ({@code --rates}) with their figures; empty otherwise
 */
public record LoadReport(String runId, Map<String, String> settings, long calls, long startedCalls, double seconds,
                         double callsPerSecond, Latency start, Latency end, Map<String, Long> errors,
                         Verification verification, List<Bucket> timeline, Schedule schedule, List<Step> steps)
    implements PercentileKeys {

  /**
   * One offered rate of a latency-vs-rate run: its calls, latencies (from the due moments) and how it kept its
   * schedule.
   */
  public record Step(BigDecimal offeredRate, long calls, long startedCalls, double seconds, Latency start,
                     Latency end, long errors, Schedule schedule) implements PercentileKeys {

    public static Step of(BigDecimal offeredRate, LoadStats stats, double seconds) {
      return new Step(offeredRate, stats.done(), stats.started(), seconds, Latency.of(stats.starts()),
          Latency.of(stats.ends()), stats.errorCount(), Schedule.of(offeredRate, stats.done(), stats.lags()));
    }
  }

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

  /**
   * How the open loop kept its schedule: {@code calls} offered at {@code offeredRate} a second, how late the sender
   * handed them over (p50, p99 and max of the lags behind their due moments) and how many went out later than
   * {@link #TOLERANCE}. Kept when none did: then the system was offered the rate asked for.
   */
  public record Schedule(BigDecimal offeredRate, long calls, double lagP50Ms, double lagP99Ms, double maxLagMs,
                         long lateCalls, boolean kept) {

    /**
     * A late send still counts in the latencies (they run from the due moments); past this the offered rate itself
     * was no longer what was asked for: at 1,000 calls a second 50 ms is 50 calls bunched together.
     */
    public static final Duration TOLERANCE = Duration.ofMillis(50);

    public static Schedule of(BigDecimal offeredRate, long calls, Histogram lagMicros) {
      // The first value past the tolerance's bucket: on time means within 50 ms, to HdrHistogram's 0.1 %.
      long firstLate = lagMicros.highestEquivalentValue(TOLERANCE.toNanos() / 1000) + 1;
      long late = lagMicros.getMaxValue() < firstLate ? 0
          : lagMicros.getCountBetweenValues(firstLate, lagMicros.getMaxValue());
      Latency lags = Latency.of(lagMicros);
      return new Schedule(offeredRate, calls, lags.p50Ms(), lags.p99Ms(), lags.maxMs(), late, late == 0);
    }

    public String describe() {
      String verdict = kept ? String.format("kept (every call sent within %d ms of its due moment)",
          TOLERANCE.toMillis())
          : String.format("FELL BEHIND: %d calls sent more than %d ms late (more --callers, or a lower --rate)",
              lateCalls, TOLERANCE.toMillis());
      return String.format("%d calls offered at %s/s, latencies from their due moments; sender lag p50 %.1f ms"
          + "  p99 %.1f ms  max %.1f ms: %s", calls, offeredRate.toPlainString(), lagP50Ms, lagP99Ms, maxLagMs,
          verdict);
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
    text.append(String.format("  bench keys     startP50Ms %.1f  startP99Ms %.1f  endP50Ms %.1f  endP99Ms %.1f%n",
        startP50Ms(), startP99Ms(), endP50Ms(), endP99Ms()));
    if (schedule != null) {
      text.append("  schedule       ").append(schedule.describe()).append('\n');
    }
    if (!steps.isEmpty()) {
      text.append("  offered/s   calls   start p50 / p99 ms    end p50 / p99 ms   max lag ms  schedule\n");
      for (Step step : steps) {
        text.append(String.format("  %9s  %6d  %8.1f / %8.1f  %8.1f / %8.1f  %10.1f  %s%n",
            step.offeredRate().toPlainString(), step.calls(), step.startP50Ms(), step.startP99Ms(), step.endP50Ms(),
            step.endP99Ms(), step.schedule().maxLagMs(), step.schedule().kept() ? "kept"
                : "FELL BEHIND (" + step.schedule().lateCalls() + " late)"));
      }
    }
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
