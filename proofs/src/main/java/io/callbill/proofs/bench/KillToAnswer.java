package io.callbill.proofs.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The recovery figure: from a kill -9 of billing-streams to the first answer its restarted instance gives, the end of
 * a call that was open when it died (a settlement needs the call's session back from the stores). One rule for
 * {@code measure-recovery} and {@code bench --recovery}.
 */
final class KillToAnswer {

  private KillToAnswer() {
  }

  /**
   * @param kill kills billing -9
   * @param restart starts it again on the same state directory and instance id, without waiting
   * @param sendEnd writes (and flushes) the end of the open call
   * @param answered whether the end's answer has been read
   * @return seconds from the kill to the answer
   */
  static double seconds(Runnable kill, Runnable restart, Runnable sendEnd, BooleanSupplier answered, Duration poll,
      Duration deadline) throws InterruptedException {
    kill.run();
    long killed = System.nanoTime();
    restart.run();
    sendEnd.run();
    while (!answered.getAsBoolean()) {
      if (System.nanoTime() - killed > deadline.toNanos()) {
        throw new IllegalStateException("no answer from the restarted billing-streams within " + deadline);
      }
      Thread.sleep(poll.toMillis());
    }
    return (System.nanoTime() - killed) / 1e9;
  }
}
