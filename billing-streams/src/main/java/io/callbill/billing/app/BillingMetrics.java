package io.callbill.billing.app;

import io.callbill.billing.deadletter.DeadLetterCounts;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Billing's metrics registry: Kafka Streams' own client metrics (process rate, commit latency, records-lag-max of its
 * consumers, punctuate latency, ...) and billing's sensors ({@code BillingSensors}, which are Kafka Streams metrics
 * too) through Micrometer's {@link KafkaStreamsMetrics} binder; the dead-letter counts; the JVM's memory, GC, threads
 * and CPU. Scraped as Prometheus text by {@link MetricsEndpoint}.
 *
 * <p>Why a refresh of {@value #REFRESH_SECONDS} s instead of the binder's 60: the binder only learns of metrics that
 * appear later (a task's sensors once partitions are assigned, a new refusal reason) when it refreshes; 10 s makes a
 * new series visible within a scrape or two. A refresh compares the metric names only, on its own thread.
 */
final class BillingMetrics implements AutoCloseable {

  static final long REFRESH_SECONDS = 10;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "callbill-metrics-refresh");
    thread.setDaemon(true);
    return thread;
  });
  private final KafkaStreamsMetrics streamsMetrics;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  BillingMetrics(KafkaStreams streams, String applicationId, Collection<String> inputTopics) {
    registry.config().commonTags(Tags.of("application", applicationId));
    streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), refresher, Duration.ofSeconds(REFRESH_SECONDS));
    streamsMetrics.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    DeadLetterCounts.register(registry, inputTopics);
    Metrics.addRegistry(registry);
  }

  /** Everything, in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    Metrics.removeRegistry(registry);
    streamsMetrics.close();
    gcMetrics.close();
    refresher.shutdownNow();
    registry.close();
  }
}
