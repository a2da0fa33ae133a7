package io.callbill.proofs.crash;

import io.callbill.avro.CallType;
import io.callbill.proofs.ProofRateCard;
import io.callbill.testkit.oracle.BillingOracle;
import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls a crash run makes and what each must cost: a model of measured metering at the {@link ProofRateCard}
 * (audio calls), every charge and maxSeconds from its {@link BillingOracle}. Every caller makes
 * {@link #CALLS_PER_CALLER} calls one after the other; call {@code j} of a caller starts at
 * {@code base + j * 150 s}, is accepted by the receiver {@link #RING} later, and ends in one of three ways (record
 * times, so the measured time is known and the charge is exact):
 * <ul>
 *   <li>{@link Ending#ENDED}: the caller ends it {@code duration} seconds after the accept, claiming that;
 *       billed max(duration, 30);</li>
 *   <li>{@link Ending#CUT_OFF}: a caller short of coins (every {@link #SHORT_OF_COINS_EVERY}th caller, topped up
 *       before each call to the coins of 31 to 130 s) never ends it: billing cuts it off at maxSeconds =
 *       floor(coins / pay per second) and charges what maxSeconds cost; the caller's end comes after and gets that
 *       back;</li>
 *   <li>{@link Ending#ABANDONED}: one heartbeat 15 to 60 s after the accept, then silence: billing settles it at that
 *       heartbeat once the heartbeat timeout passed, billed max(those seconds, 30); the caller's end comes after
 *       the timeout and gets that back.</li>
 * </ul>
 * The times lie in the past, so the cutoff and the heartbeat timeout are due as soon as billing sees the accept or
 * the heartbeat: its punctuator settles them within a second, killed or not. For the same reason the run's billing
 * rings calls for {@link #RING_TIMEOUT} (its default minute would already be over when the start is processed).
 */
public final class CallPlan {

  public static final int CALLS_PER_CALLER = 8;
  public static final int RECEIVERS = 10;
  public static final long CREDIT_COINS = 1_000_000L;
  /** Callers {@code c} with {@code c % 5 == 4} are short of coins: every call of theirs is cut off at the balance. */
  public static final int SHORT_OF_COINS_EVERY = 5;
  /** Calls {@code n} of the other callers with {@code n % 7 == 3} are abandoned after one heartbeat. */
  public static final int ABANDONED_EVERY = 7;
  /** The receiver accepts this long after the start. */
  public static final Duration RING = Duration.ofSeconds(2);
  /** Billing's ring timeout for a crash run: longer than the plan reaches into the past. */
  public static final Duration RING_TIMEOUT = Duration.ofHours(1);
  /** Billing's default heartbeat timeout: a late end of an abandoned call comes after it. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SLOT = Duration.ofSeconds(150);

  /** How a call ends. */
  public enum Ending {
    /** the caller ends it */
    ENDED,
    /** billing cuts it off at the caller's balance */
    CUT_OFF,
    /** billing settles it at its last heartbeat once the heartbeats stopped */
    ABANDONED
  }

  /** What a call billed for {@code seconds} (the 30 s minimum applied) moves, to a receiver with or without agency. */
  static Charge charge(long seconds, boolean agency) {
    return ProofRateCard.oracle(CallType.audio, agency).chargeForDuration(seconds);
  }

  /** The seconds {@code coins} pay for: what the start answers as maxSeconds (the margin is the same either way). */
  static long maxSeconds(long coins) {
    return ProofRateCard.oracle(CallType.audio, false).maxSeconds(coins);
  }

  /**
   * One planned call; its callId is learned from the start's answer.
   *
   * @param topUpCoins coins credited just before the start (callers short of coins), else 0
   * @param lastAt the call's last moment of life: its end, or its heartbeat when abandoned
   * @param endAt the record time of the caller's end (after the cutoff or the heartbeat timeout when billing
   *     settled the call itself)
   * @param claimSeconds the duration the end claims
   * @param maxSeconds the seconds the caller's balance pays for at the start
   */
  public record Call(int number, String callerId, int indexOfCaller, String receiverId, String agencyId,
                     Ending ending, long topUpCoins, Instant startAt, Instant acceptAt, Instant lastAt, Instant endAt,
                     long claimSeconds, long maxSeconds, Charge charge) {

    public String topUpCommandId() {
      return "crash-topup-" + number;
    }

    public String topUpReference() {
      return "crash-topup-call-" + number;
    }

    public String startCommandId() {
      return "crash-start-" + number;
    }

    public String acceptCommandId() {
      return "crash-accept-" + number;
    }

    public String heartbeatCommandId() {
      return "crash-beat-" + number;
    }

    /** The {@code k}th look at whether billing closed the call. */
    public String watchCommandId(int k) {
      return "crash-watch-" + number + "-" + k;
    }

    public String endCommandId() {
      return "crash-end-" + number;
    }

    /** Billing, not the caller, closes this call. */
    public boolean settledByBilling() {
      return ending != Ending.ENDED;
    }
  }

  private final Instant base;
  private final List<String> callers = new ArrayList<>();
  private final List<List<Call>> callsByCaller = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();

  public CallPlan(int calls, Instant base) {
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be at least 1");
    }
    this.base = base;
    int callerCount = (calls + CALLS_PER_CALLER - 1) / CALLS_PER_CALLER;
    long[] coins = new long[callerCount];
    for (int c = 0; c < callerCount; c++) {
      callers.add(String.format("crash-caller-%04d", c));
      callsByCaller.add(new ArrayList<>());
      coins[c] = shortOfCoins(c) ? 0 : CREDIT_COINS;
    }
    for (int n = 0; n < calls; n++) {
      int c = n % callerCount;
      int j = n / callerCount;
      int r = n % RECEIVERS;
      boolean agency = agencyOf(r) != null;
      Instant start = base.plus(SLOT.multipliedBy(j));
      Instant accept = start.plus(RING);
      Call call;
      if (shortOfCoins(c)) {
        // Coins for 31 .. 130 s of talk; the remainder of the previous cut-off call counts.
        long talk = 31 + Math.floorMod(n * 37L, 100);
        long topUp = charge(talk, agency).totalCoins() - coins[c];
        long max = maxSeconds(coins[c] + topUp);
        Instant cutoff = accept.plusSeconds(max);
        call = new Call(n, callers.get(c), j, receiver(r), agencyOf(r), Ending.CUT_OFF, topUp, start, accept, cutoff,
            cutoff.plusSeconds(1), max + 1, max, charge(max, agency));
        coins[c] += topUp;
      } else if (n % ABANDONED_EVERY == 3) {
        long alive = 15 + Math.floorMod(n * 37L, 46);
        Instant heartbeat = accept.plusSeconds(alive);
        call = new Call(n, callers.get(c), j, receiver(r), agencyOf(r), Ending.ABANDONED, 0, start, accept,
            heartbeat, heartbeat.plus(HEARTBEAT_TIMEOUT).plusSeconds(1), alive, maxSeconds(coins[c]),
            charge(alive, agency));
      } else {
        // 15 .. 144 s: some under the 30 s minimum, most over a minute.
        long duration = 15 + Math.floorMod(n * 37L, 130);
        Instant end = accept.plusSeconds(duration);
        call = new Call(n, callers.get(c), j, receiver(r), agencyOf(r), Ending.ENDED, 0, start, accept, end, end,
            duration, maxSeconds(coins[c]), charge(duration, agency));
      }
      coins[c] -= call.charge().totalCoins();
      callsByCaller.get(c).add(call);
      this.calls.add(call);
    }
  }

  /** A plan whose command times lie in the recent past: sessions expire 2 h after start, the broker refuses +1 h. */
  public static CallPlan startingNow(int calls) {
    return new CallPlan(calls, Instant.now().minus(SLOT.multipliedBy(CALLS_PER_CALLER + 2)));
  }

  /** Callers short of coins get no credit up front, only each call's top-up. */
  public static boolean shortOfCoins(int caller) {
    return caller % SHORT_OF_COINS_EVERY == SHORT_OF_COINS_EVERY - 1;
  }

  public boolean shortOfCoins(String callerId) {
    return shortOfCoins(callers.indexOf(callerId));
  }

  public static String receiver(int r) {
    return String.format("crash-receiver-%02d", r);
  }

  /** Even receivers belong to an agency of their own, odd ones to none. */
  public static String agencyOf(int r) {
    return r % 2 == 0 ? "crash-agency-" + r : null;
  }

  public static String creditReference(String callerId) {
    return "crash-topup-" + callerId;
  }

  public static String creditCommandId(String callerId) {
    return "crash-credit-" + callerId;
  }

  public Instant base() {
    return base;
  }

  public Instant creditAt() {
    return base.minusSeconds(60);
  }

  public List<String> callers() {
    return callers;
  }

  public List<Call> calls() {
    return calls;
  }

  public List<Call> callsOf(int caller) {
    return callsByCaller.get(caller);
  }

  /** Coins left to a caller after all its calls: what its wallet must hold at the end. */
  public long finalCallerCoins(String callerId) {
    long credited = shortOfCoins(callerId) ? 0 : CREDIT_COINS;
    return credited + calls.stream().filter(c -> c.callerId().equals(callerId))
        .mapToLong(c -> c.topUpCoins() - c.charge().totalCoins()).sum();
  }
}
