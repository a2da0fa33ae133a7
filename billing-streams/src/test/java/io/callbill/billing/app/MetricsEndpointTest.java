package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.billing.BillingTopology;
import io.callbill.schemas.CallbillSerdes;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management settings and {@code /metrics}: loopback by default, Prometheus text of Kafka Streams' own client
 * metrics through the binder and of the dead-letter counts.
 */
class MetricsEndpointTest {

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path stateDir;

  @Test
  void theManagementPortIsOnLoopbackByDefaultAndComesFromTheEnvironmentOverTheFile() throws Exception {
    ManagementSettings defaults = ManagementSettings.from(new Properties(), Map.of());
    assertThat(defaults.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(defaults.port()).isEqualTo(ManagementSettings.DEFAULT_PORT);

    Properties file = new Properties();
    file.setProperty(ManagementSettings.PORT, "9100");
    file.setProperty(ManagementSettings.ADDRESS, "0.0.0.0");
    assertThat(ManagementSettings.from(file, Map.of()).port()).isEqualTo(9100);
    assertThat(ManagementSettings.from(file, Map.of("CALLBILL_MANAGEMENT_PORT", "0")).port()).isZero();
    assertThat(ManagementSettings.from(file, Map.of()).address().isAnyLocalAddress()).isTrue();
    assertThatThrownBy(() -> ManagementSettings.from(new Properties(), Map.of("CALLBILL_MANAGEMENT_PORT", "x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(ManagementSettings.PORT);
  }

  @Test
  void servesPrometheusTextOnlyOnItsPathAndOnlyToGet() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(ManagementSettings.loopbackOnFreePort(),
        () -> "# TYPE x counter\nx_total 1\n")) {
      assertThat(endpoint.host()).isEqualTo("127.0.0.1");
      HttpResponse<String> metrics = get(endpoint.port(), "/metrics", "GET");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).isEqualTo("# TYPE x counter\nx_total 1\n");
      assertThat(metrics.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
      assertThat(get(endpoint.port(), "/health", "GET").statusCode()).isEqualTo(404);
      assertThat(get(endpoint.port(), "/metrics", "POST").statusCode()).isEqualTo(405);
    }
  }

  @Test
  void exportsKafkaStreamsClientMetricsThroughTheBinderAndTheDeadLetterCountsAtZero() {
    StreamsSettings settings = StreamsSettings.from(new Properties(), Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, "127.0.0.1:1", StreamsSettings.ENV_STATE_DIR, stateDir.toString()));
    KafkaStreams streams = new KafkaStreams(BillingTopology.build(settings.billingConfig(), CallbillSerdes.create()),
        settings.streamsProperties());
    try (BillingMetrics metrics = new BillingMetrics(streams, "callbill-test", List.of("callbill.call-commands"))) {
      String scrape = metrics.scrape();

      // Kafka Streams' thread metrics exist from construction; the consumers' lag once they fetch.
      assertThat(scrape).contains("kafka_stream_thread_process_rate{", "kafka_stream_thread_commit_latency_avg{",
          "kafka_stream_thread_punctuate_latency_avg{", "application=\"callbill-test\"",
          "callbill_dead_letters_total{application=\"callbill-test\",cause=\"refused\","
              + "topic=\"callbill.call-commands\"} 0.0", "jvm_memory_used_bytes");
    } finally {
      streams.close(Duration.ZERO);
    }
  }

  private HttpResponse<String> get(int port, String path, String method) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
