package io.callbill.api.it;

import io.callbill.avro.CallRecord;
import io.callbill.avro.Caller;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Receiver;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Plays the Kafka Connect JDBC sink in the read-side ITs: reads the committed records of {@code call-history},
 * {@code callers}, {@code receivers} and {@code ledger} and writes them into {@link SinkDatabase}, when told to ({@link #drain()}),
 * so a test decides when the database catches up. (The real connectors are tested in sink-connectors.)
 */
final class SinkStandIn implements AutoCloseable {

  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final List<Drained<?>> topics;

  SinkStandIn(String bootstrapServers, String prefix, SinkDatabase database) {
    Topics names = new Topics(prefix, CallbillSerdes.create());
    topics = List.of(
        new Drained<CallRecord>(bootstrapServers, names.callHistory, database::upsert),
        new Drained<Caller>(bootstrapServers, names.callers, database::upsert),
        new Drained<Receiver>(bootstrapServers, names.receivers, database::upsert),
        new Drained<LedgerEntry>(bootstrapServers, names.ledger, database::insert));
  }

  /** Writes every record committed so far to the database; returns how many. */
  int drain() {
    int written = 0;
    for (Drained<?> topic : topics) {
      written += topic.drain();
    }
    return written;
  }

  @Override
  public void close() {
    topics.forEach(Drained::close);
  }

  private static final class Drained<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final Consumer<V> upsert;
    private final List<TopicPartition> partitions;

    Drained(String bootstrapServers, Topic<String, V> topic, Consumer<V> upsert) {
      this.consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.CLIENT_ID_CONFIG, "sink-stand-in-" + topic.baseName()),
          topic.keySerde().deserializer(), topic.valueSerde().deserializer());
      this.upsert = upsert;
      this.partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    int drain() {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
      int written = 0;
      while (!caughtUp(end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("the sink stand-in did not reach " + end + " within " + DRAIN_TIMEOUT);
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.value() != null) {
            upsert.accept(record.value());
            written++;
          }
        }
      }
      return written;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
      return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
