package io.callbill.proofs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.proofs.bench.BenchOptions.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void closedLoopKeepsItsPositionalArguments() {
    BenchOptions defaults = BenchOptions.parse(List.of());
    assertThat(defaults.mode()).isEqualTo(Mode.CLOSED);
    assertThat(defaults.calls()).isEqualTo(20_000);
    assertThat(defaults.callers()).isEqualTo(2_000);
    assertThat(defaults.stateCalls()).isZero();
    assertThat(defaults.settings()).isEmpty();
    assertThat(defaults.report()).isNull();
    assertThat(defaults.recovery()).isFalse();

    BenchOptions given = BenchOptions.parse(List.of("400", "40"));
    assertThat(given.calls()).isEqualTo(400);
    assertThat(given.callers()).isEqualTo(40);
  }

  @Test
  void openLoopCallsAreRateTimesDurationAndCallersFollowTheRate() {
    BenchOptions open = BenchOptions.parse(List.of("--rate", "500", "--duration", "10"));
    assertThat(open.mode()).isEqualTo(Mode.OPEN);
    assertThat(open.calls()).isEqualTo(5_000);
    assertThat(open.callers()).isEqualTo(500 * BenchOptions.OPEN_SECONDS_PER_CALLER);
    assertThat(BenchOptions.parse(List.of("--rate", "5", "--duration", "2", "--callers", "7")).callers())
        .isEqualTo(7);
    assertThat(open.warmupCalls()).as("no warm-up unless asked").isZero();
  }

  @Test
  void aWarmUpIsTheOpenLoopsRateForItsSecondsAndNotPartOfTheMeasuredCalls() {
    BenchOptions warmed = BenchOptions.parse(List.of("--rate", "200", "--duration", "30", "--warmup", "45"));
    assertThat(warmed.warmupSeconds()).isEqualTo(45);
    assertThat(warmed.warmupCalls()).isEqualTo(200 * 45);
    assertThat(warmed.calls()).isEqualTo(200 * 30);
  }

  @Test
  void drainAndEveryCommonOption() {
    BenchOptions drain = BenchOptions.parse(List.of("--drain", "5000", "--state", "20000", "--set",
        "commit.interval.ms=200", "--set", "num.stream.threads = 2", "--report", "out/bench.json", "--recovery"));
    assertThat(drain.mode()).isEqualTo(Mode.DRAIN);
    assertThat(drain.calls()).isEqualTo(5_000);
    assertThat(drain.callers()).isEqualTo(BenchOptions.DEFAULT_DRAIN_CALLERS);
    assertThat(drain.stateCalls()).isEqualTo(20_000);
    assertThat(drain.settings()).isEqualTo(Map.of("commit.interval.ms", "200", "num.stream.threads", "2"));
    assertThat(drain.report()).isEqualTo(Path.of("out/bench.json"));
    assertThat(drain.recovery()).isTrue();
    assertThat(BenchOptions.parse(List.of("--drain", "30")).callers()).isEqualTo(30);
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertRefused(List.of("--rate", "5"), "go together");
    assertRefused(List.of("--duration", "5"), "go together");
    assertRefused(List.of("--rate", "5", "--duration", "2", "--drain", "9"), "not both");
    assertRefused(List.of("--drain", "9", "100"), "closed loop only");
    assertRefused(List.of("--rate", "fast", "--duration", "2"), "--rate must be a whole number");
    assertRefused(List.of("--drain", "0"), "--drain must be from 1");
    assertRefused(List.of("--state", "-1"), "--state must be from 0");
    assertRefused(List.of("--report"), "--report needs a value");
    assertRefused(List.of("--set", "novalue"), "key=value");
    assertRefused(List.of("--fast"), "unknown option --fast");
    assertRefused(List.of("1", "2", "3"), "at most two");
    assertRefused(List.of("many"), "CALLS must be a whole number");
    assertRefused(List.of("--drain", "9", "--warmup", "10"), "--warmup is for the open loop");
    assertRefused(List.of("--warmup", "10"), "--warmup is for the open loop");
    assertRefused(List.of("--rate", "5", "--duration", "2", "--warmup", "-1"), "--warmup must be from 0");
  }

  private static void assertRefused(List<String> args, String message) {
    assertThatThrownBy(() -> BenchOptions.parse(args)).isInstanceOf(BenchOptions.BadArguments.class)
        .hasMessageContaining(message);
  }
}
