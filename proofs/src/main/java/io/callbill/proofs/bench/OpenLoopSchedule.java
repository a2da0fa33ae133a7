package io.callbill.proofs.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The open loop's clock: call i is due at t0 + i/R, whatever happened to the calls before it. The sender waits for a
 * call's time, never for an answer; when it finds itself past a call's time (the producer blocked, the machine is
 * saturated) it sends at once and keeps how far behind it was, so a report can say the offered rate was not met.
 */
final class OpenLoopSchedule {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long t0Nanos;
  private final int rate;
  private long maxBehindNanos;

  OpenLoopSchedule(long t0Nanos, int rate) {
    this.t0Nanos = t0Nanos;
    this.rate = rate;
  }

  /** When call {@code call} is due, in System.nanoTime. */
  long dueNanos(int call) {
    return t0Nanos + call * NANOS_PER_SECOND / rate;
  }

  /** Waits for call {@code call}'s time and answers it; if that time is past, notes by how much. */
  long awaitDue(int call) {
    long due = dueNanos(call);
    long now;
    while ((now = System.nanoTime()) < due) {
      LockSupport.parkNanos(due - now);
    }
    behind(due, now);
    return due;
  }

  /** The sender sent the call due at {@code dueNanos} at {@code sentNanos}. */
  void behind(long dueNanos, long sentNanos) {
    maxBehindNanos = Math.max(maxBehindNanos, sentNanos - dueNanos);
  }

  /** The most the sender was late for a call, in milliseconds. */
  double maxBehindMillis() {
    return maxBehindNanos / 1e6;
  }
}
