package io.callbill.proofs.badinput;

import io.callbill.stack.Command;
import io.callbill.stack.Invocation;
import io.callbill.stack.Pause;
import io.callbill.stack.StackLayout;
import io.callbill.proofs.load.Api;
import io.callbill.proofs.load.RunningStack;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./callbill badinput}: sets up the test users, snapshots their state, fires the catalogue, waits for the
 * pipeline to apply anything it might have accepted, snapshots again. Exit 0 only when no request got a 5xx,
 * nothing changed, and both bursts past the rate limits were cut off with 429.
 */
public final class BadInputCommand implements Command {

  public static final String USAGE = """
      usage: ./callbill badinput [--list]

      Fires a fixed catalogue of about 1,200 malformed and hostile requests at every route of the running local
      stack (.callbill/stack.json, or $CALLBILL_STACK_DIR): broken JSON, wrong types, huge numbers, negative and
      absurd durations, unknown callType, ids breaking the pattern, other users' ids and calls, forged, expired and
      unsigned tokens, tokens without exp, with a role list, space-separated or unknown roles, another audience or
      issuer, nbf or iat in the future, wrong roles, missing tokens, oversized bodies, wrong content types, bad
      paths and queries; refunds, payouts and call explanations with bad amounts, references and ids and other
      parties' calls, a top-up to a caller without a profile (404); then a caller's burst and a burst without a
      token past the rate limits (429 expected).
      A 429 to a catalogue request is waited out (Retry-After) and the request sent again.
      Before and after, it snapshots the test users (badinput-*): wallets, ongoing calls, receiver profiles,
      history and ledger rows, the platform's wallet and a settled call's refunds. Prints the count by status
      class and the verdict; exit 0 only when no request got a 5xx and nothing changed. Sets up level 7190 and
      the badinput-* users (idempotent), with one settled call of badinput-caller-paying for the money routes.

        --list   print every request of the catalogue with its status
        --help   this text
      """;

  /** Time the pipeline gets to apply a request the API should not have accepted, before the second snapshot. */
  static final long SETTLE_MILLIS = 3000;

  /** For {@link java.util.ServiceLoader} and the launcher's list of commands. */
  public BadInputCommand() {
  }

  @Override
  public String name() {
    return "badinput";
  }

  @Override
  public String usage() {
    return "badinput";
  }

  @Override
  public String description() {
    return """
        fire malformed and hostile requests at every route of the running
        stack: no 5xx, no state change (./callbill badinput --help)""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    return run(args, invocation.layout(), invocation.out(), invocation.err());
  }

  public static int run(List<String> args, StackLayout layout, PrintStream out, PrintStream err) {
    if (Command.wantsHelp(args)) {
      out.print(USAGE);
      return 0;
    }
    for (String arg : args) {
      if (!arg.equals("--list")) {
        throw new IllegalArgumentException("unknown option for badinput: " + arg + " (./callbill badinput --help)");
      }
    }
    RunningStack.Target target;
    try {
      target = RunningStack.connect(layout);
    } catch (RunningStack.StackUnavailableException e) {
      err.println("callbill badinput: " + e.getMessage());
      return 1;
    }
    try {
      BadInputResult result = execute(target.stack(), target.api(), args.contains("--list") ? out : null);
      out.print(result.summary());
      return result.clean() ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("callbill badinput: failed: " + e.getMessage());
      return 1;
    }
  }

  /** Runs the catalogue; {@code list} (or null) receives one line per request. */
  public static BadInputResult execute(RunningStack stack, Api api, PrintStream list) {
    BadInputUsers users = BadInputUsers.prepare(api, stack);
    StateSnapshot before = StateSnapshot.take(api, stack, users);
    List<Probe> probes = BadInputCatalogue.of(users);
    Map<String, Integer> byClass = new TreeMap<>();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    List<String> serverErrors = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    for (Probe probe : probes) {
      String kind;
      String line;
      try {
        Api.Answer answer = api.send(probe.method(), probe.path(), probe.token(), probe.body(), probe.headers());
        kind = (answer.status() / 100) + "xx";
        byStatus.merge(answer.status(), 1, Integer::sum);
        line = probe.name() + " -> " + answer.describe();
        if (answer.status() >= 500) {
          serverErrors.add(line);
        } else if (answer.status() < 300) {
          accepted.add(line);
        }
      } catch (RuntimeException e) {
        kind = "no answer";
        line = probe.name() + " -> no answer: " + e.getMessage();
        serverErrors.add(line);
      }
      byClass.merge(kind, 1, Integer::sum);
      if (list != null) {
        list.println(line);
      }
    }
    // After the catalogue, so its requests get their own answers rather than the bursts' 429s.
    List<RateLimitBursts.Burst> bursts = RateLimitBursts.run(api, users);
    Pause.unlessInterrupted(Duration.ofMillis(SETTLE_MILLIS));
    StateSnapshot after = StateSnapshot.take(api, stack, users);
    return new BadInputResult(probes.size(), byClass, byStatus, serverErrors, accepted, before.differences(after),
        bursts);
  }
}
