package io.callbill.stack.crash;

import io.callbill.stack.LocalStack;
import io.callbill.stack.LocalStack.Part;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Carries out a {@link KillPlan} against a running stack: SIGKILL a part at its moment, leave it down, start it
 * again on the same state within {@link #RESTART_DEADLINE}, then wait until the whole pipeline works again (after a
 * broker restart billing-streams must be RUNNING and every connector too). What did not come back is a finding.
 */
final class Chaos implements Runnable {

  static final Duration RESTART_DEADLINE = Duration.ofSeconds(120);
  private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);

  private final LocalStack stack;
  private final KillPlan plan;
  private final IntSupplier settled;
  private final int calls;
  private final AtomicInteger underLoad = new AtomicInteger();
  private final PrintStream out;
  private final Map<Part, Integer> survived = new EnumMap<>(Part.class);
  private final List<String> findings = new CopyOnWriteArrayList<>();
  private final List<Duration> restartTimes = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  Chaos(LocalStack stack, KillPlan plan, IntSupplier settled, int calls, PrintStream out) {
    this.stack = stack;
    this.plan = plan;
    this.settled = settled;
    this.calls = calls;
    this.out = out;
  }

  @Override
  public void run() {
    for (KillPlan.Kill kill : plan.kills()) {
      while (!stopped && settled.getAsInt() < kill.afterSettledCalls()) {
        pause(Duration.ofMillis(50));
      }
      if (stopped) {
        return;
      }
      try {
        crashAndRestart(kill);
        survived.merge(kill.part(), 1, Integer::sum);
      } catch (RuntimeException e) {
        findings.add(kill.part() + " killed after " + kill.afterSettledCalls() + " calls did not recover: "
            + e.getMessage());
        return;
      }
    }
  }

  private void crashAndRestart(KillPlan.Kill kill) {
    out.printf("crash: kill -9 %s at %d settled calls (planned %d), down %d ms%n", kill.part(), settled.getAsInt(),
        kill.afterSettledCalls(), kill.downMillis());
    if (settled.getAsInt() < calls) {
      underLoad.incrementAndGet();
    }
    stack.kill(kill.part());
    pause(Duration.ofMillis(kill.downMillis()));
    long began = System.nanoTime();
    stack.restart(kill.part(), RESTART_DEADLINE);
    recover(kill.part());
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    restartTimes.add(took);
    out.printf("crash: %s back in %.1f s%n", kill.part(), took.toMillis() / 1000.0);
  }

  /** After the broker: the other parts must work again; a part that died meanwhile is restarted and reported. */
  private void recover(Part restarted) {
    if (restarted != Part.KAFKA) {
      return;
    }
    for (Part part : List.of(Part.BILLING, Part.CONNECT)) {
      if (!stack.isAlive(part)) {
        findings.add(part + " died while the broker was down (restarted)");
        stack.restart(part, RESTART_DEADLINE);
      }
    }
    stack.awaitBillingRunning(RECOVERY_DEADLINE);
    stack.awaitConnectorsRunning(RECOVERY_DEADLINE);
  }

  void stop() {
    stopped = true;
  }

  /** Kills that hit while calls were still in flight (a kill after the last call tests restarts only). */
  int underLoad() {
    return underLoad.get();
  }

  Map<Part, Integer> survived() {
    return survived;
  }

  List<String> findings() {
    return findings;
  }

  List<Duration> restartTimes() {
    return restartTimes;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
