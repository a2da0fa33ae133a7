package io.callbill.proofs.load;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The rates of a call as the generator configured them (per minute, at most 4 decimal places) and the share of the
 * margin the platform keeps (100 % for a receiver without agency). {@link #charge(long)} is the generator's own
 * model of the billing rules, in integers only: rates are scaled to ten-thousandths so every division is one exact
 * integer division with its rounding stated.
 *
 * <ul>
 *   <li>billable = max(duration, 30)</li>
 *   <li>charge = ceil(billable × pay / 60), pay = rate + margin</li>
 *   <li>earning = floor(charge × rate / pay)</li>
 *   <li>platform = margin coins × share % hundredths (exact: whole percents), agency = the rest of the margin</li>
 *   <li>maxSeconds = floor(balance × 60 / pay): the seconds a balance pays for</li>
 * </ul>
 */
public record RatePlan(BigDecimal ratePerMinute, BigDecimal marginPerMinute, int adminSharePercent) {

  public static final long MIN_BILLABLE_SECONDS = 30;
  private static final BigInteger SIXTY = BigInteger.valueOf(60);

  public RatePlan {
    if (ratePerMinute.signum() <= 0 || marginPerMinute.signum() < 0) {
      throw new IllegalArgumentException("rate must be > 0 and margin >= 0");
    }
    if (ratePerMinute.scale() > 4 || marginPerMinute.scale() > 4) {
      throw new IllegalArgumentException("rates have at most 4 decimal places");
    }
    if (adminSharePercent < 0 || adminSharePercent > 100) {
      throw new IllegalArgumentException("admin share is 0..100 %");
    }
  }

  public ExpectedCharge charge(long durationSeconds) {
    long billable = Math.max(durationSeconds, MIN_BILLABLE_SECONDS);
    BigInteger rate = tenThousandths(ratePerMinute);
    BigInteger pay = rate.add(tenThousandths(marginPerMinute));
    // coins = ceil(billable * pay / 60) with pay in ten-thousandths: divide by 60 * 10^4, rounding up.
    BigInteger total = ceilDiv(BigInteger.valueOf(billable).multiply(pay), SIXTY.multiply(BigInteger.TEN.pow(4)));
    BigInteger earning = total.multiply(rate).divide(pay); // floor: all non-negative
    long margin = total.longValueExact() - earning.longValueExact();
    // margin coins * share percent = hundredths exactly (share is a whole percent), no rounding needed.
    long admin = margin * adminSharePercent;
    long agency = margin * 100 - admin;
    return new ExpectedCharge(billable, total.longValueExact(), earning.longValueExact(), admin, agency);
  }

  /** The seconds {@code balanceCoins} pay for at these rates: floor(balance × 60 / pay), as billing's start answers. */
  public long maxSeconds(long balanceCoins) {
    BigInteger pay = tenThousandths(ratePerMinute).add(tenThousandths(marginPerMinute));
    return BigInteger.valueOf(balanceCoins).multiply(SIXTY).multiply(BigInteger.TEN.pow(4)).divide(pay)
        .longValueExact();
  }

  private static BigInteger tenThousandths(BigDecimal perMinute) {
    return perMinute.movePointRight(4).toBigIntegerExact();
  }

  private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }
}
