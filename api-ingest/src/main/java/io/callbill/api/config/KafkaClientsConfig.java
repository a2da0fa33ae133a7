package io.callbill.api.config;

import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka clients of the API. One idempotent producer ({@code acks=all}) writes every topic as raw bytes, each
 * value encoded by its topic's serde; consumers are built per use from {@link #consumerProperties}, always
 * {@code read_committed} and without a consumer group (they assign partitions themselves).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaClientsConfig {

  @Bean
  CallbillSerdes callbillSerdes() {
    return CallbillSerdes.create();
  }

  @Bean
  Topics topics(CallbillApiProperties properties, CallbillSerdes serdes) {
    return new Topics(properties.topicPrefix(), serdes);
  }

  @Bean
  ProducerFactory<String, byte[]> callbillProducerFactory(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "callbill-api");
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    // Without metadata a send would block a request thread for a minute; fail fast instead (503).
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new DefaultKafkaProducerFactory<>(config);
  }

  @Bean
  KafkaTemplate<String, byte[]> callbillKafkaTemplate(ProducerFactory<String, byte[]> callbillProducerFactory) {
    return new KafkaTemplate<>(callbillProducerFactory);
  }

  /** Base settings of the API's consumers: committed data only, no group, offsets chosen by the caller. */
  public static Map<String, Object> consumerProperties(KafkaProperties kafka, String clientId) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
