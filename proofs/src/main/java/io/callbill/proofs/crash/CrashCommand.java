package io.callbill.proofs.crash;

import io.callbill.stack.Command;
import io.callbill.stack.Invocation;
import io.callbill.stack.StackLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * {@code ./callbill crash [--kills N] [--calls N] [--rate R] [--seed S] [--backlog N]}: the crash test on a throw-away
 * stack in a temporary directory (kept, with the parts' logs, when the verdict is not clean). Exit 0 only when clean.
 */
public final class CrashCommand implements Command {

  public static final String USAGE = """
      usage: ./callbill crash [--kills N] [--calls N] [--rate R] [--seed S] [--backlog N]

      Starts a fresh local stack in a temporary directory, drives N calls (default 400, R a second, default 8)
      over Kafka as a closed loop of callers that retry unanswered commands with the same id (every call accepted
      by its receiver; every fifth caller is short of coins and cut off at its balance, some calls are abandoned
      after one heartbeat: billing settles both itself), kills -9 and
      restarts billing-streams --kills times (default 3), the Kafka Connect worker once and the broker once at
      random moments (--seed repeats them), then checks from the topics (read_committed) and PostgreSQL that every
      call settled exactly once with the expected money, the ledger has no duplicate or missing entry, every wallet
      equals its credits minus its debits, none went negative and no transaction is left open. The first billing
      kill lands in a large housekeeping pass: --backlog refusals (default 3000, 0 for none) fall due at once and
      billing is killed while its sweep works them off; the restarted instance must finish it. Exit 0 when clean.
      """;

  /** For {@link java.util.ServiceLoader} and the launcher's list of commands. */
  public CrashCommand() {
  }

  @Override
  public String name() {
    return "crash";
  }

  @Override
  public String usage() {
    return "crash [--kills N] [--calls N] [--rate R] [--seed S] [--backlog N]";
  }

  @Override
  public String description() {
    return """
        crash test: kill -9 billing-streams, Connect and the broker under load
        on a throw-away stack, then verify exactly-once money (exit 0 if clean)""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    io.callbill.stack.OrphanGuard.enable();
    return run(args, invocation.home(), invocation.out(), invocation.err());
  }

  public static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
    if (Command.wantsHelp(args)) {
      out.print(USAGE);
      return 0;
    }
    int calls = 400;
    int kills = 3;
    int rate = 8;
    int backlog = 3_000;
    long seed = new Random().nextLong();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      String value = args.get(++i);
      switch (name) {
        case "--calls" -> calls = (int) positive(name, value, 1);
        case "--kills" -> kills = (int) positive(name, value, 0);
        case "--rate" -> rate = (int) positive(name, value, 1);
        case "--seed" -> seed = number(name, value);
        case "--backlog" -> backlog = (int) positive(name, value, 0);
        default -> throw new IllegalArgumentException("unknown option for crash: " + name + "\n" + USAGE);
      }
    }
    Path root = tempRoot();
    Duration loadDeadline = Duration.ofMinutes(10).plus(Duration.ofMinutes(3).multipliedBy(kills + 2L));
    CrashReport report;
    try {
      report = new CrashRun(new CrashRun.Options(home, root, calls, rate, kills, 1, 1, seed, loadDeadline,
          backlog), out).run();
    } catch (RuntimeException e) {
      err.println("crash: the run failed: " + e.getMessage() + " (state and logs kept in " + root + ")");
      return 1;
    }
    out.print(report.describe());
    if (report.clean()) {
      new StackLayout(home, root).wipe();
      return 0;
    }
    out.println("crash: state and logs kept in " + root);
    return 1;
  }

  private static Path tempRoot() {
    try {
      return Files.createTempDirectory("callbill-crash-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long positive(String name, String value, long min) {
    long number = number(name, value);
    if (number < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
    }
    return number;
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value);
    }
  }
}
