package io.callbill.billing.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Kafka Streams state transitions into the two facts the runner acts on: "it has stopped" and "it failed".
 *
 * <p>Why: {@code main} must block until the instance stops and then choose its exit code; a failure (state ERROR,
 * after {@link StreamThreadFailurePolicy} chose {@code SHUTDOWN_CLIENT}) must give a non-zero code so the supervisor
 * restarts the process, while a requested shutdown must not.
 */
final class StopSignal implements KafkaStreams.StateListener {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean failed = new AtomicBoolean();

  @Override
  public void onChange(State newState, State oldState) {
    LOG.debug("Kafka Streams {} -> {}", oldState, newState);
    if (newState == State.ERROR || newState == State.PENDING_ERROR) {
      failed.set(true);
    }
    if (newState == State.ERROR || newState == State.NOT_RUNNING) {
      stopped.countDown();
    }
  }

  void await() throws InterruptedException {
    stopped.await();
  }

  boolean await(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean failed() {
    return failed.get();
  }
}
