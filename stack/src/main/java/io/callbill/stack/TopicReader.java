package io.callbill.stack;

import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./callbill topic NAME}: prints a Callbill topic's records from the beginning, decoded from Avro to JSON,
 * one per line as {@code key<TAB>value}, reading only committed records (as every consumer of ours must).
 */
public final class TopicReader {

  private static final Duration QUIET = Duration.ofSeconds(2);

  private TopicReader() {
  }

  /** Prints every committed record of {@code baseName} (e.g. call-history) until nothing new came for a moment. */
  public static int print(String bootstrapServers, String prefix, String baseName, PrintStream out) {
    Topics topics = new Topics(prefix, CallbillSerdes.create());
    Topic<String, ?> topic = topics.all().stream().filter(t -> t.baseName().equals(baseName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + baseName + "'; one of "
            + topics.all().stream().map(Topic::baseName).toList()));
    return read(bootstrapServers, topic, out);
  }

  private static <V> int read(String bootstrapServers, Topic<String, V> topic, PrintStream out) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    int count = 0;
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant lastRecord = Instant.now();
      while (Duration.between(lastRecord, Instant.now()).compareTo(QUIET) < 0) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          out.println(record.key() + "\t" + (record.value() == null ? "null" : record.value().toString()));
          count++;
          lastRecord = Instant.now();
        }
      }
    }
    return count;
  }
}
