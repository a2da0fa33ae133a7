package io.callbill.proofs.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The open loop's timetable: call {@code i} is due {@code i / rate} seconds after the run's start, whatever became
 * of the calls before it. Due moments are computed from the call's number, never from the previous send, so a late
 * send does not push the calls after it back (the schedule does not drift), and a stalled system cannot hide by
 * slowing the sender down: latencies count from the due moment.
 *
 * @param rate calls per second, above 0
 * @param calls how many calls the schedule holds
 */
public record OpenLoopSchedule(BigDecimal rate, long calls) {

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  public OpenLoopSchedule {
    if (rate.signum() <= 0) {
      throw new IllegalArgumentException("an open loop needs a rate above 0: " + rate);
    }
    if (calls < 0) {
      throw new IllegalArgumentException("calls must not be negative: " + calls);
    }
  }

  /** The calls due before {@code duration} is over: those with {@code i / rate < duration}. */
  public static OpenLoopSchedule over(BigDecimal rate, Duration duration) {
    BigDecimal seconds = BigDecimal.valueOf(duration.toNanos()).divide(NANOS_PER_SECOND);
    return new OpenLoopSchedule(rate, seconds.multiply(rate).setScale(0, RoundingMode.CEILING).longValueExact());
  }

  /** Nanoseconds from the run's start to call {@code i}'s due moment (rounded down to the nanosecond). */
  public long dueNanos(long i) {
    if (i < 0 || i >= calls) {
      throw new IndexOutOfBoundsException("call " + i + " of " + calls);
    }
    return BigDecimal.valueOf(i).multiply(NANOS_PER_SECOND).divide(rate, 0, RoundingMode.FLOOR).longValueExact();
  }

  /** How late call {@code i} is when sent at {@code nowNanos} on a run started at {@code startNanos}; 0 if early. */
  public long lagNanos(long i, long startNanos, long nowNanos) {
    return Math.max(0, nowNanos - (startNanos + dueNanos(i)));
  }
}
