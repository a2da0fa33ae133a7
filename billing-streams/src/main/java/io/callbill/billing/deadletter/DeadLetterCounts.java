package io.callbill.billing.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Collection;
import java.util.List;

/**
 * Counts the records set aside on the dead-letter topic, by the topic they came from and why: {@code unreadable}
 * (the deserialization handler), {@code failed} (a processor threw) or {@code refused} (a command that breaks an
 * invariant).
 *
 * <p>Why Micrometer's global registry rather than a Kafka Streams sensor like {@code BillingSensors}: the exception
 * handlers are created by Kafka Streams by reflection and handed only the configuration; no metrics context reaches
 * them (nor the global thread's), and a dead letter from any of them must count in the same series. The app adds its
 * Prometheus registry to the global one ({@code BillingMetrics}); without one (a TopologyTestDriver test) counting
 * costs nothing. Topics are billing's input topics: a bounded tag.
 */
public final class DeadLetterCounts {

  public static final String NAME = "callbill.dead.letters";
  public static final String TOPIC_TAG = "topic";
  public static final String CAUSE_TAG = "cause";
  public static final String UNREADABLE = "unreadable";
  public static final String FAILED = "failed";
  public static final String REFUSED = "refused";

  private DeadLetterCounts() {
  }

  /** One record of {@code sourceTopic} dead-lettered for {@code cause}. */
  public static void count(String sourceTopic, String cause) {
    counter(Metrics.globalRegistry, sourceTopic, cause).increment();
  }

  /** Every (topic, cause) series at zero in {@code registry}, so an alert on their increase sees the first one. */
  public static void register(MeterRegistry registry, Collection<String> sourceTopics) {
    for (String topic : sourceTopics) {
      for (String cause : List.of(UNREADABLE, FAILED, REFUSED)) {
        counter(registry, topic, cause);
      }
    }
  }

  private static Counter counter(MeterRegistry registry, String topic, String cause) {
    return Counter.builder(NAME).description("Records billing set aside on the dead-letter topic")
        .tag(TOPIC_TAG, topic == null ? "unknown" : topic).tag(CAUSE_TAG, cause).register(registry);
  }
}
