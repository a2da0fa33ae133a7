package io.callbill.api.command;

import io.callbill.avro.CommandReply;
import io.callbill.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the pending requests of this API instance from the replies topic. One consumer assigns every partition
 * of the replies topic, seeks to its end before the router reports ready (so no command is sent before that point),
 * reads {@code read_committed} and completes the future registered for the record key, the commandId. Replies to
 * other instances' commands and late replies find no future and are skipped. Kafka headers are not used: the
 * topology does not copy them.
 */
public final class ReplyRouter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplyRouter.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final Consumer<String, CommandReply> consumer;
  private final String topic;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean ready;
  private volatile boolean running = true;

  /** A future shared by every request waiting for one commandId, dropped once no request can still wait for it. */
  private record Pending(CompletableFuture<CommandReply> reply, Instant forgetAfter) {
  }

  public ReplyRouter(Consumer<String, CommandReply> consumer, Topic<String, CommandReply> replies) {
    this.consumer = consumer;
    this.topic = replies.name();
    this.thread = new Thread(this::run, "callbill-reply-router");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** True once every partition of the replies topic is assigned and positioned at its end. */
  public boolean isReady() {
    return ready;
  }

  /**
   * Registers interest in the reply to {@code commandId} before the command is sent; the returned future completes
   * with the reply, or with {@link java.util.concurrent.TimeoutException} after {@code timeout}.
   */
  public CompletableFuture<CommandReply> expect(String commandId, Duration timeout) {
    Instant forgetAfter = Instant.now().plus(timeout).plus(timeout);
    Pending entry = pending.compute(commandId, (id, existing) -> existing == null
        ? new Pending(new CompletableFuture<>(), forgetAfter)
        : new Pending(existing.reply(), forgetAfter.isAfter(existing.forgetAfter()) ? forgetAfter
            : existing.forgetAfter()));
    return entry.reply().copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Number of requests waiting for a reply (a gauge). */
  public int pendingCount() {
    return pending.size();
  }

  private void run() {
    try {
      assignAtEnd();
      while (running) {
        pollOnce();
        forgetExpired();
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("reply router woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      log.error("reply router stopped; requests will answer 503 until restart", e);
    } finally {
      ready = false;
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void assignAtEnd() {
    List<TopicPartition> partitions = List.of();
    while (running && partitions.isEmpty()) {
      partitions = partitionsOf(topic);
      if (partitions.isEmpty()) {
        log.warn("replies topic {} not found yet; retrying", topic);
        sleepQuietly(RETRY);
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: resolve every position now, so a reply to any command sent after this point is seen.
    partitions.forEach(consumer::position);
    ready = true;
    log.info("reply router ready on {} partition(s) of {}", partitions.size(), topic);
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
    ConsumerRecords<String, CommandReply> records;
    try {
      records = consumer.poll(POLL);
    } catch (RecordDeserializationException e) {
      log.error("skipping unreadable reply at {} offset {}", e.topicPartition(), e.offset(), e);
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return;
    }
    for (ConsumerRecord<String, CommandReply> record : records) {
      if (record.key() == null || record.value() == null) {
        continue;
      }
      Pending entry = pending.remove(record.key());
      if (entry != null) {
        entry.reply().complete(record.value());
      }
    }
  }

  private void forgetExpired() {
    Instant now = Instant.now();
    pending.entrySet().removeIf(entry -> entry.getValue().forgetAfter().isBefore(now));
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
