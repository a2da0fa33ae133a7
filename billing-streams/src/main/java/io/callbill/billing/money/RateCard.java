package io.callbill.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The rates of one call, frozen at start: what the receiver earns and what the platform keeps per minute, and the
 * platform's share of that margin (the rest goes to the receiver's agency). Every billing formula of the seed lives
 * here, computed exactly: per-minute rates are decimals and are divided by 60 only inside a single rounding step,
 * never through a binary per-second rate.
 *
 * @param femaleRatePerMinute receiver earning per minute, > 0
 * @param platformMarginPerMinute platform margin per minute, >= 0
 * @param adminSharePercentage platform share of the margin in percent, 0..100 (100 for non-agency receivers)
 */
public record RateCard(BigDecimal femaleRatePerMinute, BigDecimal platformMarginPerMinute,
                       BigDecimal adminSharePercentage) {

  /** Calls shorter than this are billed as this long; also the minimum a caller must afford to start. */
  public static final long MIN_BILLABLE_SECONDS = 30;

  private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** Per-second figures are for display only; billing never uses them. */
  private static final int DISPLAY_SCALE = 8;

  public RateCard {
    Objects.requireNonNull(femaleRatePerMinute, "femaleRatePerMinute");
    Objects.requireNonNull(platformMarginPerMinute, "platformMarginPerMinute");
    Objects.requireNonNull(adminSharePercentage, "adminSharePercentage");
    if (femaleRatePerMinute.signum() <= 0) {
      throw new IllegalArgumentException("femaleRatePerMinute must be > 0: " + femaleRatePerMinute);
    }
    if (platformMarginPerMinute.signum() < 0) {
      throw new IllegalArgumentException("platformMarginPerMinute must be >= 0: " + platformMarginPerMinute);
    }
    if (adminSharePercentage.signum() < 0 || adminSharePercentage.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException("adminSharePercentage must be within 0..100: " + adminSharePercentage);
    }
  }

  /** What the caller pays per minute. */
  public BigDecimal payPerMinute() {
    return femaleRatePerMinute.add(platformMarginPerMinute);
  }

  public BigDecimal agencySharePercentage() {
    return HUNDRED.subtract(adminSharePercentage);
  }

  /** Coins needed to start: ceil(30 s of pay). */
  public long minCoinsToStart() {
    return coinsFor(MIN_BILLABLE_SECONDS);
  }

  /** Longest call the balance pays for: floor(balance / pay per second). */
  public long maxSeconds(long balance) {
    if (balance <= 0) {
      return 0;
    }
    return BigDecimal.valueOf(balance).multiply(SECONDS_PER_MINUTE)
        .divide(payPerMinute(), 0, RoundingMode.FLOOR).longValueExact();
  }

  /** Seconds billed for a call of this duration: at least {@link #MIN_BILLABLE_SECONDS}. */
  public static long billableSeconds(long durationSeconds) {
    return Math.max(durationSeconds, MIN_BILLABLE_SECONDS);
  }

  /**
   * The settlement of a call billed for {@code billableSeconds}: the caller pays ceil(seconds * pay per second), the
   * receiver earns floor(pay * femaleRate / payRate), the platform keeps the rest, split in hundredths between
   * platform and agency so that the two shares add up to the margin exactly.
   */
  public CallCharge charge(long billableSeconds) {
    if (billableSeconds < MIN_BILLABLE_SECONDS) {
      throw new IllegalArgumentException("billable seconds below the minimum: " + billableSeconds);
    }
    long totalCoins = coinsFor(billableSeconds);
    long femaleEarning = BigDecimal.valueOf(totalCoins).multiply(femaleRatePerMinute)
        .divide(payPerMinute(), 0, RoundingMode.FLOOR).longValueExact();
    long platformMargin = totalCoins - femaleEarning;
    long adminHundredths = BigDecimal.valueOf(platformMargin).multiply(adminSharePercentage)
        .setScale(0, RoundingMode.HALF_UP).longValueExact();
    long agencyHundredths = platformMargin * 100 - adminHundredths;
    return new CallCharge(billableSeconds, totalCoins, femaleEarning, platformMargin, adminHundredths,
        agencyHundredths);
  }

  public BigDecimal femaleRatePerSecond() {
    return perSecond(femaleRatePerMinute);
  }

  public BigDecimal platformRatePerSecond() {
    return perSecond(platformMarginPerMinute);
  }

  public BigDecimal payPerSecond() {
    return perSecond(payPerMinute());
  }

  private long coinsFor(long seconds) {
    return BigDecimal.valueOf(seconds).multiply(payPerMinute())
        .divide(SECONDS_PER_MINUTE, 0, RoundingMode.CEILING).longValueExact();
  }

  private static BigDecimal perSecond(BigDecimal perMinute) {
    return perMinute.divide(SECONDS_PER_MINUTE, DISPLAY_SCALE, RoundingMode.HALF_UP);
  }
}
