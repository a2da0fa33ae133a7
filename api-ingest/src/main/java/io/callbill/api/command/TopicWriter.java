package io.callbill.api.command;

import io.callbill.schemas.Topic;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes one record to a typed topic through the API's idempotent producer; the future completes once the write is
 * acknowledged by all in-sync replicas ({@code acks=all}).
 */
@Component
public class TopicWriter {

  private final KafkaTemplate<String, byte[]> template;

  public TopicWriter(KafkaTemplate<String, byte[]> callbillKafkaTemplate) {
    this.template = callbillKafkaTemplate;
  }

  public <V> CompletableFuture<RecordMetadata> write(Topic<String, V> topic, String key, V value, Instant timestamp) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key, bytes);
    try {
      return template.send(record).thenApply(result -> result.getRecordMetadata());
    } catch (RuntimeException e) {
      // send() itself throws when metadata is not available within max.block.ms.
      return CompletableFuture.failedFuture(e);
    }
  }
}
