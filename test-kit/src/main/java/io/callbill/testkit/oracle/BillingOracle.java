package io.callbill.testkit.oracle;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The billing rules of one call's frozen rates, as an independent exact model for the checks: every property test,
 * integration test and proof asks this what a call must cost, and compares billing's answer with it. It is written
 * apart from billing's {@code RateCard} (it does not call it and shares no code with it), from the seed's rules
 * (call-system.md, {@code startCall} and {@code endCall}) with the fixes of the architecture brief: rationals
 * instead of binary floating point, the margin split in hundredths that add up to the margin exactly.
 *
 * <ul>
 *   <li>pay per second = (receiver rate + platform margin) per minute / 60</li>
 *   <li>start: balance &gt;= minCallCoins (when &gt; 0) and balance &gt;= ceil(30 s &times; pay per second);
 *       maxSeconds = floor(balance / pay per second)</li>
 *   <li>end: billable = max(duration, 30); no duration (&lt;= 0): not connected, free; a charge above the balance:
 *       insufficient coins, free; else totalCoins = ceil(billable &times; pay per second)</li>
 *   <li>femaleEarning = floor(totalCoins &times; receiver rate / pay rate); platformMargin = the rest</li>
 *   <li>admin share = platformMargin &times; adminSharePercentage / 100 coins, rounded half up to the hundredth;
 *       the agency gets the rest of the margin (a receiver without agency: 100 %)</li>
 *   <li>a refund gives the caller back coins of a charge and takes them from the parties in the call's
 *       proportions ({@link #refund})</li>
 * </ul>
 *
 * @param receiverRatePerMinute what the receiver earns per minute (the level's audio or video rate), &gt; 0
 * @param platformMarginPerMinute what the platform keeps per minute (agency or non-agency margin), &gt;= 0
 * @param adminSharePercentage the platform's percent of the margin, 0..100 (100 for a receiver without agency)
 */
public record BillingOracle(Ratio receiverRatePerMinute, Ratio platformMarginPerMinute,
                            Ratio adminSharePercentage) {

  /** A call is billed at least this long, and a caller must afford this long to start. */
  public static final long MIN_BILLABLE_SECONDS = 30;

  private static final Ratio HUNDRED = Ratio.of(100);

  public BillingOracle {
    Objects.requireNonNull(receiverRatePerMinute, "receiverRatePerMinute");
    Objects.requireNonNull(platformMarginPerMinute, "platformMarginPerMinute");
    Objects.requireNonNull(adminSharePercentage, "adminSharePercentage");
    if (receiverRatePerMinute.signum() <= 0 || platformMarginPerMinute.signum() < 0) {
      throw new IllegalArgumentException("the receiver rate must be > 0 and the margin >= 0");
    }
    if (adminSharePercentage.signum() < 0 || adminSharePercentage.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("the admin share is 0..100 %: " + adminSharePercentage);
    }
  }

  public static BillingOracle of(BigDecimal receiverRatePerMinute, BigDecimal platformMarginPerMinute,
                                 BigDecimal adminSharePercentage) {
    return new BillingOracle(Ratio.of(receiverRatePerMinute), Ratio.of(platformMarginPerMinute),
        Ratio.of(adminSharePercentage));
  }

  /** Rates and share written as decimals, e.g. {@code of("33.3", "7.7", "62.5")}. */
  public static BillingOracle of(String receiverRatePerMinute, String platformMarginPerMinute,
                                 String adminSharePercentage) {
    return new BillingOracle(Ratio.of(receiverRatePerMinute), Ratio.of(platformMarginPerMinute),
        Ratio.of(adminSharePercentage));
  }

  /** Rates and share counted in ten-thousandths (the schemas' rate scale): {@code 300_000} is 30 per minute. */
  public static BillingOracle ofTenThousandths(long receiverRatePerMinute, long platformMarginPerMinute,
                                               long adminSharePercentage) {
    return new BillingOracle(Ratio.of(receiverRatePerMinute, 10_000), Ratio.of(platformMarginPerMinute, 10_000),
        Ratio.of(adminSharePercentage, 10_000));
  }

  /** What the caller pays per minute. */
  public Ratio payPerMinute() {
    return receiverRatePerMinute.plus(platformMarginPerMinute);
  }

  public Ratio payPerSecond() {
    return payPerMinute().dividedBy(60);
  }

  /** The seconds billed for a call that lasted {@code durationSeconds}. */
  public static long billableSeconds(long durationSeconds) {
    return Math.max(durationSeconds, MIN_BILLABLE_SECONDS);
  }

  /** Coins needed to start a call: 30 seconds of pay, rounded up. */
  public long minCoinsToStart() {
    return coinsFor(MIN_BILLABLE_SECONDS);
  }

  /** Whether a caller holding {@code balance} may start, with the platform's {@code minCallCoins} (0: none). */
  public boolean mayStart(long balance, long minCallCoins) {
    return (minCallCoins <= 0 || balance >= minCallCoins) && balance >= minCoinsToStart();
  }

  /** The longest call {@code balance} pays for, in whole seconds: the start's maxSeconds. */
  public long maxSeconds(long balance) {
    return balance <= 0 ? 0 : Ratio.of(balance).dividedBy(payPerSecond()).floor();
  }

  /** What {@code seconds} of talk cost, rounded up to the coin (no minimum applied). */
  public long coinsFor(long seconds) {
    return payPerSecond().times(seconds).ceil();
  }

  /** The money of a call billed {@code billableSeconds} (at least {@link #MIN_BILLABLE_SECONDS}). */
  public Charge charge(long billableSeconds) {
    if (billableSeconds < MIN_BILLABLE_SECONDS) {
      throw new IllegalArgumentException("billable seconds below the 30 s minimum: " + billableSeconds);
    }
    long totalCoins = coinsFor(billableSeconds);
    long femaleEarning = Ratio.of(totalCoins).times(receiverRatePerMinute).dividedBy(payPerMinute()).floor();
    long platformMargin = totalCoins - femaleEarning;
    // margin coins * share / 100 is the admin's share in coins, so margin * share is it in hundredths.
    long adminHundredths = Ratio.of(platformMargin).times(adminSharePercentage).roundHalfUp();
    return new Charge(billableSeconds, totalCoins, femaleEarning, platformMargin, adminHundredths,
        platformMargin * 100 - adminHundredths);
  }

  /** The money of a call that lasted {@code durationSeconds}: the 30 s minimum applied. */
  public Charge chargeForDuration(long durationSeconds) {
    return charge(billableSeconds(durationSeconds));
  }

  /** How an end of a call with {@code durationSeconds} settles against the caller's {@code balance}. */
  public End end(long durationSeconds, long balance) {
    if (durationSeconds <= 0) {
      return new End(EndStatus.NOT_CONNECTED, Charge.NONE, 0);
    }
    Charge charge = chargeForDuration(durationSeconds);
    return charge.totalCoins() > balance
        ? new End(EndStatus.INSUFFICIENT_COINS, Charge.NONE, charge.totalCoins())
        : new End(EndStatus.COMPLETED, charge, charge.totalCoins());
  }

  /**
   * What a refund of {@code coins} of a call's {@code charge}, after {@code refundedBefore} coins already refunded,
   * takes back from each party, in hundredths: the caller gets exactly {@code coins}. The parties give back in the
   * call's own proportions, each rounded down on the running total of refunds (receiver: refunded &times; earning /
   * charge; agency: its part of the margin refunded, by its part of the call's margin; the platform the rest), so
   * refunding the whole charge in any number of parts takes back exactly what the call paid each of them.
   */
  public static Refund refund(Charge charge, long refundedBefore, long coins) {
    if (coins <= 0 || refundedBefore < 0 || refundedBefore + coins > charge.totalCoins()) {
      throw new IllegalArgumentException("a refund of " + coins + " after " + refundedBefore + " exceeds " + charge);
    }
    Refund before = refundedSoFar(charge, refundedBefore);
    Refund after = refundedSoFar(charge, refundedBefore + coins);
    return new Refund(coins, after.receiverHundredths() - before.receiverHundredths(),
        after.adminHundredths() - before.adminHundredths(), after.agencyHundredths() - before.agencyHundredths());
  }

  /** Each party's part of the first {@code refunded} coins refunded of the call. */
  private static Refund refundedSoFar(Charge charge, long refunded) {
    long receiver = Ratio.of(refunded * 100).times(Ratio.of(charge.femaleEarning(), charge.totalCoins())).floor();
    long margin = refunded * 100 - receiver;
    long wholeMargin = charge.adminHundredths() + charge.agencyHundredths();
    long agency = wholeMargin == 0 ? 0
        : Ratio.of(margin).times(Ratio.of(charge.agencyHundredths(), wholeMargin)).floor();
    return new Refund(refunded, receiver, margin - agency, agency);
  }

  /** What one refund moves: {@code coins} back to the caller, taken from the parties in hundredths. */
  public record Refund(long coins, long receiverHundredths, long adminHundredths, long agencyHundredths) {
  }

  /** How an end settles. */
  public enum EndStatus {
    /** the call never connected (no duration): closed, free */
    NOT_CONNECTED,
    /** the charge is more than the balance: recorded, free */
    INSUFFICIENT_COINS,
    /** charged and paid out */
    COMPLETED
  }

  /**
   * The outcome of an end.
   *
   * @param charge what moves; {@link Charge#NONE} unless completed
   * @param required the coins the call costs (the shortfall's {@code required} when insufficient), 0 if not connected
   */
  public record End(EndStatus status, Charge charge, long required) {
  }

  /**
   * The money of one billed call: whole coins for the caller's charge and the receiver's earning, hundredths of a
   * coin for the platform's and the agency's share of the margin.
   */
  public record Charge(long billableSeconds, long totalCoins, long femaleEarning, long platformMargin,
                       long adminHundredths, long agencyHundredths) {

    /** Nothing billed, nothing moved. */
    public static final Charge NONE = new Charge(0, 0, 0, 0, 0, 0);

    /** The receiver's earning in hundredths, as her wallet counts it. */
    public long femaleEarningHundredths() {
      return femaleEarning * 100;
    }
  }
}
