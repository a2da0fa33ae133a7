package io.callbill.stack.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.LocalStack.Part;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallPlanTest {

  @Test
  void chargesFollowTheRateCardExactly() {
    // 60 s at 30 + 12 per minute: 42 coins, 30 earned, margin 12; non-agency platform keeps all of it.
    assertThat(CallPlan.Charge.of(60, false)).isEqualTo(new CallPlan.Charge(60, 42, 30, 12, 1200, 0));
    // 20 s is billed as the 30 s minimum: 21 coins, floor(21 * 30 / 42) = 15 earned; agency: admin 60 % of 6.
    assertThat(CallPlan.Charge.of(20, true)).isEqualTo(new CallPlan.Charge(30, 21, 15, 6, 360, 240));
    // 61 s: ceil(61 * 42 / 60) = ceil(42.7) = 43, floor(43 * 30 / 42) = 30.
    assertThat(CallPlan.Charge.of(61, false)).isEqualTo(new CallPlan.Charge(61, 43, 30, 13, 1300, 0));
  }

  @Test
  void callsAreSpreadOverCallersOneAfterTheOtherWithKnownTimes() {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    CallPlan plan = new CallPlan(20, base);
    assertThat(plan.callers()).hasSize(3);
    assertThat(plan.calls()).hasSize(20);
    for (CallPlan.Call call : plan.calls()) {
      assertThat(call.endAt().getEpochSecond() - call.startAt().getEpochSecond()).isEqualTo(call.durationSeconds());
      assertThat(call.durationSeconds()).isBetween(15L, 144L);
    }
    assertThat(plan.callsOf(0).get(1).startAt()).isAfter(plan.callsOf(0).get(0).endAt());
    assertThat(plan.finalCallerCoins(plan.callers().get(0))).isEqualTo(CallPlan.CREDIT_COINS
        - plan.callsOf(0).stream().mapToLong(c -> c.charge().total()).sum());
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
