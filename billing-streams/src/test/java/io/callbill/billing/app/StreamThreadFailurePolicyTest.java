package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailurePolicyTest {

  private final MutableClock clock = new MutableClock();
  private final StreamThreadFailurePolicy policy = new StreamThreadFailurePolicy(3, Duration.ofMinutes(10), clock);

  @Test
  void aTransientBrokerErrorReplacesTheThread() {
    Throwable failure = new StreamsException("task failed", new TimeoutException("broker slow"));

    assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  // Changed by issue 10: a non-transient failure used to stop the instance. Poison records no longer reach this
  // policy (they are dead-lettered); what does is retried once more in a new thread, safe under EOS.
  @Test
  void aNonTransientFailureReplacesTheThreadToo() {
    Throwable stateStoreTrouble = new StreamsException("cannot open store", new IllegalStateException("locked"));

    assertThat(policy.handle(stateStoreTrouble)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void failuresOfAnyKindCountTowardsTheSameBound() {
    policy.handle(new StreamsException(new TimeoutException("slow")));
    policy.handle(new IllegalStateException("bug"));
    policy.handle(new StreamsException(new SerializationException("bad bytes")));

    assertThat(policy.handle(new IllegalStateException("bug"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void anErrorAnywhereInTheCauseChainStopsThisInstanceNotTheWholeApplication() {
    assertThat(policy.handle(new StreamsException(new OutOfMemoryError())))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void transientErrorsThatKeepComingStopTheInstance() {
    Throwable failure = new StreamsException(new NotLeaderOrFollowerException("moved"));
    for (int i = 0; i < 3; i++) {
      assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void replacementsOutsideTheWindowAreForgotten() {
    Throwable failure = new StreamsException(new TimeoutException("slow"));
    for (int i = 0; i < 3; i++) {
      policy.handle(failure);
    }

    clock.advance(Duration.ofMinutes(11));

    assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void aCauseChainThatLoopsIsNotTransient() {
    Exception first = new Exception("first");
    Exception second = new Exception("second", first);
    first.initCause(second);

    assertThat(StreamThreadFailurePolicy.isTransient(first)).isFalse();
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
