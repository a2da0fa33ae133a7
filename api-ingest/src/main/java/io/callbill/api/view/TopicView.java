package io.callbill.api.view;

import io.callbill.api.kafka.ConsumerLoop;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, read-only copy of a compacted topic: the latest value per key, tombstones removing the key. One consumer
 * assigns every partition, reads {@code read_committed} from the beginning and keeps following. The view is ready
 * once it has caught up with the end offsets it saw at start; {@link #whenApplied} lets a writer wait until its
 * own write is visible here, {@link #whenCaughtUp} a reader until everything committed so far is. A {@link Listener}
 * sees every change as it is applied, on the view's thread (e.g. to keep a secondary index).
 */
public final class TopicView<V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicView.class);
  private static final Duration POLL = Duration.ofMillis(100);
  /** Bounds one end-offset request, so a slow broker delays the view's following by at most this much. */
  private static final Duration END_OFFSETS = Duration.ofSeconds(5);

  private final Consumer<String, V> consumer;
  private final String topic;
  private final Map<String, V> latest = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final List<VisibilityWaiter> waiters = new ArrayList<>();
  private final Object progress = new Object();
  private final ConsumerLoop loop;
  private volatile boolean ready;

  private final Listener<V> listener;
  private final List<CompletableFuture<Void>> catchUps = new ArrayList<>();

  private record VisibilityWaiter(TopicPartition partition, long offset, CompletableFuture<Void> applied) {
  }

  /** A change of one key, applied to the view: {@code current} null is a removal (tombstone). */
  @FunctionalInterface
  public interface Listener<V> {
    void changed(String key, V previous, V current);
  }

  public TopicView(Consumer<String, V> consumer, String topic) {
    this(consumer, topic, (key, previous, current) -> {
    });
  }

  public TopicView(Consumer<String, V> consumer, String topic, Listener<V> listener) {
    this.consumer = consumer;
    this.topic = topic;
    this.listener = listener;
    this.loop = new ConsumerLoop(consumer, "callbill-view-" + topic, log, "view of " + topic,
        "requests reading it will answer 503", this::run, this::stopped);
  }

  public void start() {
    loop.start();
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

  /**
   * Completes once every record committed to the topic when the view's thread next looks (its end offsets, read
   * committed) has been applied here. A reader that missed a key can wait on it to tell "not yet seen" from "not
   * there". The caller bounds the wait, e.g. with {@code orTimeout}.
   */
  public CompletableFuture<Void> whenCaughtUp() {
    CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    synchronized (progress) {
      if (!loop.isRunning()) {
        caughtUp.completeExceptionally(new IllegalStateException("view of " + topic + " stopped"));
      } else {
        catchUps.add(caughtUp);
      }
    }
    return caughtUp;
  }

  private boolean isApplied(VisibilityWaiter waiter) {
    return positions.getOrDefault(waiter.partition(), -1L) > waiter.offset();
  }

  private void run() {
    List<TopicPartition> partitions = assignFromBeginning();
    Map<TopicPartition, Long> endAtStart = loop.isRunning() ? consumer.endOffsets(partitions) : Map.of();
    while (loop.isRunning()) {
      awaitEndForCatchUps();
      pollOnce();
      if (!ready && caughtUp(endAtStart)) {
        ready = true;
        log.info("view of {} ready with {} entries", topic, latest.size());
      }
    }
  }

  /** On the loop's thread once it stops: fails every writer still waiting for visibility. */
  private void stopped() {
    ready = false;
    synchronized (progress) {
      waiters.forEach(waiter -> waiter.applied().completeExceptionally(
          new IllegalStateException("view of " + topic + " stopped")));
      waiters.clear();
      catchUps.forEach(caughtUp -> caughtUp.completeExceptionally(
          new IllegalStateException("view of " + topic + " stopped")));
      catchUps.clear();
    }
  }

  /**
   * One end-offset request serves every reader that asked since the last poll: each is completed once the view has
   * applied up to those offsets.
   */
  private void awaitEndForCatchUps() {
    List<CompletableFuture<Void>> asked;
    synchronized (progress) {
      if (catchUps.isEmpty()) {
        return;
      }
      asked = new ArrayList<>(catchUps);
      catchUps.clear();
    }
    Map<TopicPartition, Long> end;
    try {
      end = consumer.endOffsets(consumer.assignment(), END_OFFSETS);
    } catch (WakeupException e) {
      asked.forEach(caughtUp -> caughtUp.completeExceptionally(e));
      throw e;
    } catch (KafkaException e) {
      // The readers answer 503; the view itself keeps following the topic.
      log.warn("end offsets of {} not available: {}", topic, e.toString());
      asked.forEach(caughtUp -> caughtUp.completeExceptionally(e));
      return;
    }
    List<CompletableFuture<Void>> partitionsApplied = new ArrayList<>();
    end.forEach((partition, offset) -> {
      if (offset > 0) {
        partitionsApplied.add(whenApplied(partition.partition(), offset - 1));
      }
    });
    CompletableFuture<Void> all = CompletableFuture.allOf(partitionsApplied.toArray(CompletableFuture[]::new));
    asked.forEach(caughtUp -> all.whenComplete((done, failure) -> {
      if (failure != null) {
        caughtUp.completeExceptionally(failure);
      } else {
        caughtUp.complete(null);
      }
    }));
  }

  private List<TopicPartition> assignFromBeginning() {
    List<TopicPartition> partitions = loop.assignAllPartitions(topic, "topic");
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private void pollOnce() {
    try {
      for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
        if (record.key() != null) {
          V previous = record.value() == null ? latest.remove(record.key()) : latest.put(record.key(), record.value());
          if (previous != null || record.value() != null) {
            listener.changed(record.key(), previous, record.value());
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

  @Override
  public void close() {
    loop.close();
  }
}
