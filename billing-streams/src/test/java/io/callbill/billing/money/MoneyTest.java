package io.callbill.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The conversions to the schemas' fixed-scale decimals are exact: they never round. */
class MoneyTest {

  @Test
  void coinsAndHundredthsHaveTheMoneyScale() {
    assertThat(Money.coins(126)).isEqualTo(new BigDecimal("126.00"));
    assertThat(Money.hundredths(2160)).isEqualTo(new BigDecimal("21.60"));
    assertThat(Money.hundredths(-5)).isEqualTo(new BigDecimal("-0.05"));
  }

  @Test
  void toHundredthsIsExactAndRefusesToRound() {
    assertThat(Money.toHundredths(new BigDecimal("21.6"))).isEqualTo(2160);
    assertThat(Money.toHundredths(new BigDecimal("14.40"))).isEqualTo(1440);
    assertThat(Money.toHundredths(new BigDecimal("7.000"))).isEqualTo(700);
    assertThatThrownBy(() -> Money.toHundredths(new BigDecimal("0.005"))).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void rateHasTheRateScaleAndRefusesToRound() {
    assertThat(Money.rate(new BigDecimal("12.5"))).isEqualTo(new BigDecimal("12.5000"));
    assertThat(Money.rate(new BigDecimal("62.5")).scale()).isEqualTo(Money.RATE_SCALE);
    assertThatThrownBy(() -> Money.rate(new BigDecimal("0.00005"))).isInstanceOf(ArithmeticException.class);
  }
}
