package io.callbill.billing.deadletter;

import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Where the records about a refused record go: its dead letter, and for an unreadable command whose id can still be
 * read, a refusal on {@code replies}. One place for both exception handlers.
 *
 * <p>Records of a stream task are handed back to Kafka Streams (KIP-1034's handler responses), which writes them
 * with the task's producer inside the task's exactly-once transaction: the dead letter and the refusal are committed
 * together with the offset that skips the record, or not at all. The global thread that loads the reference stores
 * has no such producer (Kafka Streams 4.4 writes no dead letters from it, and casts its context to a task's if asked
 * to), so there {@link GlobalDeadLetters} writes them itself before the thread moves on.
 *
 * <p>Settings, from the Kafka Streams configuration the handlers are configured with: the dead-letter topic is
 * {@code errors.dead.letter.queue.topic.name} (Kafka Streams' own key); the commands and replies topics are
 * {@link PoisonRecordHandler#COMMANDS_TOPIC_CONFIG} and {@link PoisonRecordHandler#REPLIES_TOPIC_CONFIG}, the
 * default prefix's when absent. {@code StreamsSettings} sets all three from the billing topic prefix.
 */
final class DeadLetterRouting {

  private final String deadLetterTopic;
  private final String callCommandsTopic;
  private final String repliesTopic;
  private final CallbillSerdes serdes = CallbillSerdes.create();
  private final GlobalDeadLetters global;
  private final Clock clock;

  private DeadLetterRouting(String deadLetterTopic, String callCommandsTopic, String repliesTopic,
      GlobalDeadLetters global, Clock clock) {
    this.deadLetterTopic = deadLetterTopic;
    this.callCommandsTopic = callCommandsTopic;
    this.repliesTopic = repliesTopic;
    this.global = global;
    this.clock = clock;
  }

  static DeadLetterRouting from(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topic,
          "billing's exception handlers need the dead-letter topic");
    }
    Topics defaults = Topics.withDefaultPrefix();
    return new DeadLetterRouting(topic.toString(),
        setting(configs, PoisonRecordHandler.COMMANDS_TOPIC_CONFIG, defaults.callCommands.name()),
        setting(configs, PoisonRecordHandler.REPLIES_TOPIC_CONFIG, defaults.replies.name()),
        new GlobalDeadLetters(configs), Clock.systemUTC());
  }

  private static String setting(Map<String, ?> configs, String key, String fallback) {
    Object value = configs.get(key);
    return value == null || value.toString().isBlank() ? fallback : value.toString();
  }

  /**
   * The records to hand back to Kafka Streams for a refused record; empty when they were written here already (the
   * global thread). {@code replyToCommand}: answer an unreadable command whose id can be read.
   */
  List<ProducerRecord<byte[], byte[]>> route(ErrorHandlerContext origin, byte[] key, byte[] value, Exception failure,
      boolean replyToCommand) {
    // Only the deserialization handler answers commands; the processing handler's records were read and then failed.
    DeadLetterCounts.count(origin.topic(), replyToCommand ? DeadLetterCounts.UNREADABLE : DeadLetterCounts.FAILED);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(DeadLetterRecords.of(deadLetterTopic, origin, key, value, failure));
    if (replyToCommand && callCommandsTopic.equals(origin.topic())) {
      UnreadableCommand.commandId(value).ifPresent(commandId -> records.add(refusal(commandId, key)));
    }
    if (isGlobal(origin)) {
      global.write(records);
      return List.of();
    }
    return records;
  }

  private ProducerRecord<byte[], byte[]> refusal(String commandId, byte[] key) {
    String callerId = key == null ? null : new String(key, StandardCharsets.UTF_8);
    byte[] reply = serdes.commandReply().encode(UnreadableCommand.refusal(commandId, callerId, clock.instant()));
    return new ProducerRecord<>(repliesTopic, commandId.getBytes(StandardCharsets.UTF_8), reply);
  }

  /** Kafka Streams gives the global thread's context the task id -1_-1; every stream task has a sub-topology >= 0. */
  static boolean isGlobal(ErrorHandlerContext origin) {
    return origin.taskId() == null || origin.taskId().subtopology() < 0;
  }
}
