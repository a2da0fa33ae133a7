package io.callbill.api.config;

import io.callbill.api.command.CommandGateway;
import io.callbill.api.command.KafkaCommandGateway;
import io.callbill.api.command.ReplyRouter;
import io.callbill.api.command.TopicWriter;
import io.callbill.api.reference.KafkaReferenceDataWriter;
import io.callbill.api.reference.ReferenceDataWriter;
import io.callbill.api.view.CallIdIndex;
import io.callbill.api.view.KafkaOngoingCalls;
import io.callbill.api.view.KafkaReceiverDirectory;
import io.callbill.api.view.KafkaWalletBalances;
import io.callbill.api.view.OngoingCalls;
import io.callbill.api.view.ReceiverDirectory;
import io.callbill.api.view.TopicView;
import io.callbill.api.view.WalletBalances;
import io.callbill.avro.AccountBalance;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka side of the API: the command gateway with its reply router, the reference-data writer, and the local
 * views of the receivers, receiver-status, balances and active-calls topics. Each consumer runs on its own thread
 * from start-up; until it is ready, the requests that need it answer 503 and the health shows DOWN.
 */
@Configuration(proxyBeanMethods = false)
public class BillingGatewayConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  ReplyRouter replyRouter(KafkaProperties kafka, Topics topics, MeterRegistry meters) {
    ReplyRouter router = new ReplyRouter(consumer(kafka, "callbill-api-replies", "latest", topics.replies),
        topics.replies);
    Gauge.builder("callbill.command.pending", router, ReplyRouter::pendingCount)
        .description("Requests waiting for a reply from billing-streams").register(meters);
    return router;
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  TopicView<Receiver> receiverView(KafkaProperties kafka, Topics topics) {
    return new TopicView<>(consumer(kafka, "callbill-api-receivers", "earliest", topics.receivers),
        topics.receivers.name());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  TopicView<ReceiverStatus> receiverStatusView(KafkaProperties kafka, Topics topics) {
    return new TopicView<>(consumer(kafka, "callbill-api-receiver-status", "earliest", topics.receiverStatus),
        topics.receiverStatus.name());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  TopicView<AccountBalance> balanceView(KafkaProperties kafka, Topics topics) {
    return new TopicView<>(consumer(kafka, "callbill-api-balances", "earliest", topics.balances),
        topics.balances.name());
  }

  @Bean
  CallIdIndex callIdIndex() {
    return new CallIdIndex();
  }

  /** The ongoing calls, to find the caller of a call a receiver names by id (entries leave with the tombstones). */
  @Bean(initMethod = "start", destroyMethod = "close")
  TopicView<ActiveCall> activeCallView(KafkaProperties kafka, Topics topics, CallIdIndex callIdIndex) {
    return new TopicView<>(consumer(kafka, "callbill-api-active-calls", "earliest", topics.activeCalls),
        topics.activeCalls.name(), callIdIndex);
  }

  @Bean
  OngoingCalls ongoingCalls(TopicView<ActiveCall> activeCallView, CallIdIndex callIdIndex,
      CallbillApiProperties properties) {
    return new KafkaOngoingCalls(activeCallView, callIdIndex, properties.replyTimeout());
  }

  @Bean
  CommandGateway commandGateway(TopicWriter writer, Topics topics, ReplyRouter replyRouter,
      CallbillApiProperties properties, MeterRegistry meters) {
    return new KafkaCommandGateway(writer, topics, replyRouter, properties.replyTimeout(), meters);
  }

  @Bean
  ReferenceDataWriter referenceDataWriter(TopicWriter writer, Topics topics, TopicView<Receiver> receiverView,
      CallbillApiProperties properties, Clock clock) {
    return new KafkaReferenceDataWriter(writer, topics, receiverView, properties.replyTimeout(), clock);
  }

  @Bean
  ReceiverDirectory receiverDirectory(TopicView<Receiver> receiverView,
      TopicView<ReceiverStatus> receiverStatusView) {
    return new KafkaReceiverDirectory(receiverView, receiverStatusView);
  }

  @Bean
  WalletBalances walletBalances(TopicView<AccountBalance> balanceView) {
    return new KafkaWalletBalances(balanceView);
  }

  /** UP once replies are followed and every view has caught up; DOWN (503 on readiness) before. */
  @Bean
  HealthIndicator billingKafkaHealthIndicator(ReplyRouter replyRouter, TopicView<Receiver> receiverView,
      TopicView<ReceiverStatus> receiverStatusView, TopicView<AccountBalance> balanceView,
      TopicView<ActiveCall> activeCallView) {
    return () -> {
      Map<String, Object> details = Map.of("replies", replyRouter.isReady(), "receivers", receiverView.isReady(),
          "receiverStatus", receiverStatusView.isReady(), "balances", balanceView.isReady(),
          "activeCalls", activeCallView.isReady());
      boolean up = replyRouter.isReady() && receiverView.isReady() && receiverStatusView.isReady()
          && balanceView.isReady() && activeCallView.isReady();
      return (up ? Health.up() : Health.down()).withDetails(details).build();
    };
  }

  private static <V> KafkaConsumer<String, V> consumer(KafkaProperties kafka, String clientId, String reset,
      Topic<String, V> topic) {
    Map<String, Object> config = KafkaClientsConfig.consumerProperties(kafka, clientId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
    return new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
