package io.callbill.proofs.crash;

import io.callbill.avro.Caller;
import io.callbill.avro.Receiver;
import io.callbill.proofs.ProofRateCard;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the {@link ProofRateCard}, the receivers and the callers of a {@link CallPlan}, and waits for the broker's
 * acks.
 */
final class ReferenceData {

  private ReferenceData() {
  }

  static void publish(String bootstrap, Topics topics, CallPlan plan) {
    send(bootstrap, topics.levelConfigs, Map.of(Integer.toString(ProofRateCard.LEVEL), ProofRateCard.levelConfig()));
    send(bootstrap, topics.platformConfig, Map.of("platform", ProofRateCard.platformConfig()));
    Map<String, Receiver> receivers = new HashMap<>();
    for (int r = 0; r < CallPlan.RECEIVERS; r++) {
      receivers.put(CallPlan.receiver(r), Receiver.newBuilder().setReceiverId(CallPlan.receiver(r))
          .setOnlineStatus(true).setCurrentLevel(ProofRateCard.LEVEL).setReviewAccepted(true)
          .setAgencyId(CallPlan.agencyOf(r)).build());
    }
    send(bootstrap, topics.receivers, receivers);
    Map<String, Caller> callers = new HashMap<>();
    for (String callerId : plan.callers()) {
      callers.put(callerId, Caller.newBuilder().setCallerId(callerId).build());
    }
    // Stamped before the top-ups (creditAt): Kafka Streams takes the earlier record first, so a top-up overtakes its
    // profile (404, repeated by CallLoad) only when the profile was not fetched yet.
    send(bootstrap, topics.callers, callers, plan.creditAt().minusSeconds(1).toEpochMilli());
  }

  private static <V> void send(String bootstrap, Topic<String, V> topic, Map<String, V> records) {
    send(bootstrap, topic, records, null);
  }

  private static <V> void send(String bootstrap, Topic<String, V> topic, Map<String, V> records, Long timestamp) {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), topic.valueSerde().serializer())) {
      for (Map.Entry<String, V> record : records.entrySet()) {
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, record.getKey(), record.getValue())).get(60,
            TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing reference data", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish " + topic.name(), e);
    }
  }
}
