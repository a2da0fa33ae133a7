package io.callbill.proofs.load;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the calls of the closed loop: {@code concurrency} virtual callers take call numbers in turn, each starting
 * its next call as soon as its last one ended, so the throughput is what the system's latency lets them do (the open
 * loop, {@code --rate}, is {@link OpenLoopRunner}). A caller account is taken from the pool for the whole call, so
 * no caller has two calls at a time. Stops after the planned number of calls or once the duration is over (calls
 * under way finish).
 */
public final class LoadRunner {

  private final LoadOptions options;
  private final LoadParties parties;
  private final CallDriver driver;
  private final long seed;

  public LoadRunner(LoadOptions options, LoadParties parties, CallDriver driver, long seed) {
    this.options = options;
    this.parties = parties;
    this.driver = driver;
    this.seed = seed;
  }

  /**
   * Runs every call, recording each into {@code stats}; answers the outcomes, each caller's calls in the order it
   * made them (what each cost is decided by the verifier, from what billing recorded).
   */
  public List<CallOutcome> run(LoadStats stats, long beganNanos) throws InterruptedException {
    CallersInCalls callers = new CallersInCalls(parties.callers());
    AtomicLong tickets = new AtomicLong();
    long deadline = options.duration() == null ? Long.MAX_VALUE : beganNanos + options.duration().toNanos();
    ExecutorService workers = Executors.newFixedThreadPool(options.concurrency());
    for (int w = 0; w < options.concurrency(); w++) {
      workers.execute(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          long k = tickets.getAndIncrement();
          if (options.calls() > 0 && k >= options.calls()) {
            return;
          }
          if (System.nanoTime() >= deadline) {
            return;
          }
          String caller;
          try {
            caller = callers.takeCaller();
          } catch (InterruptedException e) {
            return;
          }
          callers.drive(caller, () -> driver.drive(CallPlan.of(k, caller, parties, options, seed)), stats);
        }
      });
    }
    return callers.awaitAll(workers);
  }
}
