package io.callbill.testkit.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatioTest {

  @Test
  void equalValuesAreEqualRecords() {
    assertThat(Ratio.of(2, 4)).isEqualTo(Ratio.of(1, 2));
    assertThat(Ratio.of(3, -6)).isEqualTo(Ratio.of(-1, 2));
    assertThat(Ratio.of("0.50")).isEqualTo(Ratio.of(1, 2));
    assertThat(Ratio.of("1200")).isEqualTo(Ratio.of(1200));
    assertThat(Ratio.of(0, 7)).isEqualTo(Ratio.ZERO);
  }

  @Test
  void arithmeticIsExact() {
    // 40/60 + 10/60 is 5/6, not 0.8333...; times 30 is 25 exactly.
    Ratio pay = Ratio.of(40, 60).plus(Ratio.of(10, 60));
    assertThat(pay).isEqualTo(Ratio.of(5, 6));
    assertThat(pay.times(30)).isEqualTo(Ratio.of(25));
    assertThat(Ratio.of(1).dividedBy(Ratio.of(3)).times(3)).isEqualTo(Ratio.of(1));
    assertThat(Ratio.of(7, 10).minus(Ratio.of(1, 5))).isEqualTo(Ratio.of(1, 2));
    assertThatThrownBy(() -> Ratio.of(1).dividedBy(Ratio.ZERO)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void roundingFollowsItsName() {
    assertThat(Ratio.of(427, 10).floor()).isEqualTo(42);
    assertThat(Ratio.of(427, 10).ceil()).isEqualTo(43);
    assertThat(Ratio.of(42).ceil()).isEqualTo(42);
    assertThat(Ratio.of(-427, 10).floor()).isEqualTo(-43);
    assertThat(Ratio.of(-427, 10).ceil()).isEqualTo(-42);
    assertThat(Ratio.of(8125, 10).roundHalfUp()).isEqualTo(813);
    assertThat(Ratio.of(8124, 10).roundHalfUp()).isEqualTo(812);
    assertThat(Ratio.of(-5, 2).roundHalfUp()).isEqualTo(-3);
  }

  @Test
  void comparesByValue() {
    assertThat(Ratio.of(1, 3)).isLessThan(Ratio.of(34, 100));
    assertThat(Ratio.of(2, 6)).isEqualByComparingTo(Ratio.of(1, 3));
  }
}
