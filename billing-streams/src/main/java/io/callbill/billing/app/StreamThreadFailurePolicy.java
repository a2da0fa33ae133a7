package io.callbill.billing.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a stream thread dies: replace the thread for a transient error, stop this instance for
 * anything else.
 *
 * <p>Why this is right under exactly-once v2: when a thread dies, its open transaction is aborted, so nothing it
 * wrote since the last commit is visible to {@code read_committed} readers. A replacement thread resumes from the
 * last committed offsets and the changelogs, so replacing a thread never double-bills; it is safe whenever the cause
 * can go away (a broker timeout, a leader moving: Kafka's {@link RetriableException}s).
 *
 * <p>A deterministic failure (a record the code cannot handle, a bug, a broken state directory) would fail again on
 * the same record after every replacement, spinning through restores. So it stops this client ({@code
 * SHUTDOWN_CLIENT}): the process exits non-zero and its supervisor restarts it with back-off and alerts someone.
 * {@code SHUTDOWN_APPLICATION} is not used: it would stop every instance of the group for one instance's problem.
 * Transient failures that keep coming (more than {@code maxReplacements} within {@code window}) are treated as
 * deterministic for the same reason.
 */
public final class StreamThreadFailurePolicy implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailurePolicy.class);

  public static final int DEFAULT_MAX_REPLACEMENTS = 5;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
  /** Guards against cause chains that loop. */
  private static final int MAX_CAUSE_DEPTH = 32;

  private final int maxReplacements;
  private final Duration window;
  private final Clock clock;
  private final Deque<Instant> recentReplacements = new ArrayDeque<>();

  public StreamThreadFailurePolicy() {
    this(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW, Clock.systemUTC());
  }

  StreamThreadFailurePolicy(int maxReplacements, Duration window, Clock clock) {
    this.maxReplacements = maxReplacements;
    this.window = window;
    this.clock = clock;
  }

  @Override
  public synchronized StreamThreadExceptionResponse handle(Throwable failure) {
    if (!isTransient(failure)) {
      LOG.error("Stream thread failed on a non-transient error; shutting this instance down", failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    Instant now = clock.instant();
    while (!recentReplacements.isEmpty() && recentReplacements.peekFirst().isBefore(now.minus(window))) {
      recentReplacements.removeFirst();
    }
    if (recentReplacements.size() >= maxReplacements) {
      LOG.error("Stream thread failed on a transient error for the {}th time within {}; shutting this instance down",
          recentReplacements.size() + 1, window, failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    recentReplacements.addLast(now);
    LOG.warn("Stream thread failed on a transient error; replacing it", failure);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Transient when any cause in the chain is one of Kafka's retriable errors. */
  static boolean isTransient(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
      if (cause instanceof RetriableException) {
        return true;
      }
      if (cause instanceof Error) {
        return false;
      }
    }
    return false;
  }
}
