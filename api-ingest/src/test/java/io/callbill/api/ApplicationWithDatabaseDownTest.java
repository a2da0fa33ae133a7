package io.callbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.support.LoopbackHttp;
import io.callbill.api.support.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
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
@Import(LoopbackHttp.class)
class ApplicationWithDatabaseDownTest {

  @Autowired
  LoopbackHttp http;
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
    HttpResponse<String> history = http.get("/male-user/calls/history", TestTokens.standard().caller("c1"));
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
    HttpResponse<String> health = http.get("/actuator/health", null);
    HttpResponse<String> details = http.getManagement("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");
    assertThat(details.statusCode()).isEqualTo(503);
    assertThat(details.body()).contains("\"db\":{\"status\":\"DOWN\"");
  }
}
