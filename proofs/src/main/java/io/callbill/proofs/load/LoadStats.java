package io.callbill.proofs.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Figures of a run as it goes: latency histograms of starts and ends (microseconds, HdrHistogram), the open loop's
 * send lags, calls and errors per second since the start, errors by kind. Thread-safe.
 */
public final class LoadStats {

  static final long HIGHEST_MICROS = 120_000_000L;

  private final long beganNanos;
  private final LoadStats run;
  private final ConcurrentHistogram starts = new ConcurrentHistogram(HIGHEST_MICROS, 3);
  private final ConcurrentHistogram ends = new ConcurrentHistogram(HIGHEST_MICROS, 3);
  private final ConcurrentHistogram lags = new ConcurrentHistogram(HIGHEST_MICROS, 3);
  private final ConcurrentSkipListMap<Long, Second> seconds = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong settled = new AtomicLong();
  private final AtomicLong failedCalls = new AtomicLong();

  public LoadStats(long beganNanos) {
    this(beganNanos, null);
  }

  private LoadStats(long beganNanos, LoadStats run) {
    this.beganNanos = beganNanos;
    this.run = run;
  }

  /** The figures of one step of a run from {@code beganNanos} on; what it records counts in this run's too. */
  public LoadStats step(long stepBeganNanos) {
    return new LoadStats(stepBeganNanos, this);
  }

  /** One second of the run: calls finished in it and the latencies of the requests answered in it. */
  public static final class Second {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final ConcurrentHistogram latencies = new ConcurrentHistogram(HIGHEST_MICROS, 2);
  }

  public void record(CallOutcome outcome, long nowNanos) {
    if (run != null) {
      run.record(outcome, nowNanos);
    }
    Second second = seconds.computeIfAbsent((nowNanos - beganNanos) / 1_000_000_000L, s -> new Second());
    if (outcome.startNanos() >= 0) {
      starts.recordValue(micros(outcome.startNanos()));
      second.latencies.recordValue(micros(outcome.startNanos()));
    }
    if (outcome.endNanos() >= 0) {
      ends.recordValue(micros(outcome.endNanos()));
      second.latencies.recordValue(micros(outcome.endNanos()));
    }
    second.calls.incrementAndGet();
    done.incrementAndGet();
    if (outcome.started()) {
      settled.incrementAndGet();
    }
    if (!outcome.errors().isEmpty()) {
      failedCalls.incrementAndGet();
      second.errors.addAndGet(outcome.errors().size());
      outcome.errors().forEach(kind -> errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet());
    }
  }

  /** How late the open loop sent a call after its due moment. */
  public void recordLag(long nanos) {
    if (run != null) {
      run.recordLag(nanos);
    }
    lags.recordValue(micros(nanos));
  }

  private static long micros(long nanos) {
    return Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000));
  }

  public long done() {
    return done.get();
  }

  public long started() {
    return settled.get();
  }

  /** Calls with at least one error. */
  public long failedCalls() {
    return failedCalls.get();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public Map<String, Long> errorsByKind() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((kind, count) -> copy.put(kind, count.get()));
    return copy;
  }

  public Histogram starts() {
    return starts.copy();
  }

  public Histogram ends() {
    return ends.copy();
  }

  /** The open loop's send lags (microseconds, at least 1); empty in the closed loop. */
  public Histogram lags() {
    return lags.copy();
  }

  /** Per-second figures, second 0 first, with empty seconds filled in up to {@code lastSecond}. */
  public java.util.List<LoadReport.Bucket> timeline(long lastSecond) {
    java.util.List<LoadReport.Bucket> buckets = new java.util.ArrayList<>();
    for (long s = 0; s <= lastSecond; s++) {
      Second second = seconds.get(s);
      if (second == null) {
        buckets.add(new LoadReport.Bucket(s, 0, 0, 0, 0));
      } else {
        Histogram h = second.latencies.copy();
        buckets.add(new LoadReport.Bucket(s, second.calls.get(), second.errors.get(),
            h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0,
            h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0));
      }
    }
    return buckets;
  }
}
