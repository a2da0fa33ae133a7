package io.callbill.stack;

import java.time.Duration;

/**
 * The two ways the launcher and the proofs wait between polls. Either way the thread's interrupt flag is set again,
 * so whoever owns the thread still sees the interruption.
 */
public final class Pause {

  private Pause() {
  }

  /** Waits; an interruption ends the work in progress with an {@link IllegalStateException}. */
  public static void orFail(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Waits; an interruption only cuts the wait short, for loops that stop on their own flag or on the interrupt
   * flag (watchers, resenders) rather than by an exception.
   */
  public static void unlessInterrupted(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
