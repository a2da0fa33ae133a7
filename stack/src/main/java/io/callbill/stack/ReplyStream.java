package io.callbill.stack;

import io.callbill.avro.CommandReply;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows every partition of the replies topic from the beginning, committed records only, handing each reply to a
 * callback until told to stop: how the benchmark and the crash test see billing's answers (correlated by commandId).
 * A broker that restarts meanwhile only makes it poll again.
 */
public final class ReplyStream {

  private static final Duration POLL = Duration.ofMillis(100);

  private ReplyStream() {
  }

  public static void follow(String bootstrapServers, Topics topics, BooleanSupplier running,
                            Consumer<CommandReply> onReply) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, CommandReply> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        topics.replies.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topics.replies.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running.getAsBoolean()) {
        try {
          for (ConsumerRecord<String, CommandReply> record : consumer.poll(POLL)) {
            onReply.accept(record.value());
          }
        } catch (RetriableException restarting) {
          // the broker is restarting: poll again
        }
      }
    }
  }
}
