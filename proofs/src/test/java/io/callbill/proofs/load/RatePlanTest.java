package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RatePlanTest {

  private static RatePlan plan(String rate, String margin, int share) {
    return new RatePlan(new BigDecimal(rate), new BigDecimal(margin), share);
  }

  @Test
  void theSeedsWorkedExample30Plus12For60SecondsCharges42AndEarns30() {
    Charge charge = plan("30", "12", 100).charge(60);
    assertThat(charge).isEqualTo(new Charge(60, 42, 30, 12, 1200, 0));
  }

  @Test
  void shortCallsAreBilledAsThirtySeconds() {
    // ceil(30 * 42 / 60) = 21; earning floor(21 * 30 / 42) = 15; margin 6 coins, all to the platform.
    assertThat(plan("30", "12", 100).charge(1)).isEqualTo(new Charge(30, 21, 15, 6, 600, 0));
    assertThat(plan("30", "12", 100).charge(30)).isEqualTo(plan("30", "12", 100).charge(3));
  }

  @Test
  void exactWhereBinaryFloatingPointWouldBeWrong() {
    // 30 + 7 per minute for 60 s: 37 coins, earning floor(37 * 30 / 37) = 30 (doubles give 29).
    assertThat(plan("30", "7", 100).charge(60).femaleEarning()).isEqualTo(30);
  }

  @Test
  void decimalRatesRoundTheChargeUpAndTheEarningDown() {
    // pay 30.5 + 12.3 = 42.8/min; 30 s: ceil(21.4) = 22; earning floor(22 * 30.5 / 42.8) = floor(15.677) = 15.
    Charge charge = plan("30.5", "12.3", 60).charge(2);
    assertThat(charge.totalCoins()).isEqualTo(22);
    assertThat(charge.femaleEarning()).isEqualTo(15);
    // margin 7 coins: platform 60 % = 4.20, agency 2.80 (hundredths 420 and 280).
    assertThat(charge.adminHundredths()).isEqualTo(420);
    assertThat(charge.agencyHundredths()).isEqualTo(280);
  }

  @Test
  void fourDecimalRates() {
    // pay 23.3333 + 11.1111 = 34.4444/min; 30 s: ceil(17.2222) = 18; earning floor(18 * 23.3333 / 34.4444) = 12.
    Charge charge = plan("23.3333", "11.1111", 100).charge(1);
    assertThat(charge.totalCoins()).isEqualTo(18);
    assertThat(charge.femaleEarning()).isEqualTo(12);
    assertThat(charge.adminHundredths()).isEqualTo(600);
  }

  @Test
  void everyChargeConservesCoins() {
    for (int seconds = 1; seconds <= 400; seconds += 7) {
      for (int share : new int[] {0, 37, 60, 100}) {
        Charge c = plan("17", "5.5", share).charge(seconds);
        assertThat(c.femaleEarningHundredths() + c.adminHundredths() + c.agencyHundredths())
            .isEqualTo(c.totalCoins() * 100);
        assertThat(c.billableSeconds()).isEqualTo(Math.max(30, seconds));
      }
    }
  }

  @Test
  void refusesRatesTheApiWouldRefuse() {
    assertThatThrownBy(() -> plan("0", "1", 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan("1.00001", "1", 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plan("1", "1", 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxSecondsAreTheSecondsTheBalancePaysForAndTheirChargeNeverExceedsIt() {
    // 100 coins at 30.5 + 12.3 = 42.8 a minute: floor(100 * 60 / 42.8) = floor(140.19) = 140 s, charged 100.
    RatePlan rates = plan("30.5", "12.3", 60);
    assertThat(rates.maxSeconds(100)).isEqualTo(140);
    assertThat(rates.charge(140).totalCoins()).isEqualTo(100);
    for (long balance = rates.charge(30).totalCoins(); balance < 3000; balance++) {
      long max = rates.maxSeconds(balance);
      assertThat(rates.charge(max).totalCoins()).as("balance %d", balance).isLessThanOrEqualTo(balance);
      assertThat(rates.charge(max + 1).totalCoins()).as("balance %d", balance).isGreaterThan(balance);
    }
  }
}
