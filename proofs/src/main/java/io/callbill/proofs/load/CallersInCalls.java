package io.callbill.proofs.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the closed and the open loop share: the pool of caller accounts, from which a call takes its caller for its
 * whole length (no caller has two calls at a time), and the outcomes of the threads that drive the calls, each
 * caller's in the order it made them.
 */
final class CallersInCalls {

  private final BlockingQueue<String> freeCallers;
  private final List<CallOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());

  CallersInCalls(List<String> callers) {
    this.freeCallers = new ArrayBlockingQueue<>(callers.size(), false, callers);
  }

  /** A caller in no call, waiting while every caller is in one. */
  String takeCaller() throws InterruptedException {
    return freeCallers.take();
  }

  /** Drives a call of {@code caller}, keeps its outcome and records it into {@code stats}; frees the caller. */
  void drive(String caller, Supplier<CallOutcome> call, LoadStats stats) {
    try {
      CallOutcome outcome = call.get();
      outcomes.add(outcome);
      stats.record(outcome, System.nanoTime());
    } finally {
      freeCallers.add(caller);
    }
  }

  /**
   * Shuts {@code threads} down, waits until the calls under way on them have finished (an interruption stops them
   * and is thrown), and answers every outcome.
   */
  List<CallOutcome> awaitAll(ExecutorService threads) throws InterruptedException {
    threads.shutdown();
    try {
      while (!threads.awaitTermination(1, TimeUnit.SECONDS)) {
        // calls under way finish
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      throw e;
    }
    synchronized (outcomes) {
      return new ArrayList<>(outcomes);
    }
  }
}
