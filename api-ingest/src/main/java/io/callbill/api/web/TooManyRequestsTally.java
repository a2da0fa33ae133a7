package io.callbill.api.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts requests answered 429 and says, at most once per interval, how many there were since it last said so.
 *
 * <p>Why: a flooding client is answered 429 thousands of times a second; one log line each made the flood write
 * hundreds of megabytes of log and spend a core formatting them, which is exactly the cost the rate limit is there to
 * spare the other callers. The count per route stays in Prometheus ({@code http.server.requests}, status 429).
 */
final class TooManyRequestsTally {

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastReportAt;

  TooManyRequestsTally(Duration interval, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.lastReportAt = new AtomicLong(nanoClock.getAsLong() - intervalNanos);
  }

  /**
   * Counts one refused request; returns how many to report now (this one included), or 0 while the interval since
   * the last report has not passed. Exactly one of the threads racing past the interval reports.
   */
  long countAndReport() {
    refused.incrementAndGet();
    long now = nanoClock.getAsLong();
    long last = lastReportAt.get();
    if (now - last < intervalNanos || !lastReportAt.compareAndSet(last, now)) {
      return 0;
    }
    return refused.getAndSet(0);
  }
}
