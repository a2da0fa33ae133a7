package io.callbill.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ReplyWaitsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ReplyWaits waits = new ReplyWaits(meters);

  @Test
  void bothOutcomesExistAtZeroBeforeAnyRequest() {
    assertThat(timer(ReplyWaits.ANSWERED).count()).isZero();
    assertThat(timer(ReplyWaits.TIMEOUT).count()).isZero();
  }

  @Test
  void aWrittenCommandCountsAsAnsweredOrTimedOut() {
    ReplyWaits.Wait answered = waits.start();
    answered.written();
    answered.ended(null);
    ReplyWaits.Wait timedOut = waits.start();
    timedOut.written();
    timedOut.ended(new CompletionException(new TimeoutException()));

    assertThat(timer(ReplyWaits.ANSWERED).count()).isEqualTo(1);
    assertThat(timer(ReplyWaits.TIMEOUT).count()).isEqualTo(1);
  }

  @Test
  void aCommandThatWasNeverWrittenWaitedForNothing() {
    waits.start().ended(new IllegalStateException("write failed"));
    ReplyWaits.Wait failedAfterWrite = waits.start();
    failedAfterWrite.written();
    failedAfterWrite.ended(new IllegalStateException("consumer died"));

    assertThat(timer(ReplyWaits.ANSWERED).count()).isZero();
    assertThat(timer(ReplyWaits.TIMEOUT).count()).isZero();
  }

  private Timer timer(String outcome) {
    return meters.get(ReplyWaits.NAME).tag("outcome", outcome).timer();
  }
}
