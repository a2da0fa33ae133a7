package io.callbill.billing.testkit;

import java.time.Duration;

/**
 * Waits for a condition with a deadline, checking it every 100 ms.
 *
 * <p>Why: asynchronous systems (Kafka Streams reaching RUNNING, a topic appearing) need polling, and a poll without a
 * deadline hangs a build instead of failing it. Exceptions thrown by the condition count as "not yet".
 */
public final class Await {

  private static final Duration INTERVAL = Duration.ofMillis(100);

  private Await() {
  }

  /** A condition that may throw, e.g. an HTTP call. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Returns as soon as the condition holds.
   *
   * @throws AssertionError naming {@code what} when it still does not hold after {@code timeout}
   */
  public static void until(Duration timeout, String what, Condition condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        AssertionError failure = new AssertionError("Timed out after " + timeout + " waiting until " + what);
        if (last != null) {
          failure.initCause(last);
        }
        throw failure;
      }
      Thread.sleep(INTERVAL.toMillis());
    }
  }
}
