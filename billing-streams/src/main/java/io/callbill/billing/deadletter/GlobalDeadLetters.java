package io.callbill.billing.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Writes the dead letters of the global reference stores (receivers, level configs, platform config), which Kafka
 * Streams cannot write from its global thread.
 *
 * <p>Why a producer of our own, idempotent and synchronous: the global thread has no transaction to join, so each
 * dead letter is acknowledged ({@code acks=all}) before the thread reads on; a failed write fails the global thread
 * rather than losing the record silently. The global thread re-reads its topics from its last checkpoint after a
 * crash, so a poison record there may be dead-lettered twice (at least once, never lost). The producer is created on
 * the first global dead letter only, and its I/O thread is a daemon: nothing to close on the way out.
 */
final class GlobalDeadLetters {

  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  static final String CLIENT_ID = "callbill-global-dead-letters";

  private final Map<String, ?> streamsConfig;
  private KafkaProducer<byte[], byte[]> producer;

  GlobalDeadLetters(Map<String, ?> streamsConfig) {
    this.streamsConfig = Map.copyOf(streamsConfig);
  }

  synchronized void write(List<ProducerRecord<byte[], byte[]>> records) {
    try {
      List<Future<RecordMetadata>> sent = records.stream().map(producer()::send).toList();
      for (Future<RecordMetadata> acknowledgement : sent) {
        acknowledgement.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new StreamsException("Cannot write a dead letter of the global stores", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StreamsException("Interrupted while writing a dead letter of the global stores", e);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(new StreamsConfig(streamsConfig).getProducerConfigs(CLIENT_ID));
      config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }
}
