package io.callbill.proofs.crash;

import io.callbill.avro.CommandReply;
import io.callbill.schemas.DeadLetters;
import io.callbill.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Poison written during the crash run, as a platform writing to Kafka directly might: a command that is not Avro,
 * a command under a schema nobody released (its id still readable), and a receiver that is not Avro (a global
 * store). One every {@link #SPACING} while the load runs, so some land around the kills. At the end each must be on
 * the dead-letter topic with its origin, the readable command refused on {@code replies}, and the money verdict
 * untouched (the poison's keys are no planned caller or receiver).
 */
final class PoisonFeed implements Runnable {

  static final Duration SPACING = Duration.ofSeconds(5);

  record Poison(String topic, String key, byte[] value, String refusedCommandId) {
  }

  private final String bootstrap;
  private final Topics topics;
  private final BooleanSupplier loadDone;
  private final List<Poison> catalogue;
  private final List<Poison> written = new ArrayList<>();

  PoisonFeed(String bootstrap, Topics topics, BooleanSupplier loadDone) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.loadDone = loadDone;
    String commandId = "crash-poison-" + UUID.randomUUID();
    this.catalogue = List.of(
        new Poison(topics.callCommands.name(), "crash-poison-caller", utf8("not-avro-at-all"), null),
        new Poison(topics.callCommands.name(), "crash-poison-caller", unknownSchema(commandId), commandId),
        new Poison(topics.receivers.name(), "crash-poison-receiver", utf8("not-avro-either"), null));
  }

  @Override
  public void run() {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Poison poison : catalogue) {
        if (loadDone.getAsBoolean()) {
          return;
        }
        // The broker may be down for a kill: the producer retries within its delivery timeout.
        producer.send(new ProducerRecord<>(poison.topic(), utf8(poison.key()), poison.value()))
            .get(150, TimeUnit.SECONDS);
        synchronized (written) {
          written.add(poison);
        }
        Thread.sleep(SPACING.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write poison: " + e.getMessage(), e);
    }
  }

  int written() {
    synchronized (written) {
      return written.size();
    }
  }

  /** What is wrong: a written poison missing from the dead letters, or a readable command not refused. */
  List<String> check(List<ConsumerRecord<String, CommandReply>> replies) {
    List<Poison> expected;
    synchronized (written) {
      expected = List.copyOf(written);
    }
    List<ConsumerRecord<byte[], byte[]>> letters = deadLetters();
    List<String> problems = new ArrayList<>();
    for (Poison poison : expected) {
      boolean found = letters.stream().anyMatch(letter -> Arrays.equals(letter.value(), poison.value())
          && poison.topic().equals(header(letter, DeadLetters.TOPIC)) && header(letter, DeadLetters.OFFSET) != null
          && header(letter, DeadLetters.EXCEPTION) != null);
      if (!found) {
        problems.add("poison on " + poison.topic() + " (key " + poison.key() + ") is not on the dead-letter topic");
      }
      if (poison.refusedCommandId() != null && replies.stream().noneMatch(reply ->
          reply.key().equals(poison.refusedCommandId()) && reply.value().getHttpStatus() == 400)) {
        problems.add("unreadable command " + poison.refusedCommandId() + " was not refused on replies");
      }
    }
    return problems;
  }

  private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topics.deadLetters.name(), Duration.ofSeconds(30))
          .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** {@code C3 01}, a fingerprint of no released schema, then an Avro string: the command id. */
  private static byte[] unknownSchema(String commandId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    out.writeBytes(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
    byte[] id = utf8(commandId);
    out.write(id.length << 1);
    out.writeBytes(id);
    out.writeBytes(utf8("the rest of a schema billing never saw"));
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

}
