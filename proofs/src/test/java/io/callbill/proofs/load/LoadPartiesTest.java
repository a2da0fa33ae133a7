package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadPartiesTest {

  @Test
  void theAdversarialShareGetsEachBehaviourInTurnAndHonestCallersComeFirst() {
    LoadParties parties = LoadParties.of("t", 10, 2, 50);
    assertThat(parties.callers()).containsExactly("t-c-1", "t-c-2", "t-c-3", "t-c-4", "t-c-5", "t-claims-zero-1",
        "t-claims-half-1", "t-past-balance-1", "t-vanishes-1", "t-claims-zero-2");
    assertThat(parties.behaviour("t-past-balance-1")).isEqualTo(Behaviour.PAST_BALANCE);
    assertThat(parties.shortOfCoins("t-past-balance-1")).isTrue();
    assertThat(parties.shortOfCoins("t-vanishes-1")).isFalse();
    assertThat(parties.behaviour("t-c-1")).isEqualTo(Behaviour.HONEST);
  }

  @Test
  void noShareMeansAllHonestAndAFullShareStillLeavesOneHonestCallerForTheWarmUp() {
    assertThat(LoadParties.of("t", 4, 2, 0).behaviours().values()).containsOnly(Behaviour.HONEST);
    assertThat(LoadParties.of("t", 3, 2, 100).behaviours()).containsEntry("t-c-1", Behaviour.HONEST)
        .containsEntry("t-claims-zero-1", Behaviour.CLAIMS_ZERO).containsEntry("t-claims-half-1",
            Behaviour.CLAIMS_HALF).hasSize(3);
  }

  @Test
  void anAdversarialCallTalksWhatItsBehaviourSaysAndClaimsLess() {
    LoadParties parties = LoadParties.of("t", 8, 4, 50);
    LoadOptions options = LoadOptions.parse(java.util.List.of());
    CallPlan zero = CallPlan.of(1, "t-claims-zero-1", parties, options, 7);
    CallPlan half = CallPlan.of(2, "t-claims-half-1", parties, options, 7);
    CallPlan honest = CallPlan.of(3, "t-c-1", parties, options, 7);
    assertThat(zero.seconds()).isBetween(Behaviour.CLAIMS_ZERO.minSeconds(), Behaviour.CLAIMS_ZERO.maxSeconds());
    assertThat(zero.claim(10)).isZero();
    assertThat(half.seconds()).isBetween(34, 40);
    assertThat(half.claim(37)).isEqualTo(18);
    assertThat(honest.claim(2)).isEqualTo(2);
    assertThat(CallPlan.of(9, "t-vanishes-1", parties, options, 7).endKind()).isEqualTo(CallPlan.EndKind.CALLER);
  }
}
