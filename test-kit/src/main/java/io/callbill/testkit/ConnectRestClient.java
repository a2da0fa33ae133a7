package io.callbill.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads connector states from a Kafka Connect worker's REST API ({@code GET /connectors?expand=status}), and stops,
 * resumes and resets the offsets of a connector (KIP-875: {@code PUT /connectors/NAME/stop}, {@code .../resume},
 * {@code DELETE /connectors/NAME/offsets}, the last only while it is STOPPED).
 */
final class ConnectRestClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

  ConnectRestClient(URI base) {
    this.base = base;
  }

  /** The state of a connector and of each of its tasks; {@code trace} is the first failure's stack trace, if any. */
  record ConnectorState(String name, String state, List<String> taskStates, String trace) {

    boolean running() {
      return "RUNNING".equals(state) && !taskStates.isEmpty()
          && taskStates.stream().allMatch("RUNNING"::equals);
    }

    boolean failed() {
      return "FAILED".equals(state) || taskStates.contains("FAILED");
    }

    boolean stopped() {
      return "STOPPED".equals(state);
    }
  }

  void stop(String connector) throws IOException, InterruptedException {
    send("PUT", "/connectors/" + connector + "/stop");
  }

  void resume(String connector) throws IOException, InterruptedException {
    send("PUT", "/connectors/" + connector + "/resume");
  }

  /** Forgets a stopped sink connector's consumer offsets: resumed, it reads its topics from the start again. */
  void resetOffsets(String connector) throws IOException, InterruptedException {
    send("DELETE", "/connectors/" + connector + "/offsets");
  }

  private void send(String method, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Every connector the worker knows, by name. */
  Map<String, ConnectorState> states() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/connectors?expand=status"))
        .timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /connectors answered " + response.statusCode() + ": " + response.body());
    }
    Map<String, ConnectorState> states = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> connectors = JSON.readTree(response.body()).fields();
    while (connectors.hasNext()) {
      Map.Entry<String, JsonNode> connector = connectors.next();
      JsonNode status = connector.getValue().path("status");
      List<String> tasks = new ArrayList<>();
      String trace = status.path("connector").path("trace").asText(null);
      for (JsonNode task : status.path("tasks")) {
        tasks.add(task.path("state").asText());
        if (trace == null) {
          trace = task.path("trace").asText(null);
        }
      }
      states.put(connector.getKey(), new ConnectorState(connector.getKey(),
          status.path("connector").path("state").asText(), tasks, trace));
    }
    return states;
  }
}
