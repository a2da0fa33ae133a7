package io.callbill.proofs.crash;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.CallRecord;
import io.callbill.avro.LedgerEntry;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.stack.FreePorts;
import io.callbill.stack.LocalStack.Part;
import io.callbill.stack.LocalStack;
import io.callbill.stack.Pause;
import io.callbill.stack.StackInfo;
import io.callbill.stack.StackLayout;
import io.callbill.stack.TopicReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The crash test: starts the whole local stack on a fresh state directory, drives a closed loop of calls
 * ({@link CallLoad}) while {@link Chaos} kills -9 and restarts billing-streams, the Connect worker and the broker at
 * seeded moments, then checks the topics ({@link TopicChecks}, {@link TransactionChecks}) and PostgreSQL
 * ({@link SinkChecks}) against the model ({@link CallPlan}) and returns a {@link CrashReport}.
 */
public final class CrashRun {

  /** What to run; {@code root} is the stack's state directory (fresh), {@code home} the checkout with the builds. */
  public record Options(Path home, Path root, int calls, int callsPerSecond, int billingKills, int connectKills,
                        int brokerKills, long seed, Duration loadDeadline, int housekeepingBacklog) {

    /** Without a housekeeping backlog. */
    public Options(Path home, Path root, int calls, int callsPerSecond, int billingKills, int connectKills,
                   int brokerKills, long seed, Duration loadDeadline) {
      this(home, root, calls, callsPerSecond, billingKills, connectKills, brokerKills, seed, loadDeadline, 0);
    }
  }

  private static final Duration LEDGER_DEADLINE = Duration.ofSeconds(60);
  /**
   * Billing's default metering (measured, connect at the accept), with a ring timeout longer than the plan reaches
   * into the past: see {@link CallPlan}.
   */
  static final Map<String, String> BILLING_SETTINGS = Map.of("CALLBILL_RING_TIMEOUT_SECONDS",
      Long.toString(CallPlan.RING_TIMEOUT.toSeconds()),
      "CALLBILL_REFUSAL_RETENTION_SECONDS", Long.toString(HousekeepingBacklog.REFUSAL_RETENTION.toSeconds()),
      "CALLBILL_HOUSEKEEPING_ENTRIES_PER_SWEEP", Integer.toString(HousekeepingBacklog.ENTRIES_PER_SWEEP));

  private final Options options;
  private final PrintStream out;

