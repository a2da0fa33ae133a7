package io.callbill.stack.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls a crash run makes and what each must cost: an independent model of the billing rules for one rate card
 * (audio at 30 coins per minute for the receiver + 12 margin, admin share 60 % of an agency receiver's margin,
 * 100 % otherwise), in integers only. Every caller makes {@link #CALLS_PER_CALLER} calls one after the other; call
 * {@code j} of a caller starts at {@code base + j * 150 s} and ends {@code duration} seconds later (record times), so
 * the measured duration is known and the charge is exact.
 */
public final class CallPlan {

  public static final int CALLS_PER_CALLER = 8;
  public static final int RECEIVERS = 10;
  public static final long CREDIT_COINS = 1_000_000L;
  static final long PAY_PER_MINUTE = 42;
  static final long EARNING_PER_MINUTE = 30;
  static final long ADMIN_SHARE_PERCENT = 60;
  private static final Duration SLOT = Duration.ofSeconds(150);

  /** What one completed call moves, coins and hundredths of a coin. */
  public record Charge(long billable, long total, long earning, long margin, long adminHundredths,
                       long agencyHundredths) {

    static Charge of(long durationSeconds, boolean agency) {
      long billable = Math.max(durationSeconds, 30);
      long total = Math.floorDiv(billable * PAY_PER_MINUTE + 59, 60);
      long earning = Math.floorDiv(total * EARNING_PER_MINUTE, PAY_PER_MINUTE);
      long margin = total - earning;
      long admin = agency ? margin * ADMIN_SHARE_PERCENT : margin * 100;
      return new Charge(billable, total, earning, margin, admin, margin * 100 - admin);
    }
  }

  /** One planned call; its callId is learned from the start's answer. */
  public record Call(int number, String callerId, int indexOfCaller, String receiverId, String agencyId,
                     Instant startAt, Instant endAt, long durationSeconds, Charge charge) {

    public String startCommandId() {
      return "crash-start-" + number;
    }

    public String endCommandId() {
      return "crash-end-" + number;
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
    for (int c = 0; c < callerCount; c++) {
      callers.add(String.format("crash-caller-%04d", c));
      callsByCaller.add(new ArrayList<>());
    }
    for (int n = 0; n < calls; n++) {
      int c = n % callerCount;
      int j = n / callerCount;
      int r = n % RECEIVERS;
      // 15 .. 144 s: some under the 30 s minimum, most over a minute.
      long duration = 15 + Math.floorMod(n * 37L, 130);
      Instant start = base.plus(SLOT.multipliedBy(j));
      Call call = new Call(n, callers.get(c), j, receiver(r), agencyOf(r), start, start.plusSeconds(duration),
          duration, Charge.of(duration, agencyOf(r) != null));
      callsByCaller.get(c).add(call);
      this.calls.add(call);
    }
  }

  /** A plan whose command times lie in the recent past: sessions expire 2 h after start, the broker refuses +1 h. */
  public static CallPlan startingNow(int calls) {
    return new CallPlan(calls, Instant.now().minus(SLOT.multipliedBy(CALLS_PER_CALLER + 2)));
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
    return CREDIT_COINS - calls.stream().filter(c -> c.callerId().equals(callerId))
        .mapToLong(c -> c.charge().total()).sum();
  }
}
