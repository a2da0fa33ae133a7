package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  @Test
  void defaults() {
    LoadOptions options = LoadOptions.parse(List.of());
    assertThat(options.calls()).isEqualTo(100);
    assertThat(options.duration()).isNull();
    assertThat(options.paced()).isFalse();
    assertThat(options.concurrency()).isEqualTo(8);
    assertThat(options.callers()).isEqualTo(8);
    assertThat(options.receivers()).isEqualTo(4);
    assertThat(options.minCallSeconds()).isEqualTo(1);
    assertThat(options.maxCallSeconds()).isEqualTo(3);
    assertThat(options.prefix()).isEqualTo("load");
    assertThat(options.report()).isNull();
    assertThat(options.adversarialPercent()).isEqualTo(50);
    assertThat(options.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void everyOption() {
    LoadOptions options = LoadOptions.parse(List.of("--duration", "30", "--rate", "2.5", "--concurrency", "4",
        "--callers", "10", "--receivers", "3", "--call-seconds", "2-5", "--prefix", "run_1", "--report",
        "out/r.json", "--verify-timeout", "90", "--adversarial", "25", "--heartbeat-timeout", "10"));
    assertThat(options.calls()).isZero();
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.rate()).isEqualByComparingTo(new BigDecimal("2.5"));
    assertThat(options.paced()).isTrue();
    assertThat(options.callers()).isEqualTo(10);
    assertThat(options.minCallSeconds()).isEqualTo(2);
    assertThat(options.maxCallSeconds()).isEqualTo(5);
    assertThat(options.report()).isEqualTo(Path.of("out/r.json"));
    assertThat(options.verifyTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.adversarialPercent()).isEqualTo(25);
    assertThat(options.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(LoadOptions.parse(List.of("--call-seconds", "2")).maxCallSeconds()).isEqualTo(2);
  }

  @Test
  void aRateMakesTheOpenLoopWithCallersAndReceiversEnoughForIt() {
    LoadOptions options = LoadOptions.parse(List.of("--rate", "200", "--duration", "15"));
    assertThat(options.paced()).isTrue();
    assertThat(options.schedule().calls()).isEqualTo(3000);
    assertThat(options.schedule().dueNanos(1)).isEqualTo(5_000_000L);
    // 1-3 s honest calls hold a caller up to 5 s, the adversarial half up to 44 + 60 + 10 s: 0.0877 calls/s each,
    // 200/s with a quarter to spare.
    assertThat(options.callers()).isEqualTo(2395);
    // About two writes per call on its receiver, 20 writes/s each, a half to spare.
    assertThat(options.receivers()).isEqualTo(30);

    LoadOptions honest = LoadOptions.parse(List.of("--rate", "100", "--calls", "50", "--adversarial", "0",
        "--call-seconds", "1"));
    assertThat(honest.schedule().calls()).isEqualTo(50);
    assertThat(honest.callers()).as("100/s x 3 s held x 1.25").isEqualTo(375);
    assertThat(honest.receivers()).isEqualTo(15);

    LoadOptions given = LoadOptions.parse(List.of("--rate", "5", "--callers", "12", "--receivers", "2"));
    assertThat(given.callers()).isEqualTo(12);
    assertThat(given.receivers()).isEqualTo(2);
    assertThat(LoadOptions.parse(List.of("--rate", "0.5")).receivers()).as("never fewer than the default 4")
        .isEqualTo(4);
    assertThat(LoadOptions.parse(List.of("--rate", "0.5")).callers()).as("never fewer than --concurrency")
        .isEqualTo(8);
  }

  @Test
  void ratesMakeALatencyAgainstRateRunSizedForTheHighest() {
    LoadOptions options = LoadOptions.parse(List.of("--rates", "100, 300,1000", "--duration", "20",
        "--adversarial", "0"));
    assertThat(options.curve()).isTrue();
    assertThat(options.paced()).isTrue();
    assertThat(options.steps()).extracting(BigDecimal::intValue).containsExactly(100, 300, 1000);
    assertThat(options.rate()).isEqualByComparingTo("1000");
    assertThat(options.schedule(new BigDecimal("300")).calls()).isEqualTo(6000);
    assertThat(options.callers()).isEqualTo(LoadOptions.callersFor(new BigDecimal("1000"), 3, 0,
        Duration.ofSeconds(60)));
    assertThat(options.receivers()).isEqualTo(150);
    assertThat(LoadOptions.parse(List.of("--rate", "5")).curve()).isFalse();
    assertRefused(List.of("--rates", "100,0"), "--rates must all be above 0");
    assertRefused(List.of("--rates", "100,,300"), "--rates must be a number");
    assertRefused(List.of("--rates", "100", "--rate", "5"), "--rate or --rates, not both");
  }

  @Test
  void theClosedLoopHasNoSchedule() {
    LoadOptions options = LoadOptions.parse(List.of("--concurrency", "4"));
    assertThat(options.paced()).isFalse();
    assertThat(options.callers()).isEqualTo(4);
    assertThat(options.receivers()).isEqualTo(4);
    assertThatThrownBy(options::schedule).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertRefused(List.of("--calls"), "--calls needs a value");
    assertRefused(List.of("--calls", "many"), "--calls must be a whole number");
    assertRefused(List.of("--calls", "0"), "--calls must be from 1");
    assertRefused(List.of("--calls", "5", "--duration", "5"), "not both");
    assertRefused(List.of("--rate", "-1"), "--rate must be from 0");
    assertRefused(List.of("--rate", "fast"), "--rate must be a number");
    assertRefused(List.of("--concurrency", "8", "--callers", "4"), "must be at least --concurrency");
    assertRefused(List.of("--call-seconds", "3-1"), "is below");
    assertRefused(List.of("--call-seconds", "0-1"), "--call-seconds must be from 1");
    assertRefused(List.of("--prefix", "bad id"), "--prefix must match");
    assertRefused(List.of("--speed", "1"), "unknown option for load: --speed");
    assertRefused(List.of("--adversarial", "101"), "--adversarial must be from 0 to 100");
    assertRefused(List.of("--heartbeat-timeout", "0"), "--heartbeat-timeout must be from 1");
  }

  private static void assertRefused(List<String> args, String message) {
    assertThatThrownBy(() -> LoadOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