  public CrashRun(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public CrashReport run() {
    long began = System.nanoTime();
    KillPlan kills = KillPlan.draw(options.seed(), options.calls(), options.billingKills(), options.connectKills(),
        options.brokerKills());
    out.printf("crash: seed %d (repeat with --seed %d); %d calls; kills planned: %s%n", kills.seed(), kills.seed(),
        options.calls(), kills.kills());
    try (LocalStack stack = new LocalStack(new StackLayout(options.home(), options.root()), FreePorts.find(), out,
        BILLING_SETTINGS)) {
      StackInfo info = stack.start();
      Topics topics = new Topics(Topics.DEFAULT_PREFIX, CallbillSerdes.create());
      CallPlan plan = CallPlan.startingNow(options.calls());
      ReferenceData.publish(info.bootstrapServers(), topics, plan);

      List<String> problems = new ArrayList<>();
      long loadBegan = System.nanoTime();
      Duration loadTime;
      CallLoad load = new CallLoad(info.bootstrapServers(), topics, plan, options.callsPerSecond());
      HousekeepingBacklog backlog = options.housekeepingBacklog() > 0 && options.billingKills() > 0
          ? new HousekeepingBacklog(info.bootstrapServers(), topics, options.housekeepingBacklog()) : null;
      Chaos chaos = new Chaos(stack, kills, load::settled, options.calls(), out, backlog,
          new StackLayout(options.home(), options.root()).log("billing-streams"));
      PoisonFeed poison = new PoisonFeed(info.bootstrapServers(), topics, load::done);
      Thread poisonThread = new Thread(poison, "crash-poison");
      try (load) {
        Thread chaosThread = new Thread(chaos, "crash-chaos");
        chaos.writeHousekeepingBacklog();
        load.start();
        chaosThread.start();
        poisonThread.start();
        awaitLoad(load);
        if (!load.done()) {
          chaos.stop();
        }
        // A kill whose moment came while the previous part was still restarting runs now, then is waited for.
        join(chaosThread, Chaos.RESTART_DEADLINE.multipliedBy(2L * kills.kills().size() + 1));
        loadTime = Duration.ofNanos(System.nanoTime() - loadBegan);
        if (!load.done()) {
          problems.add("load not finished within " + options.loadDeadline() + ": " + load.settled() + " of "
              + options.calls() + " calls settled");
        }
        problems.addAll(load.wrongAnswers());
        problems.addAll(chaos.findings());
        problems.addAll(chaos.checkHousekeepingFinished());
      }
      out.printf("crash: load done in %.1f s; verifying ...%n", loadTime.toMillis() / 1000.0);

      TopicChecks topicChecks = new TopicChecks(plan, load::callId);
      String bootstrap = info.bootstrapServers();
      List<ConsumerRecord<String, LedgerEntry>> ledger = awaitLedger(bootstrap, topics.ledger,
          topicChecks.expected().signedEntries().size());
      problems.addAll(TransactionChecks.check(bootstrap, List.of(topics.replies, topics.callEvents,
          topics.callHistory, topics.ledger, topics.balances, topics.accountCredits)));
      List<ConsumerRecord<String, CallRecord>> history = TopicReader.readCommitted(bootstrap, topics.callHistory);
      List<ConsumerRecord<String, AccountBalance>> balances = TopicReader.readCommitted(bootstrap, topics.balances);
      join(poisonThread, Duration.ofMinutes(3));
      List<ConsumerRecord<String, io.callbill.avro.CommandReply>> replies =
          TopicReader.readCommitted(bootstrap, topics.replies);
      problems.addAll(topicChecks.check(replies, history, ledger, balances));
      problems.addAll(poison.check(replies));
      if (backlog != null) {
        problems.addAll(backlog.check(replies));
      }
      out.printf("crash: %d poison records written during the run, checked on the dead-letter topic%n",
          poison.written());
      problems.addAll(new SinkChecks(info.jdbcUrl(), info.jdbcUser(), info.jdbcPassword())
          .check(bootstrap, Topics.DEFAULT_PREFIX, history, ledger, out));

      Map<Part, Long> planned = new EnumMap<>(Part.class);
      for (Part part : Part.values()) {
        planned.put(part, kills.count(part));
      }
      int cutOff = (int) plan.calls().stream().filter(c -> c.ending() == CallPlan.Ending.CUT_OFF).count();
      int abandoned = (int) plan.calls().stream().filter(c -> c.ending() == CallPlan.Ending.ABANDONED).count();
      return new CrashReport(kills.seed(), planned, new EnumMap<>(chaos.survived()), chaos.underLoad(), options.calls(),
          cutOff, abandoned, chaos.housekeepingKills(), load.settled(), load.sends(), load.retries(), ledger.size(), List.copyOf(chaos.restartTimes()), loadTime,
          Duration.ofNanos(System.nanoTime() - began), List.copyOf(problems));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read PostgreSQL: " + e.getMessage(), e);
    }
  }

  private void awaitLoad(CallLoad load) {
    long deadline = System.nanoTime() + options.loadDeadline().toNanos();
    long lastReport = System.nanoTime();
    while (!load.done() && System.nanoTime() < deadline) {
      if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
        out.printf("crash: %d/%d calls settled, %d retries%n", load.settled(), options.calls(), load.retries());
        lastReport = System.nanoTime();
      }
      Pause.orFail(Duration.ofMillis(200));
    }
  }

  private static List<ConsumerRecord<String, LedgerEntry>> awaitLedger(String bootstrap, Topic<String, LedgerEntry> ledger,
                                                                        int expected) {
    long deadline = System.nanoTime() + LEDGER_DEADLINE.toNanos();
    while (true) {
      List<ConsumerRecord<String, LedgerEntry>> records = TopicReader.readCommitted(bootstrap, ledger);
      if (records.size() >= expected || System.nanoTime() > deadline) {
        return records;
      }
      Pause.orFail(Duration.ofSeconds(1));
    }
  }

  private static void join(Thread thread, Duration deadline) {
    try {
      thread.join(deadline.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
