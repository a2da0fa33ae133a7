package io.callbill.testkit.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.testkit.oracle.BillingOracle.Charge;
import io.callbill.testkit.oracle.BillingOracle.End;
import io.callbill.testkit.oracle.BillingOracle.EndStatus;
import io.callbill.testkit.oracle.BillingOracle.Refund;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The oracle against figures worked out by hand from the seed's examples and rules. */
class BillingOracleTest {

  /** The seed's worked example: audio at 30 coins a minute for the receiver, 12 margin: 0.7 coins a second. */
  private static final BillingOracle SEED_EXAMPLE = BillingOracle.of("30", "12", "100");

  @Test
  void theSeedsStartExampleAnswersMaxSeconds1200ForABalanceOf840() {
    assertThat(SEED_EXAMPLE.payPerSecond()).isEqualTo(Ratio.of(7, 10));
    assertThat(SEED_EXAMPLE.maxSeconds(840)).isEqualTo(1200);
    assertThat(SEED_EXAMPLE.minCoinsToStart()).isEqualTo(21); // ceil(30 * 0.7)
  }

  @Test
  void theSeedsEndExampleCharges126ForThreeMinutes() {
    Charge charge = SEED_EXAMPLE.chargeForDuration(180);
    assertThat(charge).isEqualTo(new Charge(180, 126, 90, 36, 3600, 0));
    assertThat(charge.femaleEarningHundredths()).isEqualTo(9000);
    assertThat(SEED_EXAMPLE.end(180, 840)).isEqualTo(new End(EndStatus.COMPLETED, charge, 126));
  }

