package io.callbill.billing.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.MisconfiguredInternalTopicException;
import org.apache.kafka.streams.errors.MissingInternalTopicsException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens when a stream thread dies: replace the thread, unless failures keep coming or the JVM itself
 * is in trouble; then stop this instance.
 *
 * <p>What reaches this policy: a record billing cannot read or process no longer does (the exception handlers put it
 * on the dead-letter topic and the task reads on, see {@code io.callbill.billing.deadletter}). What is left fails
 * outside a record: a broker timeout, a leader moving, a fenced producer, a punctuation that threw, a state store
 * that cannot be opened.
 *
 * <p>Why replacing is safe under exactly-once v2: when a thread dies its open transaction is aborted, so nothing it
 * wrote since the last commit is visible to {@code read_committed} readers, and its stores roll back to the last
 * commit (transactional state stores; without them the dirty stores are wiped and restored). The replacement resumes
 * from the committed offsets: it never double-bills. Whether the cause was transient (Kafka's
 * {@link RetriableException}s) or not, one more try costs a few seconds and most causes go away (a rebalance, a
 * broker back). A failure that keeps coming (more than {@code maxReplacements} within {@code window}) stops this
 * client ({@code SHUTDOWN_CLIENT}): the process exits with status 1 and its supervisor (the local stack, an
 * orchestrator) restarts it with back-off and shows someone why. A {@link Error} (out of memory, a linkage error)
 * stops it at once: the JVM is not to be trusted with another thread; so does a misconfiguration (a missing input
 * topic, an invalid topology), which fails the same way in every thread. {@code SHUTDOWN_APPLICATION} is never used: it
 * would stop every instance of the group for one instance's problem.
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
    if (isFatal(failure)) {
      LOG.error("Stream thread failed on a JVM error; shutting this instance down", failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    if (isMisconfiguration(failure)) {
      LOG.error("Stream thread failed on a misconfiguration no new thread can fix; shutting this instance down",
          failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    Instant now = clock.instant();
    while (!recentReplacements.isEmpty() && recentReplacements.peekFirst().isBefore(now.minus(window))) {
      recentReplacements.removeFirst();
    }
    if (recentReplacements.size() >= maxReplacements) {
      LOG.error("Stream thread failed for the {}th time within {}; shutting this instance down",
          recentReplacements.size() + 1, window, failure);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    recentReplacements.addLast(now);
    LOG.warn("Stream thread failed ({}); replacing it", isTransient(failure) ? "transient" : "not known transient",
        failure);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /**
   * A missing or misconfigured topic, an invalid topology or setting: the same on every try, and only an operator
   * can fix it, so the instance stops at once and says why.
   */
  static boolean isMisconfiguration(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
      if (cause instanceof MissingSourceTopicException || cause instanceof MissingInternalTopicsException
          || cause instanceof MisconfiguredInternalTopicException || cause instanceof TopologyException
          || cause instanceof ConfigException) {
        return true;
      }
    }
    return false;
  }

  /** Fatal when any cause in the chain is an {@link Error}: the JVM itself is in trouble. */
  static boolean isFatal(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
      if (cause instanceof Error) {
        return true;
      }
    }
    return false;
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
