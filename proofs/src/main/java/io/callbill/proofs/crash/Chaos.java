package io.callbill.proofs.crash;

import io.callbill.billing.Retention;
import io.callbill.stack.LocalStack.Part;
import io.callbill.stack.LocalStack;
import io.callbill.stack.Pause;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 *
 * <p>With a {@link HousekeepingBacklog}, the plan's first billing kill does not wait for its moment: the backlog is
 * written before the load ({@link #writeHousekeepingBacklog}), falls due all at once a little later, and billing is killed as soon as its log says the
 * sweep is behind (in the middle of the pass). While it is down, part of the backlog must still be kept (committed);
 * after the load none of it may be ({@link #checkHousekeepingFinished}): the restarted sweep resumed and finished.
 */
final class Chaos implements Runnable {

  static final Duration RESTART_DEADLINE = Duration.ofSeconds(120);
  /**
   * How long the backlog's entries get to be refused before they fall due: a second per 100, at least 10. All of
   * them must be in billing's stores by then, or the sweep meets them as they come, a pass's worth at a time, and the
   * restarted instance never falls behind. Measured while the load ran: 45,000 answered in 37 s on a quiet box, 6,000
   * in 12-25 s on a busy one (240-500 a second); the backlog waits for every answer and says when the lead was short.
   */
  private static final int BACKLOG_ENTRIES_PER_SECOND = 100;
  private static final Duration HOUSEKEEPING_DEADLINE = Duration.ofSeconds(120);
  /** A pass of six or more sweeps a second apart: its first commit comes well within this. */
  private static final Duration PASS_PROGRESS_WAIT = Duration.ofSeconds(4);
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
  private final HousekeepingBacklog backlog;
  private final Path billingLog;
  private final AtomicInteger housekeepingKills = new AtomicInteger();
  /** Where billing's log stood before the backlog was written, and when the backlog's refusals fall due. */
  private long backlogLogFrom;
  private Instant backlogDueAt;
  /** The backlog's refusals still kept (committed) while billing was down after the kill in the pass; -1 before. */
  private volatile int keptAtHousekeepingKill = -1;

  Chaos(LocalStack stack, KillPlan plan, IntSupplier settled, int calls, PrintStream out) {
    this(stack, plan, settled, calls, out, null, null);
  }

  /** {@code backlog} (or null) is written before the load and the first billing kill lands in its sweep. */
  Chaos(LocalStack stack, KillPlan plan, IntSupplier settled, int calls, PrintStream out,
        HousekeepingBacklog backlog, Path billingLog) {
    this.backlog = backlog;
    this.billingLog = billingLog;
    this.stack = stack;
    this.plan = plan;
    this.settled = settled;
    this.calls = calls;
    this.out = out;
  }

  @Override
  public void run() {
    List<KillPlan.Kill> kills = new ArrayList<>(plan.kills());
    KillPlan.Kill housekeeping = backlog == null ? null
        : kills.stream().filter(kill -> kill.part() == Part.BILLING).findFirst().orElse(null);
    if (housekeeping != null) {
      kills.remove(housekeeping);
      try {
        killInHousekeepingPass(housekeeping);
        survived.merge(Part.BILLING, 1, Integer::sum);
      } catch (RuntimeException e) {
        findings.add("billing killed in the housekeeping pass did not recover: " + e.getMessage());
        return;
      }
    }
    for (KillPlan.Kill kill : kills) {
      while (!stopped && settled.getAsInt() < kill.afterSettledCalls()) {
        Pause.orFail(Duration.ofMillis(50));
      }
      if (stopped) {
        return;
      }
      try {
        crashAndRestart(kill, () -> { });
        survived.merge(kill.part(), 1, Integer::sum);
      } catch (RuntimeException e) {
        findings.add(kill.part() + " killed after " + kill.afterSettledCalls() + " calls did not recover: "
            + e.getMessage());
        return;
      }
    }
  }

  /**
   * Before the load: writes the housekeeping backlog (if any) and waits for its answers, so that the backlog neither
   * competes with the load's start nor pushes the first billing kill late into the load. Its refusals fall due a
   * lead after writing; the first billing kill comes then, in {@link #run}.
   */
  void writeHousekeepingBacklog() {
    if (backlog == null) {
      return;
    }
    backlogLogFrom = HousekeepingBacklog.logSize(billingLog);
    Duration lead = Duration.ofSeconds(Math.max(10, backlog.size() / BACKLOG_ENTRIES_PER_SECOND));
    long writtenAt = System.nanoTime();
    backlogDueAt = Instant.now().plus(lead);
    int answered;
    try {
      answered = backlog.writeAndAwaitAnswers(backlogDueAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the housekeeping backlog", e);
    }
    if (answered < backlog.size()) {
      findings.add("billing answered only " + answered + " of the " + backlog.size() + " backlog starts within their "
          + lead.toSeconds() + " s lead: they were not all stored when they fell due (lower BACKLOG_ENTRIES_PER_SECOND)");
    }
    out.printf("crash: %,d refusals written and answered in %d s, all due %d s after writing: billing-streams is killed"
        + " in that housekeeping pass%n", answered, Duration.ofNanos(System.nanoTime() - writtenAt).toSeconds(),
        lead.toSeconds());
  }

  private void killInHousekeepingPass(KillPlan.Kill kill) {
    Duration untilDue = Duration.between(Instant.now(), backlogDueAt);
    if (!HousekeepingBacklog.awaitLogLine(billingLog, backlogLogFrom, Retention.BEHIND,
        (untilDue.isNegative() ? Duration.ZERO : untilDue).plus(HOUSEKEEPING_DEADLINE))) {
      findings.add("billing's sweep never fell behind on the housekeeping backlog of " + backlog.size()
          + " entries (no '" + Retention.BEHIND + "' in its log): the kill did not land in a large pass");
      crashAndRestart(kill, () -> { });
      return;
    }
    awaitCommittedProgress();
    crashAndRestart(kill, () -> {
      int kept = backlog.stillKept();
      out.printf("crash: billing-streams killed in the housekeeping pass with %,d of the %,d backlog refusals still"
          + " kept (committed)%n", kept, backlog.size());
      if (kept == 0) {
        findings.add("the kill in the housekeeping pass came after the pass had finished: nothing was left to resume");
      }
      keptAtHousekeepingKill = kept;
    });
  }

  /**
   * Waits (at most {@link #PASS_PROGRESS_WAIT}) until the pass has committed part of its work: the sweep's deletes
   * commit with the next transaction, so a kill right at the log line may find nothing committed yet, and the
   * restarted instance would do the whole pass rather than resume one.
   */
  private void awaitCommittedProgress() {
    long deadline = System.nanoTime() + PASS_PROGRESS_WAIT.toNanos();
    while (backlog.stillKept() == backlog.size() && System.nanoTime() < deadline) {
      Pause.orFail(Duration.ofMillis(100));
    }
  }

  /**
   * After the load: whether the instance restarted after the kill in the housekeeping pass (or a later one) finished
   * the pass, i.e. billing no longer keeps any of the backlog's refusals. Read from the changelog, within
   * {@link #HOUSEKEEPING_DEADLINE}; checked at the end so that the other kills keep their moments in the load.
   */
  List<String> checkHousekeepingFinished() {
    if (keptAtHousekeepingKill <= 0) {
      return List.of();
    }
    long deadline = System.nanoTime() + HOUSEKEEPING_DEADLINE.toNanos();
    int kept = backlog.stillKept();
    while (kept > 0 && System.nanoTime() < deadline) {
      Pause.orFail(Duration.ofSeconds(1));
      kept = backlog.stillKept();
    }
    if (kept > 0) {
      return List.of("after the kill in the housekeeping pass billing still keeps " + kept + " of the "
          + keptAtHousekeepingKill + " backlog refusals left at the kill, " + HOUSEKEEPING_DEADLINE
          + " after the load: the restarted sweep did not finish the pass");
    }
    housekeepingKills.incrementAndGet();
    out.printf("crash: the restarted billing-streams resumed the housekeeping pass and forgot the %,d refusals left at"
        + " the kill%n", keptAtHousekeepingKill);
    return List.of();
  }

  /** Billing kills that landed in a large housekeeping pass whose sweep the restarted instance finished. */
  int housekeepingKills() {
    return housekeepingKills.get();
  }

  /** Kills the part, runs {@code whileDown} (its time counts in the down time), restarts it and waits for it. */
  private void crashAndRestart(KillPlan.Kill kill, Runnable whileDown) {
    out.printf("crash: kill -9 %s at %d settled calls (planned %d), down %d ms%n", kill.part(), settled.getAsInt(),
        kill.afterSettledCalls(), kill.downMillis());
    if (settled.getAsInt() < calls) {
      underLoad.incrementAndGet();
    }
    stack.kill(kill.part());
    long downSince = System.nanoTime();
    whileDown.run();
    long downFor = kill.downMillis() - Duration.ofNanos(System.nanoTime() - downSince).toMillis();
    if (downFor > 0) {
      Pause.orFail(Duration.ofMillis(downFor));
    }
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
}
