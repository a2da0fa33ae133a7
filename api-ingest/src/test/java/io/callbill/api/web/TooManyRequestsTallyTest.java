package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TooManyRequestsTallyTest {

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final TooManyRequestsTally tally = new TooManyRequestsTally(Duration.ofSeconds(10), clock::get);

  @Test
  void theFirstRefusalIsReportedAtOnceAndTheRestOncePerInterval() {
    assertThat(tally.countAndReport()).isEqualTo(1);
    for (int i = 0; i < 4_999; i++) {
      clock.addAndGet(1_000_000L); // 1 ms apart: 5 s in all
      assertThat(tally.countAndReport()).isZero();
    }
    clock.addAndGet(Duration.ofMillis(5_001).toNanos()); // 10 s after the first report
    assertThat(tally.countAndReport()).as("the 4,999 held back plus this one").isEqualTo(5_000);
    assertThat(tally.countAndReport()).isZero();
  }

  @Test
  void aQuietSpellEndsWithTheNextRefusalReportedAtOnce() {
    tally.countAndReport();
    clock.addAndGet(Duration.ofMinutes(3).toNanos());
    assertThat(tally.countAndReport()).isEqualTo(1);
  }
}
