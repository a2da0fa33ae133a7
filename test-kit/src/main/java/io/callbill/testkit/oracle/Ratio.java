package io.callbill.testkit.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact rational number, kept in lowest terms with a positive denominator, so two equal values are equal records.
 * The billing oracle computes with these and rounds only where a rule says so ({@link #floor}, {@link #ceil},
 * {@link #roundHalfUp}); nothing here is ever a binary fraction.
 */
public record Ratio(BigInteger numerator, BigInteger denominator) implements Comparable<Ratio> {

  public static final Ratio ZERO = of(0);

  public Ratio {
    Objects.requireNonNull(numerator, "numerator");
    Objects.requireNonNull(denominator, "denominator");
    if (denominator.signum() == 0) {
      throw new ArithmeticException("denominator is zero");
    }
    if (denominator.signum() < 0) {
      numerator = numerator.negate();
      denominator = denominator.negate();
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
  }

  public static Ratio of(long whole) {
    return new Ratio(BigInteger.valueOf(whole), BigInteger.ONE);
  }

  public static Ratio of(long numerator, long denominator) {
    return new Ratio(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
  }

  /** The exact value of a decimal: {@code unscaled / 10^scale}. */
  public static Ratio of(BigDecimal decimal) {
    BigDecimal value = decimal.stripTrailingZeros();
    return value.scale() <= 0
        ? new Ratio(value.toBigIntegerExact(), BigInteger.ONE)
        : new Ratio(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
  }

  /** A decimal written as text, e.g. {@code "26.6667"}. */
  public static Ratio of(String decimal) {
    return of(new BigDecimal(decimal));
  }

  public Ratio plus(Ratio other) {
    return new Ratio(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
        denominator.multiply(other.denominator));
  }

  public Ratio minus(Ratio other) {
    return plus(other.negate());
  }

  public Ratio negate() {
    return new Ratio(numerator.negate(), denominator);
  }

  public Ratio times(Ratio other) {
    return new Ratio(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
  }

  public Ratio times(long factor) {
    return times(of(factor));
  }

  public Ratio dividedBy(Ratio other) {
    if (other.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return new Ratio(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
  }

  public Ratio dividedBy(long divisor) {
    return dividedBy(of(divisor));
  }

  public int signum() {
    return numerator.signum();
  }

  /** The greatest whole number not above this value. */
  public long floor() {
    BigInteger[] qr = numerator.divideAndRemainder(denominator);
    BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return q.longValueExact();
  }

  /** The least whole number not below this value. */
  public long ceil() {
    return -negate().floor();
  }

  /** The nearest whole number, a half rounded away from zero. */
  public long roundHalfUp() {
    if (signum() < 0) {
      return -negate().roundHalfUp();
    }
    return plus(of(1, 2)).floor();
  }

  @Override
  public int compareTo(Ratio other) {
    return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
  }

  @Override
  public String toString() {
    return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
  }
}
