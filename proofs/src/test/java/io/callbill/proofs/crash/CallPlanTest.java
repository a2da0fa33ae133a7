package io.callbill.proofs.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.LocalStack.Part;
import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallPlanTest {

  @Test
  void chargesFollowTheRateCardExactly() {
    // 60 s at 30 + 12 per minute: 42 coins, 30 earned, margin 12; non-agency platform keeps all of it.
    assertThat(CallPlan.charge(60, false)).isEqualTo(new Charge(60, 42, 30, 12, 1200, 0));
    // 20 s is billed as the 30 s minimum: 21 coins, floor(21 * 30 / 42) = 15 earned; agency: admin 60 % of 6.
    assertThat(CallPlan.charge(20, true)).isEqualTo(new Charge(30, 21, 15, 6, 360, 240));
    // 61 s: ceil(61 * 42 / 60) = ceil(42.7) = 43, floor(43 * 30 / 42) = 30.
    assertThat(CallPlan.charge(61, false)).isEqualTo(new Charge(61, 43, 30, 13, 1300, 0));
  }

  @Test
  void callsAreSpreadOverCallersOneAfterTheOtherWithKnownTimes() {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    CallPlan plan = new CallPlan(20, base);
    assertThat(plan.callers()).hasSize(3);
    assertThat(plan.calls()).hasSize(20);
    for (CallPlan.Call call : plan.calls()) {
      assertThat(call.acceptAt()).isEqualTo(call.startAt().plus(CallPlan.RING));
      assertThat(call.endAt()).isAfterOrEqualTo(call.lastAt());
      if (call.ending() == CallPlan.Ending.ENDED) {
        assertThat(call.lastAt().getEpochSecond() - call.acceptAt().getEpochSecond()).isEqualTo(call.claimSeconds());
        assertThat(call.claimSeconds()).isBetween(15L, 144L);
        assertThat(call.charge()).isEqualTo(CallPlan.charge(call.claimSeconds(), call.agencyId() != null));
      }
    }
    for (int c = 0; c < plan.callers().size(); c++) {
      List<CallPlan.Call> calls = plan.callsOf(c);
      for (int j = 1; j < calls.size(); j++) {
        assertThat(calls.get(j).startAt()).isAfter(calls.get(j - 1).endAt());
      }
    }
    assertThat(plan.finalCallerCoins(plan.callers().get(0))).isEqualTo(CallPlan.CREDIT_COINS
        - plan.callsOf(0).stream().mapToLong(c -> c.charge().totalCoins()).sum());
  }

  @Test
  void aCallerShortOfCoinsIsToppedUpToOneCallAndCutOffAtWhatItPaysFor() {
    CallPlan plan = new CallPlan(40, Instant.parse("2026-01-01T00:00:00Z"));
    String shortOfCoins = plan.callers().get(4);
    assertThat(plan.shortOfCoins(shortOfCoins)).isTrue();
    long coins = 0;
    for (CallPlan.Call call : plan.callsOf(4)) {
      assertThat(call.ending()).isEqualTo(CallPlan.Ending.CUT_OFF);
      coins += call.topUpCoins();
      // maxSeconds = floor(coins * 60 / 42), charged ceil(maxSeconds * 42 / 60): never more than the coins.
      assertThat(call.maxSeconds()).isEqualTo(coins * 60 / 42).isBetween(31L, 131L);
      assertThat(call.charge()).isEqualTo(CallPlan.charge(call.maxSeconds(), call.agencyId() != null));
      assertThat(call.charge().totalCoins()).isLessThanOrEqualTo(coins);
      assertThat(call.lastAt()).isEqualTo(call.acceptAt().plusSeconds(call.maxSeconds()));
      coins -= call.charge().totalCoins();
    }
    assertThat(plan.finalCallerCoins(shortOfCoins)).isEqualTo(coins).isNotNegative();
    // e.g. 100 coins pay for floor(6000 / 42) = 142 s, which cost ceil(142 * 42 / 60) = ceil(99.4) = 100.
    assertThat(CallPlan.maxSeconds(100)).isEqualTo(142);
    assertThat(CallPlan.charge(142, false).totalCoins()).isEqualTo(100);
  }

  @Test
  void anAbandonedCallIsBilledToItsOneHeartbeatAndEndedLateAfterTheTimeout() {
    CallPlan plan = new CallPlan(40, Instant.parse("2026-01-01T00:00:00Z"));
    List<CallPlan.Call> abandoned = plan.calls().stream()
        .filter(c -> c.ending() == CallPlan.Ending.ABANDONED).toList();
    assertThat(abandoned).isNotEmpty().allSatisfy(call -> {
      long alive = call.lastAt().getEpochSecond() - call.acceptAt().getEpochSecond();
      assertThat(alive).isBetween(15L, 60L);
      assertThat(call.charge()).isEqualTo(CallPlan.charge(alive, call.agencyId() != null));
      assertThat(call.endAt()).isAfter(call.lastAt().plus(CallPlan.HEARTBEAT_TIMEOUT));
      assertThat(call.endAt()).isBefore(call.startAt().plusSeconds(150));
    });
  }

  @Test
  void theKillPlanIsTheSameForTheSameSeedAndFallsInsideTheLoad() {
    KillPlan plan = KillPlan.draw(42, 1000, 3, 1, 1);
    assertThat(KillPlan.draw(42, 1000, 3, 1, 1)).isEqualTo(plan);
    assertThat(plan.count(Part.BILLING)).isEqualTo(3);
    assertThat(plan.count(Part.CONNECT)).isEqualTo(1);
    assertThat(plan.count(Part.KAFKA)).isEqualTo(1);
    assertThat(plan.kills()).allSatisfy(kill -> {
      assertThat(kill.afterSettledCalls()).isBetween(100, 900);
      assertThat(kill.downMillis()).isBetween(0L, 3000L);
    });
  }
}
