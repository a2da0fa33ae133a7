package io.callbill.proofs.load;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@code ./callbill load}.
 *
 * @param calls calls to make, or 0 when the run is bounded by {@code duration}
 * @param duration how long to keep starting calls, or null when bounded by {@code calls}
 * @param rate calls started per second; 0 = as fast as the virtual callers go
 * @param concurrency virtual callers (each has at most one call at a time)
 * @param callers caller accounts (at least {@code concurrency})
 * @param receivers receiver accounts
 * @param minCallSeconds shortest call (the generator waits that long before ending it)
 * @param maxCallSeconds longest call
 * @param prefix prefix of every id the run creates (callers, receivers, agency), so runs can reuse them
 * @param report JSON report file (an SVG plot beside it), or null
 * @param verifyTimeout longest wait for the sink and the balance views to catch up
 * @param adversarialPercent share of the caller accounts that try to pay less than billing measured
 * @param heartbeatTimeout the running stack's {@code CALLBILL_HEARTBEAT_TIMEOUT_SECONDS}: how long a vanished call
 *     is watched before billing must have abandoned it
 */
public record LoadOptions(long calls, Duration duration, BigDecimal rate, int concurrency, int callers, int receivers,
                          int minCallSeconds, int maxCallSeconds, String prefix, Path report, Duration verifyTimeout,
                          int adversarialPercent, Duration heartbeatTimeout) {

  /** Billing's default heartbeat timeout ({@code callbill.heartbeat.timeout.seconds}). */
  public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;

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
        --rate R             calls started per second (decimals allowed); 0 = as fast as possible (default 0)
        --concurrency C      virtual callers, each with at most one call at a time (default 8)
        --callers N          caller accounts, at least C (default C)
        --receivers N        receiver accounts (default 4)
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
      "--heartbeat-timeout");

  /** Parses the arguments after {@code load}; throws IllegalArgumentException naming the bad one. */
  public static LoadOptions parse(List<String> args) {
    Long calls = null;
    Duration duration = null;
    BigDecimal rate = BigDecimal.ZERO;
    int concurrency = 8;
    Integer callers = null;
    int receivers = 4;
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
        case "--rate" -> rate = rate(value);
        case "--concurrency" -> concurrency = (int) number(name, value, 1, 1000);
        case "--callers" -> callers = (int) number(name, value, 1, 100_000);
        case "--receivers" -> receivers = (int) number(name, value, 1, 10_000);
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
    int callerCount = callers == null ? concurrency : callers;
    if (callerCount < concurrency) {
      throw new IllegalArgumentException("--callers (" + callerCount + ") must be at least --concurrency ("
          + concurrency + "): a caller has at most one call at a time");
    }
    long callCount = duration != null ? 0 : calls == null ? 100 : calls;
    return new LoadOptions(callCount, duration, rate, concurrency, callerCount, receivers, minSeconds, maxSeconds,
        prefix, report, verifyTimeout, adversarial, heartbeatTimeout);
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

  private static BigDecimal rate(String value) {
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rate must be a number of calls per second: " + value);
    }
    if (parsed.signum() < 0 || parsed.compareTo(BigDecimal.valueOf(100_000)) > 0) {
      throw new IllegalArgumentException("--rate must be from 0 to 100000: " + value);
    }
    return parsed;
  }

  public boolean paced() {
    return rate.signum() > 0;
  }
}
