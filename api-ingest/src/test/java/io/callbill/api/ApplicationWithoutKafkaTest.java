package io.callbill.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.history.CallHistoryRepository;
import io.callbill.api.history.NoDatabaseCallHistory;
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
 * The whole application wired as in production, with Kafka out of reach and no database configured: it starts,
 * serves its documentation and metrics, reports DOWN, and answers commands and history reads 503 instead of hanging
 * or failing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"callbill.jwt.secret=" + TestTokens.SECRET, "callbill.reply-timeout=1s"})
@Import(LoopbackHttp.class)
class ApplicationWithoutKafkaTest {

  @Autowired
  LoopbackHttp http;
  @Autowired
  ApplicationContext context;

  @DynamicPropertySource
  static void unreachableKafka(DynamicPropertyRegistry registry) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + socket.getLocalPort());
    }
    registry.add("spring.kafka.producer.properties.max.block.ms", () -> "500");
  }

  @Test
  void servesTheOpenApiDocumentWithEveryRoute() throws Exception {
    HttpResponse<String> docs = http.get("/v3/api-docs", null);

    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("/male-user/calls/start", "/male-user/calls/end", "/male-user/calls/active",
        "/female-user/calls/end", "/female-user/status", "/admin/level-configs/{level}",
        "/male-user/calls/history", "/male-user/calls/stats", "/female-user/calls/history",
        "/female-user/calls/stats", "/female-user/calls/rate",
        "/admin/callers/{id}/coins", "/admin/wallets/platform", "bearer",
        "/male-user/calls/heartbeat", "/female-user/calls/accept", "/female-user/calls/heartbeat",
        "/platform/calls/accept", "/platform/calls/heartbeat", "/platform/calls/end", "CallProgress",
        "CALLBILL_METERING_CONNECT=start");
    assertThat(http.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
  }

  @Test
  void reportsDownOnTheApiPortAndExposesMetricsOnlyOnTheManagementPort() throws Exception {
    HttpResponse<String> health = http.get("/actuator/health", null);

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("DOWN");
    assertThat(http.get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
    assertThat(http.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/prometheus", TestTokens.standard().admin("ops")).statusCode()).isEqualTo(404);

    assertThat(context.getEnvironment().getProperty("local.management.port"))
        .isNotEqualTo(context.getEnvironment().getProperty("local.server.port"));
    HttpResponse<String> metrics = http.getManagement("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    // Per-route latency buckets (the route template as uri) for a p99 per route, and the reply waits at zero.
    assertThat(metrics.body()).contains("callbill_command_pending",
        "http_server_requests_seconds_bucket{", "uri=\"/actuator/health\"",
        "callbill_reply_wait_seconds_bucket{", "outcome=\"answered\"", "outcome=\"timeout\"");
  }

  @Test
  void theManagementPortListensOnLoopbackOnly() {
    assertThat(context.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
  }

  @Test
  void aCommandIs503WhileKafkaIsOutOfReach() throws Exception {
    HttpResponse<String> active = http.get("/male-user/calls/active", TestTokens.standard().caller("c1"));

    assertThat(active.statusCode()).isEqualTo(503);
    assertThat(active.body()).contains("\"success\":false");
  }

  @Test
  void historyIs503WithoutADatabaseAndNoDataSourceIsCreated() throws Exception {
    HttpResponse<String> history = http.get("/male-user/calls/history", TestTokens.standard().caller("c1"));
    HttpResponse<String> stats = http.get("/male-user/calls/stats", TestTokens.standard().caller("c1"));

    assertThat(history.statusCode()).isEqualTo(503);
    assertThat(history.body()).isEqualTo("{\"success\":false,\"message\":\"History is not available\"}");
    assertThat(stats.statusCode()).isEqualTo(503);
    assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
    assertThat(context.getBean(CallHistoryRepository.class)).isInstanceOf(NoDatabaseCallHistory.class);
  }
}
