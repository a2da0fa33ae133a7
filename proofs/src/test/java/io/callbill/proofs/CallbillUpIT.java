package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbill.proofs.badinput.BadInputCommand;
import io.callbill.proofs.badinput.BadInputResult;
import io.callbill.proofs.load.Api;
import io.callbill.proofs.load.Behaviour;
import io.callbill.proofs.load.LoadCommand;
import io.callbill.proofs.load.LoadOptions;
import io.callbill.proofs.load.LoadReport;
import io.callbill.proofs.load.ReportWriter;
import io.callbill.proofs.load.RunningStack;
import io.callbill.stack.FreePorts;
import io.callbill.stack.StackLayout;
import io.callbill.stack.reconcile.ReconcileCommand;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system test: runs {@code ./callbill up --fresh} as a user would, waits for ready, and proves on that one stack,
 * in order:
 * <ol>
 *   <li>a call over HTTP on the default metering (start, the receiver's accept, end) and its history row in
 *   PostgreSQL; billing's and the API's metrics endpoints (the URLs of {@code stack.json}) and
 *   {@code ./callbill reconcile --metrics} export every metric the Grafana dashboard and the alert rules query (or the
 *   test fails naming the ones nobody exports);</li>
 *   <li>billing-streams killed with SIGKILL: the stack reports it, starts it again, and the next call settles;</li>
 *   <li>a short load with its adversarial callers and its verification, and a short open loop ({@code --rate}) with
 *   its verification, through the same code as {@code ./callbill load};</li>
 *   <li>the bad-input catalogue ({@code ./callbill badinput}), then reconciliation ({@code ./callbill reconcile}):
 *   clean, then dirty after a tampered row;</li>
 *   <li>SIGTERM stops it (nothing left listening); started again without {@code --fresh}, the balances and the
 *   history are still there.</li>
 * </ol>
 * One stack for all of it, not one for the system test and another for the load and bad input: each start of a whole
 * stack (broker, PostgreSQL, Connect, billing, API) costs the build about a minute on two cores, and none of these
 * proofs needs a stack of its own (the load's and bad input's parties have their own ids). Billing gets a short
 * heartbeat timeout so that the load's vanishing callers are abandoned within the run; the first calls end at once
 * and never wait for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallbillUpIT {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Vanished calls are abandoned this long after their last heartbeat (billing's default is 60 s). */
  private static final int HEARTBEAT_TIMEOUT_SECONDS = 10;

  @TempDir
  static Path stackDir;
  @TempDir
  static Path reportDir;

  private final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int httpPort = FreePorts.find();
  private Process up;
  private JsonNode stack;
  private String api;
  private String caller;
  private String firstCall;
  private StackLayout layout;
  private RunningStack running;
  private Api loadApi;

  @BeforeAll
  void upFresh() throws Exception {
    up = startUp(httpPort, "--fresh");
    stack = stackJson();
    api = stack.get("apiUrl").asText();
    layout = new StackLayout(CHECKOUT, stackDir);
    running = RunningStack.of(layout);
    loadApi = new Api(running.apiUrl());
    running.requireRunning(loadApi);
  }

  @AfterAll
  void stopIfStillUp() throws Exception {
    if (up != null) {
      stopWithSigterm(up);
    }
  }

  @Test
  @Order(0)
  void upDrivesACallAndExportsEveryQueriedMetric() throws Exception {
    assertThat(api).isEqualTo("http://127.0.0.1:" + httpPort);
    String admin = token("ops", "admin");
    caller = token("caller-1", "caller");

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
    firstCall = started.at("/data/callId").asText();
    // The default metering bills from the receiver's answer.
    call("POST", api + "/female-user/calls/accept", token("receiver-1", "receiver"),
        "{\"callId\":\"" + firstCall + "\"}", 200);
    JsonNode ended = call("POST", api + "/male-user/calls/end", caller,
        "{\"receiverId\":\"receiver-1\",\"duration\":20,\"callType\":\"audio\",\"callId\":\"" + firstCall
            + "\"}", 200);
    // A second or so measured, billed as the 30 s minimum: ceil(30 * 42 / 60) = 21 coins.
    assertThat(ended.at("/data/totalCoins").asLong()).isEqualTo(21);
    assertThat(ended.at("/data/callerRemainingBalance").asLong()).isEqualTo(819);

    assertThat(awaitHistoryRow(stack, firstCall)).isEqualTo(21);

    assertThat(stack.get("billingMetricsUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
    assertThat(stack.get("apiMetricsUrl").asText()).matches("http://127\\.0\\.0\\.1:\\d+/actuator/prometheus");
    Path reconcileMetrics = stackDir.resolve("callbill-reconcile.prom");
    assertThat(callbill("reconcile", "--metrics", reconcileMetrics.toString())).as("reconcile exit code").isZero();
    awaitEveryQueriedMetricExported(stack, reconcileMetrics);
  }

  @Test
  @Order(1)
  void billingKilledIsReportedAndStartedAgainAndTheNextCallSettles() throws Exception {
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
  }

  @Test
  @Order(2)
  void aShortLoadWithCheatingCallersBillsEveryCallAsMeasuredExactlyOnce() throws Exception {
    Path reportFile = reportDir.resolve("load.json");
    LoadOptions options = LoadOptions.parse(List.of("--calls", "60", "--concurrency", "8", "--receivers", "4",
        "--call-seconds", "1-2", "--adversarial", "50", "--heartbeat-timeout",
        Integer.toString(HEARTBEAT_TIMEOUT_SECONDS), "--report", reportFile.toString()));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    LoadReport report = LoadCommand.execute(options, running, loadApi, false,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    System.out.print(report.summary());

    assertThat(report.verification().failures()).isEmpty();
    assertThat(report.verification().passed()).isTrue();
    // history, billing, clock, ledger, the five behaviours, callers' and the others' wallets
    assertThat(report.verification().checks()).hasSize(4 + Behaviour.values().length + 2)
        .anyMatch(check -> check.startsWith("past-balance"))
        .anyMatch(check -> check.startsWith("vanishes"))
        .anyMatch(check -> check.startsWith("claims-zero"))
        .anyMatch(check -> check.startsWith("claims-half"));
    assertThat(report.calls()).isEqualTo(60);
    assertThat(report.startedCalls()).isEqualTo(60);
    assertThat(report.errors()).isEmpty();
    assertThat(report.callsPerSecond()).isPositive();
    assertThat(report.start().count()).isEqualTo(60);
    assertThat(report.end().p99Ms()).isGreaterThanOrEqualTo(report.end().p50Ms());
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("calls/s").doesNotContain("\r");

    Path svg = ReportWriter.write(report, reportFile);
    assertThat(Files.readString(reportFile)).contains("\"callsPerSecond\"").contains("\"passed\" : true");
    assertThat(Files.readString(svg)).startsWith("<svg").contains("polyline");
  }

  @Test
  @Order(3)
  void anOpenLoopOffersItsRateOnAScheduleAndBillsEveryCallExactlyOnce() throws Exception {
    Path reportFile = reportDir.resolve("open-loop.json");
    LoadOptions options = LoadOptions.parse(List.of("--rate", "5", "--calls", "20", "--callers", "40",
        "--receivers", "4", "--call-seconds", "1", "--adversarial", "0", "--prefix", "open",
        "--report", reportFile.toString()));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    LoadReport report = LoadCommand.execute(options, running, loadApi, false,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    System.out.print(report.summary());

    assertThat(report.verification().failures()).isEmpty();
    assertThat(report.verification().passed()).isTrue();
    assertThat(report.calls()).isEqualTo(20);
    assertThat(report.startedCalls()).isEqualTo(20);
    assertThat(report.errors()).isEmpty();
    assertThat(report.schedule()).isNotNull();
    assertThat(report.schedule().calls()).isEqualTo(20);
    assertThat(report.schedule().offeredRate()).isEqualByComparingTo("5");
    // Whether a loaded box kept the schedule is a figure, not a check; the lags were measured all the same.
    assertThat(report.schedule().maxLagMs()).isGreaterThanOrEqualTo(report.schedule().lagP50Ms()).isPositive();
    assertThat(report.start().count()).isEqualTo(20);
    assertThat(report.startP99Ms()).isGreaterThanOrEqualTo(report.startP50Ms()).isPositive();
    assertThat(report.endP99Ms()).isGreaterThanOrEqualTo(report.endP50Ms()).isPositive();
    assertThat(report.summary()).contains("20 calls offered at 5/s").contains("startP99Ms");

    ReportWriter.write(report, reportFile);
    assertThat(Files.readString(reportFile)).contains("\"startP50Ms\"").contains("\"endP99Ms\"")
        .contains("\"offeredRate\" : 5").contains("\"passed\" : true");
  }

  @Test
  @Order(4)
  void hostileInputGetsNo5xxAndChangesNothing() {
    BadInputResult result = BadInputCommand.execute(running, loadApi, null);
    System.out.print(result.summary());

    assertThat(result.requests()).isGreaterThan(300);
    assertThat(result.serverErrors()).isEmpty();
    assertThat(result.accepted()).isEmpty();
    assertThat(result.stateChanges()).isEmpty();
    assertThat(result.rateLimited()).as("both bursts cut off with 429").isTrue();
    assertThat(result.clean()).isTrue();
    assertThat(result.byClass()).doesNotContainKey("5xx");
  }

  @Test
  @Order(5)
  void reconcileIsCleanAfterTheLoadAndFindsATamperedRow() throws Exception {
    Path report = reportDir.resolve("reconcile.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int clean = 1;
    // The sink may still be writing the bad-input run's top-ups: clean once it caught up.
    for (long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
         clean != 0 && System.nanoTime() < deadline; Thread.sleep(1_000)) {
      out.reset();
      clean = ReconcileCommand.run(List.of("--report", report.toString()), layout, false,
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }
    assertThat(clean).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.readString(report)).contains("\"clean\" : true");

    String tampered;
    try (Connection db = running.database(); Statement sql = db.createStatement()) {
      ResultSet row = sql.executeQuery("SELECT entry_id FROM ledger_entries WHERE related_model = 'CallHistory'"
          + " AND user_type = 'receiver' ORDER BY entry_id LIMIT 1");
      assertThat(row.next()).isTrue();
      tampered = row.getString(1);
      sql.executeUpdate("UPDATE ledger_entries SET amount = amount + 1 WHERE entry_id = '" + tampered + "'");
    }
    try {
      out.reset();
      int dirty = ReconcileCommand.run(List.of("--report", report.toString()), layout, false,
          new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
      assertThat(dirty).isEqualTo(1);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("DIFFERENT_ROW").contains(tampered)
          .contains("UNBALANCED_CALL").contains("WALLET_DIFFERS_FROM_TABLE");
      assertThat(Files.readString(report)).contains("\"clean\" : false").contains("\"amount\"");
    } finally {
      try (Connection db = running.database(); Statement sql = db.createStatement()) {
        sql.executeUpdate("UPDATE ledger_entries SET amount = amount - 1 WHERE entry_id = '" + tampered + "'");
      }
    }
  }

  @Test
  @Order(6)
  void stopsOnSigtermAndKeepsItsStateAcrossARestart() throws Exception {
    Process first = up;
    up = null;
    stopWithSigterm(first);
    assertThat(FreePorts.isFree(httpPort)).as("API port released").isTrue();
    assertThat(FreePorts.isFree(portOf(stack.get("bootstrapServers").asText()))).as("Kafka stopped").isTrue();
    assertThat(FreePorts.isFree(portOf(stack.get("jdbcUrl").asText()))).as("PostgreSQL stopped").isTrue();

    up = startUp(httpPort);
    JsonNode wallet = call("GET", api + "/admin/wallets/caller/caller-1", token("ops", "admin"), null, 200);
    assertThat(wallet.at("/data/balance").decimalValue()).isEqualByComparingTo("798");
    assertThat(awaitHistoryRow(stack, firstCall)).isEqualTo(21);
  }

  private Process startUp(int httpPort, String... options) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("./callbill", "up"));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command).directory(CHECKOUT.toFile()).redirectErrorStream(true);
    builder.environment().putAll(Map.of(StackLayout.STACK_DIR_ENV, stackDir.toString(),
        "CALLBILL_HTTP_PORT", Integer.toString(httpPort),
        "CALLBILL_HEARTBEAT_TIMEOUT_SECONDS", Integer.toString(HEARTBEAT_TIMEOUT_SECONDS)));
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
