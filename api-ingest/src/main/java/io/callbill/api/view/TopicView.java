package io.callbill.api.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, read-only copy of a compacted topic: the latest value per key, tombstones removing the key. One consumer
 * assigns every partition, reads {@code read_committed} from the beginning and keeps following. The view is ready
 * once it has caught up with the end offsets it saw at start; {@link #whenApplied} lets a writer wait until its
 * own write is visible here.
 */
public final class TopicView<V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicView.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Consumer<String, V> consumer;
  private final String topic;
  private final Map<String, V> latest = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final List<VisibilityWaiter> waiters = new ArrayList<>();
  private final Object progress = new Object();
  private final Thread thread;
  private volatile boolean ready;
  private volatile boolean running = true;

  private record VisibilityWaiter(TopicPartition partition, long offset, CompletableFuture<Void> applied) {
  }

  public TopicView(Consumer<String, V> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
    this.thread = new Thread(this::run, "callbill-view-" + topic);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public boolean isReady() {
    return ready;
  }

  public String topic() {
    return topic;
  }

  public Optional<V> get(String key) {
    return Optional.ofNullable(latest.get(key));
  }

  /** Visits every current entry (a weakly consistent snapshot). */
  public void forEach(BiConsumer<String, V> visitor) {
    latest.forEach(visitor);
  }

  /**
   * Completes once the record at {@code offset} of {@code partition} has been applied to this view (at once if it
   * already is). The caller bounds the wait, e.g. with {@code orTimeout}.
   */
  public CompletableFuture<Void> whenApplied(int partition, long offset) {
    VisibilityWaiter waiter = new VisibilityWaiter(new TopicPartition(topic, partition), offset,
        new CompletableFuture<>());
    synchronized (progress) {
      if (isApplied(waiter)) {
        return CompletableFuture.completedFuture(null);
      }
      waiters.add(waiter);
    }
    return waiter.applied();
  }

  private boolean isApplied(VisibilityWaiter waiter) {
    return positions.getOrDefault(waiter.partition(), -1L) > waiter.offset();
  }

  private void run() {
    try {
      List<TopicPartition> partitions = assignFromBeginning();
      Map<TopicPartition, Long> endAtStart = running ? consumer.endOffsets(partitions) : Map.of();
      while (running) {
        pollOnce();
        if (!ready && caughtUp(endAtStart)) {
          ready = true;
          log.info("view of {} ready with {} entries", topic, latest.size());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("view of {} woken up unexpectedly", topic, e);
      }
    } catch (RuntimeException e) {
      log.error("view of {} stopped; requests reading it will answer 503", topic, e);
    } finally {
      ready = false;
      running = false;
      synchronized (progress) {
        waiters.forEach(waiter -> waiter.applied().completeExceptionally(
            new IllegalStateException("view of " + topic + " stopped")));
        waiters.clear();
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private List<TopicPartition> assignFromBeginning() {
    List<TopicPartition> partitions = List.of();
    while (running && partitions.isEmpty()) {
      partitions = partitionsOf(topic);
      if (partitions.isEmpty()) {
        log.warn("topic {} not found yet; retrying", topic);
        sleepQuietly(RETRY);
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private List<TopicPartition> partitionsOf(String name) {
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(name, RETRY);
      return infos == null ? List.of()
          : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return List.of();
    }
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
        if (record.key() != null) {
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        }
      }
    } catch (RecordDeserializationException e) {
      log.error("skipping unreadable record of {} at {} offset {}", topic, e.topicPartition(), e.offset(), e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
    synchronized (progress) {
      for (TopicPartition partition : consumer.assignment()) {
        positions.put(partition, consumer.position(partition));
      }
      for (Iterator<VisibilityWaiter> pending = waiters.iterator(); pending.hasNext(); ) {
        VisibilityWaiter waiter = pending.next();
        if (isApplied(waiter)) {
          waiter.applied().complete(null);
          pending.remove();
        }
      }
    }
  }

  private boolean caughtUp(Map<TopicPartition, Long> endAtStart) {
    synchronized (progress) {
      return endAtStart.entrySet().stream()
          .allMatch(end -> positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
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
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
