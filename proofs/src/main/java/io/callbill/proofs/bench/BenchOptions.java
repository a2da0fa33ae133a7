package io.callbill.proofs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./callbill bench} is asked to measure: one mode (closed loop, open loop or drain) and the options that
 * go with every mode (the state to grow first, billing-streams settings, the JSON report, a recovery kill).
 *
 * @param mode how the calls are offered
 * @param calls closed loop: calls to settle; drain: calls written before billing starts; open loop: rate x duration
 * @param callers callers the calls are spread over (each has at most one call in flight)
 * @param rate open loop: calls started per second
 * @param durationSeconds open loop: how long calls are started
 * @param stateCalls settled calls grown into the stores between a first and a second measurement (0: one
 *     measurement, on empty stores)
 * @param settings billing-streams properties ({@code --set key=value}), given to it as its properties file
 * @param report where to write the JSON report, or null
 * @param recovery whether to kill -9 billing-streams after the measurement and time its first answer
 * @param warmupSeconds open loop: seconds of the same traffic before each measurement, its answers checked and its
 *     figures left out, so that the measurement sees a JVM whose JIT has compiled the hot code (0: none)
 */
public record BenchOptions(Mode mode, int calls, int callers, int rate, int durationSeconds, int stateCalls,
                           Map<String, String> settings, Path report, boolean recovery, int warmupSeconds) {

  public enum Mode {
    /** Every caller keeps one call in flight: throughput at a fixed concurrency. */
    CLOSED,
    /** Calls are started on a fixed schedule whatever the answers: latency at an offered rate. */
    OPEN,
    /** Every command is written before billing starts: the rate at which billing works off a backlog. */
    DRAIN
  }

  static final int DEFAULT_CALLS = 20_000;
  static final int DEFAULT_CLOSED_CALLERS = 2_000;
  /** Open loop: a caller is used again after this many seconds, far above any answer time billing should have. */
  static final int OPEN_SECONDS_PER_CALLER = 20;
  static final int DEFAULT_DRAIN_CALLERS = 1_000;

  public static final String USAGE = """
      usage: ./callbill bench [CALLS] [CALLERS]                 closed loop (default 20000 calls, 2000 callers)
             ./callbill bench --rate R --duration S [--callers C] [--warmup W]
                                                                   open loop: R calls/s for S s (after W s unmeasured)
             ./callbill bench --drain N [--callers C]              N calls written first, then billing started
      options for every mode:
        --state N         measure the mode on empty stores, grow them to N settled calls (and N/10 open calls),
                          then measure the same mode again: both printed side by side, "empty"/"large" in the report
        --set key=value   a billing-streams setting (repeatable), e.g. --set commit.interval.ms=200
        --report FILE     write the figures as JSON to FILE
        --recovery        after the measurement, kill -9 billing-streams and time a settlement after the restart
        --help            this text

      Starts a throw-away broker and billing-streams under .callbill/bench-*, runs Kafka's ProducerPerformance for
      the raw baseline, then the calls through the topology (EOS v2, no HTTP) and the sink; prints the figures and
      the wrong answers (exit 1 if any). Open loop: call i is due at t0 + i/R, its latency counts from then, and the
      sender reports how far it fell behind; callers default to R x 20 (a caller busy with a call is refused 409).
      --warmup W runs the open loop's rate for W s before each measurement (answers checked, figures left out): a
      fresh JVM spends its first minute compiling the hot code, which a long-running billing-streams has done.
      Drain: capacity is the calls settled over first to last settlement.
      """;

  /** Refused arguments: the message says which and why. */
  public static final class BadArguments extends IllegalArgumentException {
    BadArguments(String message) {
      super(message);
    }
  }

  public static BenchOptions parse(List<String> args) {
    List<String> positional = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    Integer rate = null;
    Integer duration = null;
    Integer drain = null;
    Integer callers = null;
    int state = 0;
    Path report = null;
    boolean recovery = false;
    int warmup = 0;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--rate" -> rate = number(arg, value(args, ++i, arg), 1);
        case "--duration" -> duration = number(arg, value(args, ++i, arg), 1);
        case "--drain" -> drain = number(arg, value(args, ++i, arg), 1);
        case "--callers" -> callers = number(arg, value(args, ++i, arg), 1);
        case "--state" -> state = number(arg, value(args, ++i, arg), 0);
        case "--report" -> report = Path.of(value(args, ++i, arg));
        case "--recovery" -> recovery = true;
        case "--warmup" -> warmup = number(arg, value(args, ++i, arg), 0);
        case "--set" -> {
          String setting = value(args, ++i, arg);
          int equals = setting.indexOf('=');
          if (equals <= 0) {
            throw new BadArguments("--set needs key=value, not " + setting);
          }
          settings.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new BadArguments("unknown option " + arg);
          }
          positional.add(arg);
        }
      }
    }
    if ((rate == null) != (duration == null)) {
      throw new BadArguments("--rate and --duration go together");
    }
    boolean open = rate != null;
    if (warmup > 0 && !open) {
      throw new BadArguments("--warmup is for the open loop (--rate and --duration)");
    }
    if (open && drain != null) {
      throw new BadArguments("--rate/--duration or --drain, not both");
    }
    if ((open || drain != null) && !positional.isEmpty()) {
      throw new BadArguments("CALLS and CALLERS are for the closed loop only, not with --rate or --drain");
    }
    if (positional.size() > 2) {
      throw new BadArguments("at most two numbers: CALLS CALLERS");
    }
    if (open) {
      long calls = (long) rate * duration;
      if (calls > Integer.MAX_VALUE) {
        throw new BadArguments("--rate x --duration is too many calls");
      }
      int openCallers = callers != null ? callers : (int) Math.min(Integer.MAX_VALUE, (long) rate * OPEN_SECONDS_PER_CALLER);
      if ((long) rate * warmup > Integer.MAX_VALUE) {
        throw new BadArguments("--rate x --warmup is too many calls");
      }
      return new BenchOptions(Mode.OPEN, (int) calls, openCallers, rate, duration, state, settings, report, recovery,
          warmup);
    }
    if (drain != null) {
      int drainCallers = callers != null ? callers : Math.min(drain, DEFAULT_DRAIN_CALLERS);
      return new BenchOptions(Mode.DRAIN, drain, drainCallers, 0, 0, state, settings, report, recovery, 0);
    }
    int calls = positional.size() > 0 ? number("CALLS", positional.get(0), 1) : DEFAULT_CALLS;
    int closedCallers = positional.size() > 1 ? number("CALLERS", positional.get(1), 1)
        : callers != null ? callers : DEFAULT_CLOSED_CALLERS;
    return new BenchOptions(Mode.CLOSED, calls, closedCallers, 0, 0, state, settings, report, recovery, 0);
  }

  /** Open loop: the calls of the warm-up before each measurement (rate x warm-up seconds). */
  public int warmupCalls() {
    return rate * warmupSeconds;
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new BadArguments(option + " needs a value");
    }
    return args.get(index);
  }

  private static int number(String option, String value, int min) {
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new BadArguments(option + " must be a whole number, not " + value);
    }
    if (parsed < min) {
      throw new BadArguments(option + " must be from " + min + ", not " + value);
    }
    return parsed;
  }
}
