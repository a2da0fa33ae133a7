package io.callbill.api.command;

import io.callbill.api.kafka.ConsumerLoop;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
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

  private final Consumer<String, CommandReply> consumer;
  private final String topic;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ConsumerLoop loop;
  private volatile boolean ready;

  /** A future shared by every request waiting for one commandId, dropped once no request can still wait for it. */
  private record Pending(CompletableFuture<CommandReply> reply, Instant forgetAfter) {
  }

  public ReplyRouter(Consumer<String, CommandReply> consumer, Topic<String, CommandReply> replies) {
    this.consumer = consumer;
    this.topic = replies.name();
    this.loop = new ConsumerLoop(consumer, "callbill-reply-router", log, "reply router",
        "requests will answer 503 until restart", this::run, () -> ready = false);
  }

  public void start() {
    loop.start();
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
    assignAtEnd();
    while (loop.isRunning()) {
      pollOnce();
      forgetExpired();
    }
  }

  private void assignAtEnd() {
    List<TopicPartition> partitions = loop.assignAllPartitions(topic, "replies topic");
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: resolve every position now, so a reply to any command sent after this point is seen.
    partitions.forEach(consumer::position);
    ready = true;
    log.info("reply router ready on {} partition(s) of {}", partitions.size(), topic);
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

  @Override
  public void close() {
    loop.close();
  }
}
