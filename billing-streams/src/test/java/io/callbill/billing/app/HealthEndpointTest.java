package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthEndpointTest {

  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HealthEndpoint endpoint;

  @BeforeEach
  void start() {
    endpoint = HealthEndpoint.start(0, state::get);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = {"RUNNING", "REBALANCING"})
  void upWhileProcessingOrRebalancing(State current) throws Exception {
    state.set(current);

    HttpResponse<String> response = get("/health", "GET");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"state\":\"" + current + "\"}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @ParameterizedTest
  @EnumSource(value = State.class, names = {"CREATED", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
  void downOtherwise(State current) throws Exception {
    state.set(current);

    HttpResponse<String> response = get("/health", "GET");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"state\":\"" + current + "\"}");
  }

  @Test
  void answersOnlyGetAndHeadOnItsOwnPath() throws Exception {
    state.set(State.RUNNING);

    assertThat(get("/health", "HEAD").statusCode()).isEqualTo(200);
    assertThat(get("/health", "POST").statusCode()).isEqualTo(405);
    assertThat(get("/health/extra", "GET").statusCode()).isEqualTo(404);
  }

  @Test
  void portZeroPicksAFreePort() {
    assertThat(endpoint.port()).isPositive();
  }

  private HttpResponse<String> get(String path, String method) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(5))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
