package io.callbill.proofs.load;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the calls of the open loop: one sender walks the {@link OpenLoopSchedule}, and at each call's due moment hands
 * it, with a free caller account, to a thread of its own, so a slow answer holds up only its own call, never the
 * next call's start. A caller has one call at a time: when every caller is in a call the sender waits for one and
 * falls behind, which the lag of the calls after it shows (and their latencies include, since they count from the
 * due moments). Stops once every call of the schedule was sent and has finished.
 */
public final class OpenLoopRunner {

  private final OpenLoopSchedule schedule;
  private final LoadOptions options;
  private final LoadParties parties;
  private final CallDriver driver;
  private final long seed;
  private final long firstIndex;

  /**
   * @param firstIndex the number of the schedule's first call in the run (a latency-vs-rate run has several
   *     schedules; a call's number keys its requests' Idempotency-Keys, so no two calls of a run share one)
   */
  public OpenLoopRunner(OpenLoopSchedule schedule, LoadOptions options, LoadParties parties, CallDriver driver,
                        long seed, long firstIndex) {
    this.schedule = schedule;
    this.firstIndex = firstIndex;
    this.options = options;
    this.parties = parties;
    this.driver = driver;
    this.seed = seed;
  }

  /**
   * Runs every call of the schedule from {@code beganNanos} on, recording each and its lag into {@code stats};
   * answers the outcomes, each caller's calls in the order it made them.
   */
  public List<CallOutcome> run(LoadStats stats, long beganNanos) throws InterruptedException {
    CallersInCalls callers = new CallersInCalls(parties.callers());
    ExecutorService calls = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "callbill-load-call");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (long i = 0; i < schedule.calls(); i++) {
        long due = beganNanos + schedule.dueNanos(i);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
        String caller = callers.takeCaller();
        CallPlan plan = CallPlan.of(firstIndex + i, caller, parties, options, seed);
        long index = i;
        calls.execute(() -> callers.drive(caller, () -> {
          long lag = schedule.lagNanos(index, beganNanos, System.nanoTime());
          stats.recordLag(lag);
          return driver.driveOnSchedule(plan, lag);
        }, stats));
      }
    } catch (InterruptedException e) {
      calls.shutdownNow();
      throw e;
    }
    return callers.awaitAll(calls);
  }
}
