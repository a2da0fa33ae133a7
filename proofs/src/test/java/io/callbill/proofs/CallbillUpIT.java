package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbill.stack.FreePorts;
import io.callbill.stack.StackLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system test: runs {@code ./callbill up --fresh} as a user would, waits for ready, drives a call over HTTP on
 * the default metering (start, the receiver's accept, end),
 * finds its history row in PostgreSQL, stops the stack with SIGTERM (nothing left listening), starts it again
 * without {@code --fresh}, and finds the balances and the history still there. On the way it kills billing-streams
 * with SIGKILL: the stack reports it, starts it again, and the next call settles.
 *
 * <p>After the first call it scrapes billing's and the API's metrics endpoints (the URLs of {@code stack.json}) and
 * runs {@code ./callbill reconcile --metrics}: every metric the Grafana dashboard and the alert rules query must be
 * exported by one of the three, or the test fails naming the ones nobody exports.
 */
class CallbillUpIT {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path stackDir;

  private final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Test
  void upDrivesACallStopsOnSigtermAndKeepsItsStateAcrossARestart() throws Exception {
    int httpPort = FreePorts.find();
    String callId;
    JsonNode stack;
    Process first = startUp(httpPort, "--fresh");
    try {
      stack = JSON.readTree(Files.readString(stackDir.resolve("stack.json")));
      String api = stack.get("apiUrl").asText();
      assertThat(api).isEqualTo("http://127.0.0.1:" + httpPort);
      String admin = token("ops", "admin");
      String caller = token("caller-1", "caller");

      put(api + "/admin/level-configs/1", admin, """
          {"isActive":true,"audioRatePerMinute":30,"videoRatePerMinute":40,
           "platformMarginPerMinute":{"agency":12,"nonAgency":12}}""");
      put(api + "/admin/platform-config", admin, "{\"minCallCoins\":0,\"adminSharePercentage\":60}");
      put(api + "/admin/receivers/receiver-1", admin, """
          {"name":"Ana","email":"ana@example.com","profileImage":"https://img/ana.png","onlineStatus":true,
           "currentLevel":1,"agencyId":null,"reviewAccepted":true,"blockList":[]}""");
      put(api + "/admin/callers/caller-1", admin, """
          {"firstName":"Bo","lastName":"Lee","email":"bo@example.com","profileImage":null,"blockList":[]}""");
      JsonNode credit = creditOnceKnown(api + "/admin/callers/caller-1/coins", admin,
          "{\"amount\":840,\"reference\":\"purchase-1\"}");
      assertThat(credit.at("/data/coinBalance").asLong()).isEqualTo(840);

      JsonNode started = call("POST", api + "/male-user/calls/start", caller,
          "{\"receiverId\":\"receiver-1\",\"callType\":\"audio\"}", 200);
      assertThat(started.at("/data/maxSeconds").asLong()).isEqualTo(1200);
      callId = started.at("/data/callId").asText();
      // The default metering bills from the receiver's answer.
      call("POST", api + "/female-user/calls/accept", token("receiver-1", "receiver"),
          "{\"callId\":\"" + callId + "\"}", 200);
      JsonNode ended = call("POST", api + "/male-user/calls/end", caller,
          "{\"receiverId\":\"receiver-1\",\"duration\":20,\"callType\":\"audio\",\"callId\":\"" + callId + "\"}", 200);
      // A second or so measured, billed as the 30 s minimum: ceil(30 * 42 / 60) = 21 coins.
      assertThat(ended.at("/data/totalCoins").asLong()).isEqualTo(21);
      assertThat(ended.at("/data/callerRemainingBalance").asLong()).isEqualTo(819);

      assertThat(awaitHistoryRow(stack, callId)).isEqualTo(21);

      assertThat(stack.get("billingMetricsUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
      assertThat(stack.get("apiMetricsUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/actuator/prometheus");
      Path reconcileMetrics = stackDir.resolve("callbill-reconcile.prom");
      assertThat(callbill("reconcile", "--metrics", reconcileMetrics.toString())).as("reconcile exit code").isZero();
      awaitEveryQueriedMetricExported(stack, reconcileMetrics);

      // The stack watches its parts: billing-streams killed -9 is reported and started again, and billing goes on.
      long billingPid = stackJson().at("/parts/billing-streams/pid").asLong();
      ProcessHandle.of(billingPid).orElseThrow().destroyForcibly();
      awaitStackJson("billing-streams restarted", json -> json.at("/parts/billing-streams/restarts").asInt() == 1
          && json.at("/parts/billing-streams/state").asText().equals("running"));
      assertThat(output).anyMatch(line -> line.contains("billing-streams (pid " + billingPid + ") exited"));
      assertThat(status()).containsPattern("billing-streams +running")
          .contains("billing metrics  " + stack.get("billingMetricsUrl").asText());
      String secondCall = call("POST", api + "/male-user/calls/start", caller,
          "{\"receiverId\":\"receiver-1\",\"callType\":\"audio\"}", 200).at("/data/callId").asText();
      call("POST", api + "/female-user/calls/accept", token("receiver-1", "receiver"),
          "{\"callId\":\"" + secondCall + "\"}", 200);
      JsonNode secondEnd = call("POST", api + "/male-user/calls/end", caller,
          "{\"receiverId\":\"receiver-1\",\"duration\":20,\"callType\":\"audio\",\"callId\":\"" + secondCall
              + "\"}", 200);
      assertThat(secondEnd.at("/data/callerRemainingBalance").asLong()).isEqualTo(798);
    } finally {
      stopWithSigterm(first);
    }
    assertThat(FreePorts.isFree(httpPort)).as("API port released").isTrue();
    assertThat(FreePorts.isFree(portOf(stack.get("bootstrapServers").asText()))).as("Kafka stopped").isTrue();
    assertThat(FreePorts.isFree(portOf(stack.get("jdbcUrl").asText()))).as("PostgreSQL stopped").isTrue();

    Process second = startUp(httpPort);
    try {
      String api = "http://127.0.0.1:" + httpPort;
      JsonNode wallet = call("GET", api + "/admin/wallets/caller/caller-1", token("ops", "admin"), null, 200);
      assertThat(wallet.at("/data/balance").decimalValue()).isEqualByComparingTo("798");
      assertThat(awaitHistoryRow(stack, callId)).isEqualTo(21);
    } finally {
      stopWithSigterm(second);
    }
  }

  private Process startUp(int httpPort, String... options) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("./callbill", "up"));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).directory(CHECKOUT.toFile()).redirectErrorStream(true);
    builder.environment().putAll(Map.of(StackLayout.STACK_DIR_ENV, stackDir.toString(),
        "CALLBILL_HTTP_PORT", Integer.toString(httpPort)));
    Process process = builder.start();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          System.out.println("[callbill] " + line);
          output.add(line);
          if (line.startsWith("callbill ready:")) {
            ready.complete(line);
          }
        }
        ready.completeExceptionally(new IllegalStateException("./callbill up exited before ready"));
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
    }, "callbill-output");
    reader.setDaemon(true);
    reader.start();
    try {
      String line = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(line).contains("http://127.0.0.1:" + httpPort);
      return process;
    } catch (Exception e) {
      stopWithSigterm(process);
      throw e;
    }
  }

  private static void stopWithSigterm(Process process) throws InterruptedException {
    process.destroy();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertThat(exited).as("./callbill stopped on SIGTERM").isTrue();
    assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).as("no process left behind").isZero();
  }

  private JsonNode stackJson() throws IOException {
    return JSON.readTree(Files.readString(stackDir.resolve("stack.json")));
  }

  private void awaitStackJson(String what, java.util.function.Predicate<JsonNode> condition) throws Exception {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (condition.test(stackJson())) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(what + ": not within " + READY_TIMEOUT + "; stack.json " + stackJson());
  }

  private String status() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("./callbill", "status").directory(CHECKOUT.toFile())
        .redirectErrorStream(true);
    builder.environment().put(StackLayout.STACK_DIR_ENV, stackDir.toString());
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(printed).isZero();
    return printed;
  }

  /**
   * Scrapes both apps until every metric of the dashboard and the alert rules is exported by them or by reconcile's
   * file: a billing counter reaches the scrape once its task is initialised and the binder refreshed (10 s).
   */
  private static void awaitEveryQueriedMetricExported(JsonNode stack, Path reconcileMetrics) throws Exception {
    Set<String> queried = DashboardMetricNames.queried();
    Instant deadline = Instant.now().plusSeconds(60);
    Set<String> missing;
    String billing;
    String api;
    do {
      billing = scrape(stack.get("billingMetricsUrl").asText());
      api = scrape(stack.get("apiMetricsUrl").asText());
      Set<String> exported = new TreeSet<>(DashboardMetricNames.exported(billing));
      exported.addAll(DashboardMetricNames.exported(api));
      exported.addAll(DashboardMetricNames.exported(Files.readString(reconcileMetrics)));
      exported.addAll(DashboardMetricNames.PROMETHEUS_OWN);
      missing = new TreeSet<>(queried);
      missing.removeAll(exported);
      if (!missing.isEmpty()) {
        Thread.sleep(2000);
      }
    } while (!missing.isEmpty() && Instant.now().isBefore(deadline));
    // Kept for whoever reads the build: what each endpoint served.
    Files.writeString(Path.of("target", "callbill-up-billing-metrics.txt"), billing);
    Files.writeString(Path.of("target", "callbill-up-api-metrics.txt"), api);
    assertThat(missing).as("metrics the dashboard or the alert rules query that no exporter exports").isEmpty();
  }

  private static String scrape(String url) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return response.body();
  }

  /** Runs {@code ./callbill ARGS} against this test's stack; returns its exit code. */
  private int callbill(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("./callbill"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(CHECKOUT.toFile()).redirectErrorStream(true);
    builder.environment().put(StackLayout.STACK_DIR_ENV, stackDir.toString());
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    System.out.println("[callbill " + args[0] + "] " + printed);
    return process.waitFor();
  }

  private String token(String sub, String role) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("./callbill", "token", "--sub", sub, "--role", role)
        .directory(CHECKOUT.toFile());
    builder.environment().put(StackLayout.STACK_DIR_ENV, stackDir.toString());
    Process process = builder.start();
    String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor()).isZero();
    return token;
  }

  /** total_coins of the call's row, once the sink has written it. */
  private static long awaitHistoryRow(JsonNode stack, String callId) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    try (Connection db = DriverManager.getConnection(stack.get("jdbcUrl").asText(), stack.get("jdbcUser").asText(),
        stack.get("jdbcPassword").asText());
         PreparedStatement query = db.prepareStatement(
             "select total_coins, status from call_history where call_id = ?")) {
      query.setString(1, callId);
      while (Instant.now().isBefore(deadline)) {
        try (ResultSet row = query.executeQuery()) {
          if (row.next()) {
            assertThat(row.getString("status")).isEqualTo("completed");
            return row.getLong("total_coins");
          }
        }
        Thread.sleep(500);
      }
    }
    throw new AssertionError("no call_history row for " + callId + " within 60 s");
  }

  /**
   * Billing refuses a top-up to a caller it has no profile for (404); the profile reaches it moments after the API
   * saved it, so the credit is repeated until it is known (a 404 credits nothing; the reference makes it once).
   */
  private static JsonNode creditOnceKnown(String url, String token, String body) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 404 || Instant.now().isAfter(deadline)) {
        assertThat(response.statusCode()).as("POST %s -> %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
      }
      Thread.sleep(250);
    }
  }

  private static void put(String url, String token, String body) throws Exception {
    call("PUT", url, token, body, 200);
  }

  private static JsonNode call(String method, String url, String token, String body, int expectedStatus)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s -> %s", method, url, response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  private static int portOf(String address) {
    String digits = address.replaceAll(".*:(\\d+).*", "$1");
    return Integer.parseInt(digits);
  }
}
