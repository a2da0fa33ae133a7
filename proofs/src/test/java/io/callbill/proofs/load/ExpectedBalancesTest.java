package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedBalancesTest {

  @Test
  void creditsMinusChargesPerCallerAndTheSharesPerAccount() {
    ExpectedBalances model = new ExpectedBalances();
    model.credit("c1", 1000);
    model.credit("c2", 500);
    model.settled("c1", "r1", null, new Charge(30, 21, 15, 6, 600, 0));
    model.settled("c1", "r2", "ag", new Charge(30, 22, 15, 7, 420, 280));

    assertThat(model.callerDeltas()).isEqualTo(Map.of("c1", 1000L - 21 - 22, "c2", 500L));
    assertThat(model.receiverDeltas()).isEqualTo(Map.of("r1", 1500L, "r2", 1500L));
    assertThat(model.agencyDeltas()).isEqualTo(Map.of("ag", 280L));
    assertThat(model.platformDelta()).isEqualTo(1020);
    assertThat(model.calls()).isEqualTo(2);
    assertThat(model.coinsCharged()).isEqualTo(43);
  }

  @Test
  void theAgencyOfAnAgencyReceiverAndEveryReceiverPlanFollowTheLevel() {
    LoadParties parties = LoadParties.of("t", 3, 2);
    assertThat(parties.callers()).containsExactly("t-c-1", "t-c-2", "t-c-3");
    LoadParties.Receiver plain = parties.receivers().get(0);
    LoadParties.Receiver agency = parties.receivers().get(1);
    assertThat(plain.agencyId()).isNull();
    assertThat(agency.agencyId()).isEqualTo("t-agency");
    assertThat(plain.plan("audio", 60).adminSharePercent()).isEqualTo(100);
    assertThat(agency.plan("video", 60).adminSharePercent()).isEqualTo(60);
    assertThat(agency.plan("video", 60).marginPerMinute()).isEqualByComparingTo(agency.level().agencyMargin());
  }
}
