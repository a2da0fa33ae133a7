package io.callbill.billing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Conversions between the exact integer amounts used inside the topology and the fixed-scale decimals of the Avro
 * schemas (decimal scale 2 for money, 4 for rates and percentages, 8 for display-only per-second rates).
 */
public final class Money {

  public static final int MONEY_SCALE = 2;
  public static final int RATE_SCALE = 4;

  private Money() {
  }

  public static BigDecimal coins(long coins) {
    return BigDecimal.valueOf(coins).setScale(MONEY_SCALE);
  }

  public static BigDecimal hundredths(long hundredths) {
    return BigDecimal.valueOf(hundredths, MONEY_SCALE);
  }

  /** Exact: fails instead of rounding if the amount has more than two decimals. */
  public static long toHundredths(BigDecimal amount) {
    return amount.setScale(MONEY_SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  /** A rate or percentage at the schema's scale; fails instead of rounding. */
  public static BigDecimal rate(BigDecimal value) {
    return value.setScale(RATE_SCALE, RoundingMode.UNNECESSARY);
  }
}
