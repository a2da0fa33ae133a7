package io.callbill.proofs.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Options of {@code ./callbill load}.
 *
 * @param calls calls to make, or 0 when the run is bounded by {@code duration}
 * @param duration how long to keep starting calls, or null when bounded by {@code calls}
 * @param rate calls started per second on a fixed schedule (the open loop); 0 = the closed loop, as fast as the
 *     virtual callers go
 * @param concurrency the closed loop's virtual callers (each has at most one call at a time); not used by the open
 *     loop, whose calls in flight are bounded by {@code callers}
 * @param callers caller accounts (at least {@code concurrency}); in the open loop by default enough for the rate
 * @param receivers receiver accounts; in the open loop by default enough that none exceeds the API's per-user write
 *     budget
 * @param minCallSeconds shortest call (the generator waits that long before ending it)
 * @param maxCallSeconds longest call
 * @param prefix prefix of every id the run creates (callers, receivers, agency), so runs can reuse them
 * @param report JSON report file (an SVG plot beside it), or null
 * @param verifyTimeout longest wait for the sink and the balance views to catch up
 * @param adversarialPercent share of the caller accounts that try to pay less than billing measured
 * @param heartbeatTimeout the running stack's {@code CALLBILL_HEARTBEAT_TIMEOUT_SECONDS}: how long a vanished call
 *     is watched before billing must have abandoned it
 * @param steps the offered rates of a latency-vs-rate run ({@code --rates}), each an open loop of {@code calls} or
 *     {@code duration} in turn; empty otherwise. {@code rate} is then the highest of them (callers and receivers are
 *     sized for it)
 */
