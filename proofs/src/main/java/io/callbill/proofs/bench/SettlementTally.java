package io.callbill.proofs.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The settlements of one measurement as they are read: how many, how many were not exact, when the first and the
 * last came, and a wait for the first and for all. Every mode counts its calls over the same way.
 */
final class SettlementTally {

  private final int calls;
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicLong wrong = new AtomicLong();
  private final CountDownLatch first = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long firstNanos;
  private volatile long lastNanos;

  SettlementTally(int calls) {
    this.calls = calls;
  }

  /**
   * A call is over at {@code nanos} (System.nanoTime), exactly right or not.
   *
   * @return whether it was the last of the measurement's calls
   */
  boolean over(boolean exact, long nanos) {
    if (!exact) {
      wrong.incrementAndGet();
    }
    if (firstNanos == 0) {
      firstNanos = nanos;
      first.countDown();
    }
    lastNanos = nanos;
    if (settled.incrementAndGet() == calls) {
      done.countDown();
      return true;
    }
    return false;
  }

  boolean awaitFirst(long timeout, TimeUnit unit) throws InterruptedException {
    return first.await(timeout, unit);
  }

  boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  int settled() {
    return settled.get();
  }

  long wrongAnswers() {
    return wrong.get();
  }

  long lastNanos() {
    return lastNanos;
  }

  /** First to last settlement read. */
  long firstToLastNanos() {
    return lastNanos - firstNanos;
  }
}
