package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  private final RestartPolicy policy = RestartPolicy.DEFAULT;

  @Test
  void theFirstExitIsRestartedAfterOneSecondAndEachShortRunDoublesTheWait() {
    assertThat(policy.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delay(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.delay(6)).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void theWaitNeverExceedsTheMaximum() {
    assertThat(policy.delay(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.delay(1_000)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aPartThatDiesAtStartCountsUpAndAStableRunStartsTheCountAgain() {
    int exits = policy.exitsInARow(Duration.ofSeconds(3), 0);
    exits = policy.exitsInARow(Duration.ofSeconds(3), exits);
    exits = policy.exitsInARow(Duration.ofSeconds(3), exits);
    assertThat(exits).isEqualTo(3);

    assertThat(policy.exitsInARow(Duration.ofMinutes(2), exits)).isEqualTo(1);
  }

  @Test
  void zeroExitsHasNoDelay() {
    assertThatThrownBy(() -> policy.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