public record LoadOptions(long calls, Duration duration, BigDecimal rate, int concurrency, int callers, int receivers,
                          int minCallSeconds, int maxCallSeconds, String prefix, Path report, Duration verifyTimeout,
                          int adversarialPercent, Duration heartbeatTimeout, List<BigDecimal> steps) {

  /** Billing's default heartbeat timeout ({@code callbill.heartbeat.timeout.seconds}). */
  public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;
  /** The API's default write budget per user and second ({@code callbill.rate-limit.user-writes}). */
  static final int API_USER_WRITES_PER_SECOND = 20;
  static final int MAX_CALLERS = 100_000;
  static final int MAX_RECEIVERS = 10_000;
  /** Caller accounts of the open loop, sized with this share to spare (per cent above what the rate needs). */
  static final int CALLER_HEADROOM_PERCENT = 25;
  /** Beyond its talk, how long an honest call holds its caller: start, accept and end answered on a loaded box. */
  static final int HONEST_HOLD_SLACK_SECONDS = 2;
  /** Beyond the heartbeat timeout, how long billing may take to abandon a vanished call (for sizing only). */
  static final int ABANDON_SLACK_SECONDS = 10;

  public static final String USAGE = """
      usage: ./callbill load [options]

      Drives calls over HTTP against the running local stack (.callbill/stack.json, or $CALLBILL_STACK_DIR):
      creates or reuses callers, receivers (some with an agency), two level configs and the platform config,
      credits coins, then runs start -> the receiver's accept -> talk (heartbeats every 3 s) -> end calls; some are
      ended by the receiver, some by both sides, some retried with the same Idempotency-Key. A share of the callers
      tries to pay less than billing measured: some claim 0 s or half the time they talked, some talk past their
      balance and never end (billing must cut them off), some vanish after heartbeats (billing must abandon the
      call at the last one). Then verifies that every call settled exactly once with what billing's measurement
      must cost, by its own model of measured metering (PostgreSQL history and ledger, wallets), and that billing's
      measurement agrees with the client's wall clock. Exit 0 only when it does.

      The stack must run billing's default metering (measured, connect at the accept). Vanishing callers are settled
      a heartbeat timeout after their last heartbeat: start the stack with e.g.
      CALLBILL_HEARTBEAT_TIMEOUT_SECONDS=10 ./callbill up and pass --heartbeat-timeout 10 for short runs.

        --calls N            calls to make (default 100 unless --duration is given)
        --duration SECONDS   keep starting calls for this long instead of a number of calls
        --rate R             open loop: R calls a second on a fixed schedule, call i due i/R s after the start
                             (decimals allowed); latencies count from each call's due moment, and the run says
                             how far the sender fell behind. 0 = the closed loop (default 0)
        --rates R1,R2,...    the latency against the offered rate: an open loop at each rate in turn, each of
                             --duration or --calls (one verification after the last); a table, and with
                             --report a plot of p99 start and end against the rate (FILE.curve.svg)
        --concurrency C      closed loop: virtual callers, each with at most one call at a time (default 8)
        --callers N          caller accounts, at least C (default C; with --rate enough for the rate: a caller
                             has one call at a time, so N bounds the calls in flight)
        --receivers N        receiver accounts (default 4; with --rate at least 3R/20, so no receiver exceeds
                             the API's 20 writes a second)
        --call-seconds A-B   call durations, waited for real (default 1-3; billed at least 30 s)
        --prefix P           prefix of the ids the run creates (default load)
        --report FILE        write the figures as JSON to FILE and a plot to FILE.svg
        --verify-timeout S   longest wait for the sink and wallets to catch up (default 60)
        --adversarial P      percent of the callers that cheat, in turn: claims 0, claims half, past the balance,
                             vanishes (default 50; 0 = all honest)
        --heartbeat-timeout S  the stack's CALLBILL_HEARTBEAT_TIMEOUT_SECONDS (default 60, billing's default)
        --help               this text
      """;

  private static final List<String> KNOWN = List.of("--calls", "--duration", "--rate", "--concurrency", "--callers",
      "--receivers", "--call-seconds", "--prefix", "--report", "--verify-timeout", "--adversarial",
      "--heartbeat-timeout", "--rates");

  /** Parses the arguments after {@code load}; throws IllegalArgumentException naming the bad one. */
  public static LoadOptions parse(List<String> args) {
    Long calls = null;
    Duration duration = null;
    BigDecimal rate = BigDecimal.ZERO;
    List<BigDecimal> steps = List.of();
    int concurrency = 8;
    Integer callers = null;
    int receivers = 4;
    boolean receiversGiven = false;
    int minSeconds = 1;
    int maxSeconds = 3;
    String prefix = "load";
    Path report = null;
    Duration verifyTimeout = Duration.ofSeconds(60);
    int adversarial = 50;
    Duration heartbeatTimeout = Duration.ofSeconds(DEFAULT_HEARTBEAT_TIMEOUT_SECONDS);
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown option for load: " + name + " (./callbill load --help)");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value (./callbill load --help)");
      }
      String value = args.get(++i);
      switch (name) {
        case "--calls" -> calls = number(name, value, 1, 10_000_000);
        case "--duration" -> duration = Duration.ofSeconds(number(name, value, 1, 86_400));
        case "--rate" -> rate = rate(name, value);
        case "--rates" -> steps = rates(value);
        case "--concurrency" -> concurrency = (int) number(name, value, 1, 1000);
        case "--callers" -> callers = (int) number(name, value, 1, MAX_CALLERS);
        case "--receivers" -> {
          receivers = (int) number(name, value, 1, MAX_RECEIVERS);
          receiversGiven = true;
        }
        case "--call-seconds" -> {
          String[] range = value.split("-", -1);
          if (range.length > 2) {
            throw new IllegalArgumentException("--call-seconds must be A-B or A: " + value);
          }
          minSeconds = (int) number(name, range[0], 1, 3600);
          maxSeconds = range.length == 2 ? (int) number(name, range[1], 1, 3600) : minSeconds;
          if (maxSeconds < minSeconds) {
            throw new IllegalArgumentException("--call-seconds: " + maxSeconds + " is below " + minSeconds);
          }
        }
        case "--prefix" -> {
          if (!value.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("--prefix must match [A-Za-z0-9_-]{1,32}: " + value);
          }
          prefix = value;
        }
        case "--report" -> report = Path.of(value);
        case "--verify-timeout" -> verifyTimeout = Duration.ofSeconds(number(name, value, 1, 3600));
        case "--adversarial" -> adversarial = (int) number(name, value, 0, 100);
        case "--heartbeat-timeout" -> heartbeatTimeout = Duration.ofSeconds(number(name, value, 1, 3600));
        default -> throw new IllegalStateException(name);
      }
    }
    if (calls != null && duration != null) {
      throw new IllegalArgumentException("give --calls or --duration, not both");
    }
    if (!steps.isEmpty()) {
      if (rate.signum() != 0) {
        throw new IllegalArgumentException("give --rate or --rates, not both");
      }
      rate = steps.stream().max(BigDecimal::compareTo).orElseThrow();
    }
    int callerCount = callers != null ? callers
        : rate.signum() > 0 ? Math.max(concurrency, callersFor(rate, maxSeconds, adversarial, heartbeatTimeout))
        : concurrency;
    if (!receiversGiven && rate.signum() > 0) {
      receivers = Math.max(receivers, receiversFor(rate));
    }
    if (callerCount < concurrency) {
      throw new IllegalArgumentException("--callers (" + callerCount + ") must be at least --concurrency ("
          + concurrency + "): a caller has at most one call at a time");
    }
    long callCount = duration != null ? 0 : calls == null ? 100 : calls;
    return new LoadOptions(callCount, duration, rate, concurrency, callerCount, receivers, minSeconds, maxSeconds,
        prefix, report, verifyTimeout, adversarial, heartbeatTimeout, steps);
  }

  private static long number(String name, String value, long min, long max) {
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value);
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ": " + value);
    }
    return parsed;
  }

  private static List<BigDecimal> rates(String value) {
    List<BigDecimal> rates = Arrays.stream(value.split(",", -1)).map(String::trim).map(r -> rate("--rates", r))
        .toList();
    if (rates.stream().anyMatch(r -> r.signum() == 0)) {
      throw new IllegalArgumentException("--rates must all be above 0: " + value);
    }
    return rates;
  }

  private static BigDecimal rate(String name, String value) {
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number of calls per second: " + value);
    }
    if (parsed.signum() < 0 || parsed.compareTo(BigDecimal.valueOf(100_000)) > 0) {
      throw new IllegalArgumentException(name + " must be from 0 to 100000: " + value);
    }
    return parsed;
  }

  /** The open loop: calls on a fixed schedule. */
  public boolean paced() {
    return rate.signum() > 0;
  }

  /** A latency-vs-rate run: an open loop at each of {@link #steps()} in turn. */
  public boolean curve() {
    return !steps.isEmpty();
  }

  /** The open loop's timetable: {@code calls} calls, or those due within {@code duration}. */
  public OpenLoopSchedule schedule() {
    if (!paced()) {
      throw new IllegalStateException("the closed loop has no schedule");
    }
    return schedule(rate);
  }

  /** The timetable of one step at {@code offered} calls a second: {@code calls} calls, or those due in time. */
  public OpenLoopSchedule schedule(BigDecimal offered) {
    return duration != null ? OpenLoopSchedule.over(offered, duration) : new OpenLoopSchedule(offered, calls);
  }

  /**
   * Caller accounts enough for {@code rate} calls a second, a quarter to spare. A caller has one call at a time and
   * the free ones are taken in turn, so N accounts serve {@code N x (honest / honestHold + adversarial /
   * adversarialHold)} calls a second, the shares in per cent, the holds in seconds (an adversarial call is held up
   * to its longest talk, the heartbeat timeout and billing's abandoning).
   */
  static int callersFor(BigDecimal rate, int maxCallSeconds, int adversarialPercent, Duration heartbeatTimeout) {
    long honestHold = maxCallSeconds + HONEST_HOLD_SLACK_SECONDS;
    long adversarialHold = Behaviour.ADVERSARIAL.stream().mapToInt(Behaviour::maxSeconds).max().orElseThrow()
        + heartbeatTimeout.toSeconds() + ABANDON_SLACK_SECONDS;
    BigDecimal servedPerAccount = BigDecimal.valueOf(
        (100L - adversarialPercent) * adversarialHold + (long) adversarialPercent * honestHold);
    BigDecimal needed = rate.multiply(BigDecimal.valueOf((100L + CALLER_HEADROOM_PERCENT) * honestHold
            * adversarialHold))
        .divide(servedPerAccount, 0, RoundingMode.CEILING);
    return needed.min(BigDecimal.valueOf(MAX_CALLERS)).intValueExact();
  }

  /**
   * Receiver accounts enough that none exceeds the API's per-user write budget: each call costs its receiver an
   * accept, some heartbeats and, for a third of the calls, an end, so about two writes; a half to spare.
   */
  static int receiversFor(BigDecimal rate) {
    return rate.multiply(BigDecimal.valueOf(3)).divide(BigDecimal.valueOf(API_USER_WRITES_PER_SECOND), 0,
        RoundingMode.CEILING).min(BigDecimal.valueOf(MAX_RECEIVERS)).max(BigDecimal.ONE).intValueExact();
  }
}
