package io.callbill.api.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code callbill.reply.wait{outcome}}: how long a request waited for billing's reply once its command was on the
 * topic (the broker acknowledged the write), {@code answered} or {@code timeout}. With its percentile histogram a
 * p99 can be queried ({@code histogram_quantile} over {@code callbill_reply_wait_seconds_bucket}).
 *
 * <p>Why from the acknowledged write and not from the request: {@code callbill.command.round.trip} already times the
 * whole request; this one is billing's share (its processing, the exactly-once commit, the reply's way back), so a
 * slow broker write and a slow billing are told apart. A command whose write fails waited for nothing: not counted.
 */
final class ReplyWaits {

  static final String NAME = "callbill.reply.wait";
  static final String ANSWERED = "answered";
  static final String TIMEOUT = "timeout";

  private final Timer answered;
  private final Timer timedOut;

  ReplyWaits(MeterRegistry meters) {
    answered = timer(meters, ANSWERED);
    timedOut = timer(meters, TIMEOUT);
  }

  /** A wait that starts when {@link Wait#written()} is called. */
  Wait start() {
    return new Wait();
  }

  private static Timer timer(MeterRegistry meters, String outcome) {
    return Timer.builder(NAME).description("Wait for billing's reply after the command was written")
        .tag("outcome", outcome).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(meters);
  }

  final class Wait {
    private final AtomicLong writtenAt = new AtomicLong();

    /** The broker acknowledged the command. */
    void written() {
      writtenAt.compareAndSet(0, System.nanoTime());
    }

    /** The reply came ({@code failure} null), or the wait ended with {@code failure}. */
    void ended(Throwable failure) {
      long since = writtenAt.get();
      if (since == 0) {
        return;
      }
      Timer timer = failure == null ? answered : isTimeout(failure) ? timedOut : null;
      if (timer != null) {
        timer.record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
      }
    }

    private boolean isTimeout(Throwable failure) {
      return failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException;
    }
  }
}
