package io.callbill.api.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;

/**
 * The lifecycle of one background consumer thread, shared by the reply router and the topic views: a daemon thread
 * runs the owner's body until {@link #close} (or a failure), the consumer is closed when the thread ends, and
 * {@link #close} stops the thread with {@code wakeup} and waits for it. Failures are logged with the owner's logger
 * as "{name} woken up unexpectedly" or "{name} stopped; {consequence}".
 */
public final class ConsumerLoop implements AutoCloseable {

  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration CLOSE_CONSUMER = Duration.ofSeconds(5);
  private static final Duration JOIN = Duration.ofSeconds(10);

  private final Consumer<?, ?> consumer;
  private final Logger log;
  private final String name;
  private final String consequence;
  private final Runnable body;
  private final Runnable onStop;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param body        runs on the thread; loops while {@link #isRunning()}
   * @param onStop      runs on the thread once the body has returned or failed, before the consumer is closed
   * @param consequence what a failure of the body means to the API, for the log
   */
  public ConsumerLoop(Consumer<?, ?> consumer, String threadName, Logger log, String name, String consequence,
      Runnable body, Runnable onStop) {
    this.consumer = consumer;
    this.log = log;
    this.name = name;
    this.consequence = consequence;
    this.body = body;
    this.onStop = onStop;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** False once {@link #close} was called, the thread was interrupted, or the body ended. */
  public boolean isRunning() {
    return running;
  }

  /**
   * Assigns every partition of {@code topic}, retrying every second while the topic does not exist yet; returns the
   * partitions, empty if the loop was stopped before they were found.
   */
  public List<TopicPartition> assignAllPartitions(String topic, String topicLabel) {
    List<TopicPartition> partitions = List.of();
    while (running && partitions.isEmpty()) {
      partitions = partitionsOf(topic);
      if (partitions.isEmpty()) {
        log.warn("{} {} not found yet; retrying", topicLabel, topic);
        sleepQuietly(RETRY);
      }
    }
    consumer.assign(partitions);
    return partitions;
  }

  private List<TopicPartition> partitionsOf(String topic) {
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, RETRY);
      return infos == null ? List.of()
          : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return List.of();
    }
  }

  private void run() {
    try {
      body.run();
    } catch (WakeupException e) {
      if (running) {
        log.error("{} woken up unexpectedly", name, e);
      }
    } catch (RuntimeException e) {
      log.error("{} stopped; {}", name, consequence, e);
    } finally {
      running = false;
      onStop.run();
      consumer.close(CLOSE_CONSUMER);
    }
  }

  private void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    if (!thread.isAlive()) {
      consumer.close(CLOSE_CONSUMER);
      return;
    }
    consumer.wakeup();
    try {
      thread.join(JOIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
