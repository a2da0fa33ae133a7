package io.callbill.api.it;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A call platform that writes its commands straight to {@code call-commands} in Avro instead of calling the HTTP
 * API, as api-ingest/README.md describes it: key = the call's callerId, value = a {@code CallCommand} (single-object
 * encoding) whose {@code commandId} is the idempotency key, record timestamp = when the event happened (billing
 * measures by record times). It reads billing's answer from {@code replies} by command id.
 */
final class PlatformCommands implements AutoCloseable {

  private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);

  private final Topics topics = new Topics(CallbillStack.PREFIX, CallbillSerdes.create());
  private final KafkaProducer<String, CallCommand> producer;
  private final KafkaConsumer<String, CommandReply> replies;

  PlatformCommands(String bootstrapServers) {
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        topics.callCommands.keySerde().serializer(), topics.callCommands.valueSerde().serializer());
    replies = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "platform-commands-it"),
        topics.replies.keySerde().deserializer(), topics.replies.valueSerde().deserializer());
    List<TopicPartition> partitions = replies.partitionsFor(topics.replies.name(), REPLY_DEADLINE).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    replies.assign(partitions);
    replies.seekToEnd(partitions);
    partitions.forEach(replies::position);
  }

  /** A fresh command id: the platform's idempotency key of one event (send it again to retry the same event). */
  static String newCommandId() {
    return "media-" + UUID.randomUUID();
  }

  /**
   * Writes {@code payload} for the call of {@code callerId} as happened at {@code at}, under {@code commandId};
   * answers billing's reply.
   */
  synchronized CommandReply send(String commandId, String callerId, Object payload, Instant at) throws Exception {
    CallCommand command = new CallCommand(commandId, callerId, at, payload);
    producer.send(new ProducerRecord<>(topics.callCommands.name(), null, at.toEpochMilli(), callerId, command)).get();
    Instant deadline = Instant.now().plus(REPLY_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, CommandReply> reply : replies.poll(Duration.ofMillis(100))) {
        if (commandId.equals(reply.key())) {
          return reply.value();
        }
      }
    }
    throw new AssertionError("no reply to " + command + " within " + REPLY_DEADLINE);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    replies.close(Duration.ofSeconds(5));
  }
}
