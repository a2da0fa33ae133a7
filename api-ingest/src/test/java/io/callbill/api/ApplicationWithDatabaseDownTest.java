package io.callbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.support.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with a database configured but down (and Kafka out of reach): it still starts, the history routes
 * answer 503 within the configured timeout, and the health shows the database DOWN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"callbill.jwt.secret=" + TestTokens.SECRET, "callbill.reply-timeout=1s",
        "callbill.jdbc.query-timeout=1s", "callbill.jdbc.user=callbill", "callbill.jdbc.password=secret",
        "management.endpoint.health.show-components=always"})
class ApplicationWithDatabaseDownTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;
  @Value("${local.management.port}")
  int managementPort;
  @Autowired
  ApplicationContext context;

  @DynamicPropertySource
  static void unreachableKafkaAndDatabase(DynamicPropertyRegistry registry) throws IOException {
    int kafkaPort;
    int databasePort;
    try (ServerSocket kafka = new ServerSocket(0); ServerSocket database = new ServerSocket(0)) {
      kafkaPort = kafka.getLocalPort();
      databasePort = database.getLocalPort();
    }
    registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + kafkaPort);
    registry.add("spring.kafka.producer.properties.max.block.ms", () -> "500");
    registry.add("callbill.jdbc.url", () -> "jdbc:postgresql://127.0.0.1:" + databasePort + "/callbill");
  }

  @Test
  void startsAndAnswersTheReads503() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> history = get("/male-user/calls/history", TestTokens.standard().caller("c1"));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(history.statusCode()).isEqualTo(503);
    assertThat(history.body())
        .isEqualTo("{\"success\":false,\"message\":\"History is not available right now, please retry\"}");
    assertThat(millis).isLessThan(5_000);
    assertThat(context.getBeanNamesForType(DataSource.class)).hasSize(1);
  }

  /** The components are shown on the management port only; the API port answers the status alone. */
  @Test
  void healthShowsTheDatabaseDown() throws Exception {
    HttpResponse<String> health = get("/actuator/health", null);
    HttpResponse<String> details = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");
    assertThat(details.statusCode()).isEqualTo(503);
    assertThat(details.body()).contains("\"db\":{\"status\":\"DOWN\"");
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", TestTokens.bearer(token));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
