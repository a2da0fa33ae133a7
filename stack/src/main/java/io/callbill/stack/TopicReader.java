package io.callbill.stack;

import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Callbill topics as their consumers must: committed records only, decoded with the topic's serde. Used by
 * {@code ./callbill topic} and by the crash test's checks.
 */
public final class TopicReader {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private TopicReader() {
  }

  /** Where a long read stands: offsets consumed so far and the end offsets to reach, summed over partitions. */
  @FunctionalInterface
  public interface ReadProgress {
    void at(long consumed, long end);
  }

  /** Every committed record of the topic, from the beginning to its end at the time of the call. */
  public static <V> List<ConsumerRecord<String, V>> readCommitted(String bootstrap, Topic<String, V> topic) {
    return readCommitted(bootstrap, topic, (consumed, end) -> { });
  }

  /** As {@link #readCommitted(String, Topic)}, telling {@code progress} after every poll. */
  public static <V> List<ConsumerRecord<String, V>> readCommitted(String bootstrap, Topic<String, V> topic,
                                                                  ReadProgress progress) {
    try (KafkaConsumer<String, V> consumer = consumer(bootstrap, topic, "read_committed")) {
      List<TopicPartition> partitions = partitions(consumer, topic.name());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + DEADLINE);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        progress.at(partitions.stream().mapToLong(consumer::position).sum(),
            end.values().stream().mapToLong(Long::longValue).sum());
      }
      return records;
    }
  }

  /**
   * Per partition, the end offset a read_committed consumer sees (last stable offset) and the high watermark a
   * read_uncommitted consumer sees: they differ exactly while a transaction is open on the partition.
   */
  public static Map<TopicPartition, long[]> stableAndHighWatermarks(String bootstrap, Topic<String, ?> topic) {
    try (KafkaConsumer<String, ?> committed = consumer(bootstrap, topic, "read_committed");
         KafkaConsumer<String, ?> uncommitted = consumer(bootstrap, topic, "read_uncommitted")) {
      List<TopicPartition> partitions = partitions(committed, topic.name());
      Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
      Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
      Map<TopicPartition, long[]> both = new java.util.HashMap<>();
      partitions.forEach(p -> both.put(p, new long[] {stable.get(p), high.get(p)}));
      return both;
    }
  }

  /**
   * {@code ./callbill topic NAME}: prints the committed records of a Callbill topic (base name, e.g. call-history),
   * decoded from Avro, one per line as {@code key<TAB>value}.
   */
  public static int print(String bootstrapServers, String prefix, String baseName, PrintStream out) {
    Topics topics = new Topics(prefix, CallbillSerdes.create());
    Topic<String, ?> topic = topics.all().stream().filter(t -> t.baseName().equals(baseName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown topic '" + baseName + "'; one of "
            + topics.all().stream().map(Topic::baseName).toList()));
    List<? extends ConsumerRecord<String, ?>> records = readCommitted(bootstrapServers, topic);
    records.forEach(record -> out.println(record.key() + "\t" + record.value()));
    return records.size();
  }

  private static <V> KafkaConsumer<String, V> consumer(String bootstrap, Topic<String, V> topic, String isolation) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), topic.valueSerde().deserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, ?> consumer, String topic) {
    return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }
}
