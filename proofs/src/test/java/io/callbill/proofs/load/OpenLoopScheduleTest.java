package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  @Test
  void callIIsDueIOverRSecondsAfterTheStart() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(new BigDecimal("200"), 1000);
    assertThat(schedule.dueNanos(0)).isZero();
    assertThat(schedule.dueNanos(1)).isEqualTo(5_000_000L);
    assertThat(schedule.dueNanos(200)).isEqualTo(1_000_000_000L);
    assertThat(schedule.dueNanos(999)).isEqualTo(4_995_000_000L);
  }

  @Test
  void aDecimalRateDoesNotDriftOverALongRun() {
    // 1/3 s apart: rounding each step would drift; computing from the call's number stays within a nanosecond.
    OpenLoopSchedule schedule = new OpenLoopSchedule(new BigDecimal("3"), 10_000_000);
    assertThat(schedule.dueNanos(1)).isEqualTo(333_333_333L);
    assertThat(schedule.dueNanos(2)).isEqualTo(666_666_666L);
    assertThat(schedule.dueNanos(3)).isEqualTo(1_000_000_000L);
    assertThat(schedule.dueNanos(9_999_999)).isEqualTo(3_333_333_000_000_000L);
    OpenLoopSchedule slow = new OpenLoopSchedule(new BigDecimal("2.5"), 10);
    assertThat(slow.dueNanos(5)).isEqualTo(2_000_000_000L);
  }

  @Test
  void aDurationHoldsTheCallsDueBeforeItIsOver() {
    assertThat(OpenLoopSchedule.over(new BigDecimal("200"), Duration.ofSeconds(15)).calls()).isEqualTo(3000);
    assertThat(OpenLoopSchedule.over(new BigDecimal("2.5"), Duration.ofSeconds(3)).calls()).isEqualTo(8);
    assertThat(OpenLoopSchedule.over(new BigDecimal("0.3"), Duration.ofSeconds(10)).calls()).isEqualTo(3);
    OpenLoopSchedule schedule = OpenLoopSchedule.over(new BigDecimal("0.3"), Duration.ofSeconds(10));
    assertThat(schedule.dueNanos(schedule.calls() - 1)).isLessThan(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void theLagIsHowLateASendIsAfterItsDueMomentOnTheRunsClock() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(new BigDecimal("100"), 10);
    long start = 7_000_000_000L;
    assertThat(schedule.lagNanos(3, start, start + 30_000_000L)).isZero();
    assertThat(schedule.lagNanos(3, start, start + 32_500_000L)).isEqualTo(2_500_000L);
    assertThat(schedule.lagNanos(3, start, start + 10_000_000L)).as("early is not late").isZero();
    // A sender stuck for a second: every call it hands over then is late by what it missed, none pushed back.
    long unstuck = start + 1_050_000_000L;
    assertThat(schedule.lagNanos(0, start, unstuck)).isEqualTo(1_050_000_000L);
    assertThat(schedule.lagNanos(9, start, unstuck)).isEqualTo(960_000_000L);
  }

  @Test
  void refusesWhatIsNoSchedule() {
    assertThatThrownBy(() -> new OpenLoopSchedule(BigDecimal.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoopSchedule(BigDecimal.ONE, 2).dueNanos(2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