  @Test
  void aCallShorterThanThirtySecondsIsBilledThirty() {
    assertThat(BillingOracle.billableSeconds(0)).isEqualTo(30);
    assertThat(BillingOracle.billableSeconds(29)).isEqualTo(30);
    assertThat(BillingOracle.billableSeconds(31)).isEqualTo(31);
    assertThat(SEED_EXAMPLE.chargeForDuration(1)).isEqualTo(new Charge(30, 21, 15, 6, 600, 0));
    assertThatThrownBy(() -> SEED_EXAMPLE.charge(29)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theChargeIsRoundedUpAndTheEarningDown() {
    // 61 s at 0.7 = 42.7 -> 43 coins; 43 * 30 / 42 = 30.71 -> 30 for the receiver, 13 for the platform.
    assertThat(SEED_EXAMPLE.chargeForDuration(61)).isEqualTo(new Charge(61, 43, 30, 13, 1300, 0));
    // 60 s is exactly 42: nothing to round.
    assertThat(SEED_EXAMPLE.chargeForDuration(60)).isEqualTo(new Charge(60, 42, 30, 12, 1200, 0));
  }

  @Test
  void theSeedsFloatingPointMistakeIsNotMade() {
    // Level config 40 + 10 a minute: 30 s cost exactly 25 coins; the seed's doubles give 25.000000000000004 -> 26.
    BillingOracle video = BillingOracle.of("40", "10", "100");
    assertThat(video.minCoinsToStart()).isEqualTo(25);
    assertThat(video.chargeForDuration(30).totalCoins()).isEqualTo(25);
  }

  @Test
  void theMarginSplitIsInHundredthsRoundedHalfUpAndAddsUpToTheMargin() {
    // 13 coins of margin at 62.5 %: 8.125 coins = 812.5 hundredths -> 813 to the platform, 487 to the agency.
    assertThat(BillingOracle.of("30", "12", "62.5").chargeForDuration(61))
        .isEqualTo(new Charge(61, 43, 30, 13, 813, 487));
    // At a whole percent the split is exact: 60 % of 13 coins is 7.80.
    assertThat(BillingOracle.of("30", "12", "60").chargeForDuration(61))
        .isEqualTo(new Charge(61, 43, 30, 13, 780, 520));
    // The crash proof's short agency call: 30 s billed, 21 coins, 6 of margin, 60 % of it 3.60.
    assertThat(BillingOracle.of("30", "12", "60").chargeForDuration(20)).isEqualTo(new Charge(30, 21, 15, 6, 360, 240));
    // No margin, nothing to split.
    assertThat(BillingOracle.of("30", "0", "62.5").chargeForDuration(60)).isEqualTo(new Charge(60, 30, 30, 0, 0, 0));
  }

  @Test
  void decimalRatesAreExact() {
    // 33.3 + 7.7 = 41 a minute; 100 s = 68.33.. -> 69 coins; earning floor(69 * 33.3 / 41) = floor(56.04) = 56.
    BillingOracle level2 = BillingOracle.of("33.3", "7.7", "62.5");
    assertThat(level2.chargeForDuration(100)).isEqualTo(new Charge(100, 69, 56, 13, 813, 487));
    // The same rates in ten-thousandths.
    assertThat(BillingOracle.ofTenThousandths(333_000, 77_000, 625_000)).isEqualTo(level2);
    assertThat(BillingOracle.of(new BigDecimal("33.3000"), new BigDecimal("7.70"), new BigDecimal("62.5")))
        .isEqualTo(level2);
    // 26.6667 + 5.5 = 32.1667 a minute: 1000 coins pay for floor(1000 * 60 / 32.1667) = floor(1865.28) = 1865 s.
    assertThat(BillingOracle.of("26.6667", "5.5", "100").maxSeconds(1000)).isEqualTo(1865);
  }

  @Test
  void maxSecondsIsTheLongestCallTheBalancePaysFor() {
    assertThat(SEED_EXAMPLE.maxSeconds(23)).isEqualTo(32); // 23 / 0.7 = 32.86
    assertThat(SEED_EXAMPLE.coinsFor(32)).isEqualTo(23);   // 22.4 -> 23
    assertThat(SEED_EXAMPLE.coinsFor(33)).isEqualTo(24);   // 23.1 -> 24: one second more is too much
    assertThat(SEED_EXAMPLE.maxSeconds(100)).isEqualTo(142);
    assertThat(SEED_EXAMPLE.maxSeconds(0)).isZero();
    assertThat(SEED_EXAMPLE.maxSeconds(-5)).isZero();
  }

  @Test
  void aCallerMayStartWithThirtySecondsOfPayAndTheMinCallCoins() {
    assertThat(SEED_EXAMPLE.mayStart(21, 0)).isTrue();
    assertThat(SEED_EXAMPLE.mayStart(20, 0)).isFalse();
    assertThat(SEED_EXAMPLE.mayStart(21, 50)).isFalse();
    assertThat(SEED_EXAMPLE.mayStart(50, 50)).isTrue();
  }

  @Test
  void anEndWithoutDurationIsFreeAndOneAboveTheBalanceIsRefused() {
    assertThat(SEED_EXAMPLE.end(0, 1000)).isEqualTo(new End(EndStatus.NOT_CONNECTED, Charge.NONE, 0));
    assertThat(SEED_EXAMPLE.end(-3, 1000).status()).isEqualTo(EndStatus.NOT_CONNECTED);
    assertThat(SEED_EXAMPLE.end(180, 125)).isEqualTo(new End(EndStatus.INSUFFICIENT_COINS, Charge.NONE, 126));
    assertThat(SEED_EXAMPLE.end(180, 126).status()).isEqualTo(EndStatus.COMPLETED);
  }

  @Test
  void aRefundTakesBackEachPartyInTheCallsProportionsAndTheWholeChargeInPartsExactly() {
    // The seed's 180 s call to an agency receiver at 60 %: 126 coins, 90 earned, margin 36 = 21.60 + 14.40.
    Charge charge = BillingOracle.of("30", "12", "60").chargeForDuration(180);
    assertThat(charge).isEqualTo(new Charge(180, 126, 90, 36, 2160, 1440));
    // 10 coins back: floor(1000 * 90 / 126) = 714 from her; of the other 286, floor(286 * 1440 / 3600) = 114 from
    // the agency, 172 from the platform.
    assertThat(BillingOracle.refund(charge, 0, 10)).isEqualTo(new Refund(10, 714, 172, 114));
    // The other 116: what is left of each party's share, to the hundredth.
    assertThat(BillingOracle.refund(charge, 10, 116)).isEqualTo(new Refund(116, 9000 - 714, 2160 - 172, 1440 - 114));
    assertThat(BillingOracle.refund(charge, 0, 126)).isEqualTo(new Refund(126, 9000, 2160, 1440));
    assertThatThrownBy(() -> BillingOracle.refund(charge, 10, 117)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BillingOracle.refund(charge, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratesOutsideTheRulesAreRefused() {
    assertThatThrownBy(() -> BillingOracle.of("0", "12", "100")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BillingOracle.of("30", "-1", "100")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BillingOracle.of("30", "12", "100.01")).isInstanceOf(IllegalArgumentException.class);
  }
}
