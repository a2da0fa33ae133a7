package io.callbill.proofs.load;

import io.callbill.testkit.oracle.BillingOracle;
import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The load generator's model of measured metering (billing's default, issue 9), in integers only: from what
 * billing recorded about a call (its connect, its end or last heartbeat: command record times, i.e. when the API
 * accepted them) it says what the call must have cost.
 *
 * <ul>
 *   <li>measured = ceil(seconds from connect to end); to the last heartbeat when abandoned; maxSeconds when cut
 *       off at the balance</li>
 *   <li>a claim of 0 ended within the skew of the connect: not_connected, free</li>
 *   <li>a call that never connected: free, not_connected (ended while ringing) or missed (closed by the ring
 *       timeout)</li>
 *   <li>billable = min(max(measured, 30), maxSeconds), charged as the {@link BillingOracle} says</li>
 *   <li>a claim further than the skew from the measured time: durationDisputed (the bill does not move)</li>
 * </ul>
 */
public final class MeasuredMetering {

  /** Billing's default {@code callbill.duration.clock.skew.seconds}. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
  public static final String MEASURED = "measured";
  public static final String CUTOFF = "cutoff";
  public static final String ABANDONED = "abandoned";
  public static final String NOT_CONNECTED = "not_connected";
  /** The status of a call nobody accepted within billing's ring timeout. */
  public static final String MISSED = "missed";

  private MeasuredMetering() {
  }

  /**
   * What billing recorded about a settled call: the call_history row.
   *
   * @param metering the policy that billed it (null on rows written before metering was recorded)
   * @param measuredDuration billing's measured seconds, or null
   */
  public record Recorded(String status, String endedBy, String metering, Instant connectedAt, Instant endedAt,
                         Instant lastHeartbeatAt, long reportedDuration, Long measuredDuration, long billableDuration,
                         boolean durationDisputed, long totalCoins, long femaleEarning, long adminHundredths,
                         long agencyHundredths) {

    /** Billing ended the call itself: no claim to compare. */
    boolean endedByBilling() {
      return CUTOFF.equals(endedBy) || ABANDONED.equals(endedBy);
    }
  }

  /** What the model says a call must have been billed. */
  public record Bill(String status, long measuredSeconds, long billableSeconds, boolean disputed,
                     Charge charge) {
  }

  /** The bill of a recorded call whose start answered {@code maxSeconds}, at {@code rates}. */
  public static Bill bill(Recorded call, long maxSeconds, RatePlan rates, Duration skew) {
    if (call.connectedAt() == null) {
      return neverConnected(call);
    }
    long measured = switch (Objects.requireNonNullElse(call.endedBy(), "")) {
      case CUTOFF -> maxSeconds;
      case ABANDONED -> seconds(call.connectedAt(), call.lastHeartbeatAt());
      default -> seconds(call.connectedAt(), call.endedAt());
    };
    boolean claimedZeroAtConnect = !call.endedByBilling() && call.reportedDuration() == 0
        && Duration.between(call.connectedAt(), call.endedAt()).compareTo(skew) <= 0;
    if (claimedZeroAtConnect) {
      return free(measured);
    }
    long billable = Math.min(Math.max(measured, BillingOracle.MIN_BILLABLE_SECONDS), maxSeconds);
    boolean disputed = !call.endedByBilling() && Math.abs(call.reportedDuration() - measured) > skew.toSeconds();
    return new Bill("completed", measured, billable, disputed, rates.charge(billable));
  }

  private static Bill free(long measured) {
    return new Bill(NOT_CONNECTED, measured, 0, false, Charge.NONE);
  }

  /**
   * A call nobody connected is free, under one of two statuses: not_connected when an end reached it while it rang,
   * missed when billing's ring timeout closed it first (under overload an accept may never be answered, and its
   * client ends the call late). Which came first the client cannot see, so either is the model's bill; any other
   * status, or any charge, is a difference.
   */
  private static Bill neverConnected(Recorded call) {
    return new Bill(MISSED.equals(call.status()) ? MISSED : NOT_CONNECTED, 0, 0, false, Charge.NONE);
  }

  /** Whole seconds from {@code from} to {@code to}, rounded up (a started second counts), never negative. */
  public static long seconds(Instant from, Instant to) {
    if (from == null || to == null) {
      return 0;
    }
    long millis = Math.max(0, Duration.between(from, to).toMillis());
    return (millis + 999) / 1000;
  }

  /** Where the record disagrees with the model's bill; empty when it bills exactly what the model says. */
  public static List<String> differences(Recorded call, Bill bill) {
    List<String> found = new ArrayList<>();
    if (call.metering() != null && !MEASURED.equals(call.metering())) {
      found.add("billed under the " + call.metering() + " policy, not measured (start the stack with the default,"
          + " CALLBILL_METERING=measured)");
    }
    expect(found, "status", bill.status(), call.status());
    expect(found, "billable seconds", bill.billableSeconds(), call.billableDuration());
    expect(found, "coins charged", bill.charge().totalCoins(), call.totalCoins());
    expect(found, "receiver's earning", bill.charge().femaleEarning(), call.femaleEarning());
    expect(found, "platform's share (hundredths)", bill.charge().adminHundredths(), call.adminHundredths());
    expect(found, "agency's share (hundredths)", bill.charge().agencyHundredths(), call.agencyHundredths());
    if (!call.endedByBilling() && bill.status().equals("completed")) {
      expect(found, "measured seconds", bill.measuredSeconds(), call.measuredDuration());
      expect(found, "durationDisputed", bill.disputed(), call.durationDisputed());
    }
    return found;
  }

  private static void expect(List<String> found, String what, Object model, Object recorded) {
    if (!Objects.equals(model, recorded)) {
      found.add(what + " " + recorded + ", model " + model);
    }
  }
}
