package io.callbill.proofs.load;

import io.callbill.stack.Command;
import io.callbill.stack.Invocation;
import io.callbill.stack.StackLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** {@code ./callbill load}: set up, run, verify, summarize, report. Exit 0 only when the verification passed. */
public final class LoadCommand implements Command {

  /** For {@link java.util.ServiceLoader} and the launcher's list of commands. */
  public LoadCommand() {
  }

  @Override
  public String name() {
    return "load";
  }

  @Override
  public String usage() {
    return "load [options]";
  }

  @Override
  public String description() {
    return """
        drive calls over HTTP against the running stack and verify that each
        settled exactly once (./callbill load --help)""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    return run(args, invocation.layout(), invocation.stderrIsTerminal(), invocation.out(), invocation.err());
  }

  /** Runs the command; bad arguments throw IllegalArgumentException (exit 2 in the CLI). */
  public static int run(List<String> args, StackLayout layout, boolean terminal, PrintStream out, PrintStream err) {
    if (Command.wantsHelp(args)) {
      out.print(LoadOptions.USAGE);
      return 0;
    }
    LoadOptions options = LoadOptions.parse(args);
    RunningStack.Target target;
    try {
      target = RunningStack.connect(layout);
    } catch (RunningStack.StackUnavailableException e) {
      err.println("callbill load: " + e.getMessage());
      return 1;
    }
    try {
      LoadReport report = execute(options, target.stack(), target.api(), terminal, err);
      out.print(report.summary());
      if (options.report() != null) {
        Path svg = ReportWriter.write(report, options.report());
        out.println("report: " + options.report() + " and " + svg);
        if (!report.steps().isEmpty()) {
          out.println("latency against the offered rate: " + ReportWriter.writeCurve(report, options.report()));
        }
      }
      return report.verification().passed() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      err.println("callbill load: failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("callbill load: interrupted");
      return 1;
    }
  }

  /** Sets up, runs and verifies a load; answers its report. */
  public static LoadReport execute(LoadOptions options, RunningStack stack, Api api, boolean terminal,
                                   PrintStream err) throws InterruptedException {
    long seed = System.currentTimeMillis();
    String runId = options.prefix() + "-" + Long.toString(seed, 36);
    LoadParties parties = LoadParties.of(options.prefix(), options.callers(), options.receivers(),
        options.adversarialPercent());
    ExpectedBalances model = new ExpectedBalances();
    LoadSetup setup = new LoadSetup(api, stack);
    err.println("callbill load " + runId + ": setting up " + parties.callers().size() + " callers and "
        + parties.receivers().size() + " receivers on " + stack.apiUrl());
    LoadSetup.Before before = setup.prepare(parties, runId, model);
    List<CallOutcome> outcomes = new ArrayList<>(new Warmup(api, stack).probeEveryReceiver(parties));

    ExecutorService secondSide = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "callbill-load-second-end");
      thread.setDaemon(true);
      return thread;
    });
    CallDriver driver = new CallDriver(api, stack, runId, parties.adminSharePercent(), options.heartbeatTimeout(),
        secondSide);
    long began = System.nanoTime();
    LoadStats stats = new LoadStats(began);
    OpenLoopSchedule schedule = options.paced() && !options.curve() ? options.schedule() : null;
    List<LoadReport.Step> steps = new ArrayList<>();
    List<CallOutcome> run = new ArrayList<>();
    int rounds = Math.max(1, options.steps().size());
    try (ProgressBar progress = new ProgressBar(err, terminal, stats, options.calls() * rounds,
        options.duration() == null ? 0 : options.duration().toSeconds() * rounds, began)) {
      if (options.curve()) {
        long firstIndex = 0;
        for (BigDecimal offered : options.steps()) {
          OpenLoopSchedule stepSchedule = options.schedule(offered);
          long stepBegan = System.nanoTime();
          LoadStats step = stats.step(stepBegan);
          run.addAll(new OpenLoopRunner(stepSchedule, options, parties, driver, seed, firstIndex)
              .run(step, stepBegan));
          firstIndex += stepSchedule.calls();
          steps.add(LoadReport.Step.of(offered, step, (System.nanoTime() - stepBegan) / 1e9));
        }
      } else if (schedule != null) {
        run.addAll(new OpenLoopRunner(schedule, options, parties, driver, seed, 0).run(stats, began));
      } else {
        run.addAll(new LoadRunner(options, parties, driver, seed).run(stats, began));
      }
    } finally {
      secondSide.shutdownNow();
    }
    long ended = System.nanoTime();
    outcomes.addAll(run);
    double seconds = (ended - began) / 1e9;

    err.println("callbill load: verifying " + outcomes.stream().filter(CallOutcome::started).count()
        + " calls (waiting up to " + options.verifyTimeout().toSeconds() + " s for the sink and wallets)");
    LoadReport.Verification verification = new LoadVerifier(api, stack, setup.admins(), options.verifyTimeout())
        .verify(outcomes, parties, before, model);
    Histogram starts = stats.starts();
    Histogram ends = stats.ends();
    return new LoadReport(runId, settings(options), stats.done(), stats.started(), seconds,
        stats.started() / Math.max(seconds, 1e-9), LoadReport.Latency.of(starts), LoadReport.Latency.of(ends),
        stats.errorsByKind(), verification, stats.timeline((long) seconds),
        schedule == null ? null : LoadReport.Schedule.of(options.rate(), schedule.calls(), stats.lags()), steps);
  }

  static Map<String, String> settings(LoadOptions options) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (options.curve()) {
      settings.put("rates", options.steps().stream().map(BigDecimal::toPlainString)
          .collect(Collectors.joining(",", "", "/s (open loop, in turn)")));
    } else if (options.paced()) {
      settings.put("rate", options.rate().toPlainString() + "/s (open loop)");
    } else {
      settings.put("concurrency", Integer.toString(options.concurrency()));
      settings.put("rate", "max");
    }
    settings.put(options.duration() == null ? "calls" : "duration",
        options.duration() == null ? Long.toString(options.calls()) : options.duration().toSeconds() + "s");
    settings.put("callers", Integer.toString(options.callers()));
    settings.put("receivers", Integer.toString(options.receivers()));
    settings.put("callSeconds", options.minCallSeconds() + "-" + options.maxCallSeconds());
    settings.put("adversarial", options.adversarialPercent() + "%");
    settings.put("heartbeatTimeout", options.heartbeatTimeout().toSeconds() + "s");
    return settings;
  }
}
