package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The load's model of measured metering, one rule per test, against hand-computed bills at 30 + 12 a minute. */
class MeasuredMeteringTest {

  private static final Instant CONNECT = Instant.parse("2026-12-01T10:00:00Z");
  private static final RatePlan RATES = new RatePlan(new BigDecimal("30"), new BigDecimal("12"), 100);
  private static final Duration SKEW = MeasuredMetering.CLOCK_SKEW;

  private static MeasuredMetering.Recorded ended(String endedBy, long endMillis, long claim) {
    return new MeasuredMetering.Recorded("completed", endedBy, "measured", CONNECT, CONNECT.plusMillis(endMillis),
        null, claim, null, 0, false, 0, 0, 0, 0);
  }

  private static MeasuredMetering.Bill bill(MeasuredMetering.Recorded call, long maxSeconds) {
    return MeasuredMetering.bill(call, maxSeconds, RATES, SKEW);
  }

  @Test
  void aStartedSecondCounts() {
    assertThat(MeasuredMetering.seconds(CONNECT, CONNECT.plusMillis(1))).isEqualTo(1);
    assertThat(MeasuredMetering.seconds(CONNECT, CONNECT.plusMillis(1000))).isEqualTo(1);
    assertThat(MeasuredMetering.seconds(CONNECT, CONNECT.plusMillis(1001))).isEqualTo(2);
    assertThat(MeasuredMetering.seconds(CONNECT, CONNECT.minusMillis(5))).isZero();
  }

  @Test
  void anHonestCallIsBilledTheMeasuredSecondsAndIsNotDisputed() {
    // 95.2 s measured: 96 s, ceil(96 * 42 / 60) = ceil(67.2) = 68 coins.
    MeasuredMetering.Bill bill = bill(ended("caller", 95_200, 95), 1000);
    assertThat(bill).isEqualTo(new MeasuredMetering.Bill("completed", 96, 96, false, RATES.charge(96)));
    assertThat(bill.charge().totalCoins()).isEqualTo(68);
  }

  @Test
  void aClaimOfZeroAfterTheSkewIsBilledAsMeasuredAndDisputed() {
    MeasuredMetering.Bill bill = bill(ended("caller", 10_400, 0), 1000);
    assertThat(bill.status()).isEqualTo("completed");
    assertThat(bill.billableSeconds()).isEqualTo(30);
    assertThat(bill.charge().totalCoins()).isEqualTo(21);
    assertThat(bill.disputed()).isTrue();
  }

  @Test
  void aClaimOfZeroWithinTheSkewOfTheConnectIsFree() {
    MeasuredMetering.Bill bill = bill(ended("caller", 4_000, 0), 1000);
    assertThat(bill.status()).isEqualTo("not_connected");
    assertThat(bill.charge().totalCoins()).isZero();
  }

  @Test
  void aCallThatNeverConnectedIsFree() {
    MeasuredMetering.Recorded ringing = new MeasuredMetering.Recorded("not_connected", "caller", "measured", null,
        CONNECT, null, 12, null, 0, false, 0, 0, 0, 0);
    assertThat(bill(ringing, 1000).status()).isEqualTo("not_connected");
  }

  /** A call nobody connected, as billing recorded it: {@code status}, charged {@code coins} (0 when right). */
  private static MeasuredMetering.Recorded neverConnected(String status, long coins, long earning, long admin) {
    return new MeasuredMetering.Recorded(status, null, "measured", null, CONNECT.plusSeconds(40), null, 0, 0L,
        coins == 0 ? 0 : 30, false, coins, earning, admin, 0);
  }

  @Test
  void aCallNeverConnectedIsFreeWhetherItsEndOrTheRingTimeoutClosedIt() {
    for (String status : new String[] {"not_connected", "missed"}) {
      MeasuredMetering.Recorded free = neverConnected(status, 0, 0, 0);
      MeasuredMetering.Bill bill = bill(free, 1000);
      assertThat(bill.charge().totalCoins()).as(status).isZero();
      assertThat(MeasuredMetering.differences(free, bill)).as(status).isEmpty();
    }
  }

  @Test
  void aCallNeverConnectedThatBillingChargedIsRefused() {
    MeasuredMetering.Recorded charged = neverConnected("missed", 21, 15, 600);
    assertThat(MeasuredMetering.differences(charged, bill(charged, 1000)))
        .contains("coins charged 21, model 0", "receiver's earning 15, model 0",
            "platform's share (hundredths) 600, model 0", "billable seconds 30, model 0");

    MeasuredMetering.Recorded completed = neverConnected("completed", 21, 15, 600);
    assertThat(MeasuredMetering.differences(completed, bill(completed, 1000)))
        .contains("status completed, model not_connected", "coins charged 21, model 0");
  }

  @Test
  void underReportingByHalfIsBilledAsMeasuredAndDisputed() {
    MeasuredMetering.Bill bill = bill(ended("receiver", 40_000, 20), 1000);
    assertThat(bill.billableSeconds()).isEqualTo(40);
    assertThat(bill.charge().totalCoins()).isEqualTo(28);
    assertThat(bill.disputed()).isTrue();
    assertThat(bill(ended("receiver", 40_000, 36), 1000).disputed()).isFalse();
  }

  @Test
  void aCallPastItsBalanceIsCutOffAtMaxSecondsAndChargedWhatTheyCost() {
    MeasuredMetering.Bill cutoff = bill(ended("cutoff", 36_700, 0), 35);
    assertThat(cutoff.billableSeconds()).isEqualTo(35);
    assertThat(cutoff.charge()).isEqualTo(RATES.charge(35));
    assertThat(cutoff.disputed()).isFalse();
    // An end that came later than maxSeconds is capped there too.
    assertThat(bill(ended("caller", 50_000, 50), 35).billableSeconds()).isEqualTo(35);
  }

  @Test
  void anAbandonedCallIsBilledToItsLastHeartbeat() {
    MeasuredMetering.Recorded abandoned = new MeasuredMetering.Recorded("completed", "abandoned", "measured",
        CONNECT, CONNECT.plusSeconds(95), CONNECT.plusMillis(33_400), 0, null, 0, false, 0, 0, 0, 0);
    MeasuredMetering.Bill bill = bill(abandoned, 1000);
    assertThat(bill.measuredSeconds()).isEqualTo(34);
    assertThat(bill.charge()).isEqualTo(RATES.charge(34));
  }

  @Test
  void theDifferencesNameWhatBillingGotWrong() {
    MeasuredMetering.Recorded exact = new MeasuredMetering.Recorded("completed", "caller", "measured", CONNECT,
        CONNECT.plusMillis(10_400), null, 0, 11L, 30, true, 21, 15, 600, 0);
    assertThat(MeasuredMetering.differences(exact, bill(exact, 1000))).isEmpty();

    // The seed's trust in the claim: free, not disputed, under another policy.
    MeasuredMetering.Recorded trusted = new MeasuredMetering.Recorded("not_connected", "caller", "clamp", CONNECT,
        CONNECT.plusMillis(10_400), null, 0, 11L, 0, false, 0, 0, 0, 0);
    assertThat(MeasuredMetering.differences(trusted, bill(trusted, 1000)))
        .anyMatch(d -> d.startsWith("billed under the clamp policy"))
        .anyMatch(d -> d.equals("status not_connected, model completed"))
        .anyMatch(d -> d.equals("coins charged 0, model 21"))
        .anyMatch(d -> d.equals("durationDisputed false, model true"));
  }
}
