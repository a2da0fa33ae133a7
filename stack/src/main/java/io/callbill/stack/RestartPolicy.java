package io.callbill.stack;

import java.time.Duration;

/**
 * How long the local stack waits before it starts a part that exited again: 1 s after the first exit, doubling with
 * every exit that follows a short run, at most {@code maxDelay}; a part that ran for {@code stableAfter} before it
 * exited starts the count again.
 *
 * <p>Why back off: a part that dies at start (a broken state directory, a port taken, a poison record in an older
 * build) would otherwise restart in a tight loop, filling its log and taking the CPU the other parts need; a part that
 * ran fine for minutes and then crashed deserves a quick restart.
 */
public record RestartPolicy(Duration firstDelay, Duration maxDelay, Duration stableAfter) {

  public static final RestartPolicy DEFAULT =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(2));

  /**
   * The number of exits in a row after this one, given the part's run time before it exited and the count before:
   * a stable run resets it.
   */
  public int exitsInARow(Duration ranFor, int exitsBefore) {
    return ranFor.compareTo(stableAfter) >= 0 ? 1 : exitsBefore + 1;
  }

  /** The wait before the next start after {@code exitsInARow} exits in a row (1 or more). */
  public Duration delay(int exitsInARow) {
    if (exitsInARow < 1) {
      throw new IllegalArgumentException("exits in a row must be at least 1: " + exitsInARow);
    }
    Duration delay = firstDelay;
    for (int exit = 1; exit < exitsInARow && delay.compareTo(maxDelay) < 0; exit++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
