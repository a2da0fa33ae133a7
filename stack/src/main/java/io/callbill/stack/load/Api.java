package io.callbill.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The API over HTTP/1.1: one request, its status, its JSON body (or a missing node) and how long it took. */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;

  public Api(URI base) {
    RunningStack.requireLoopback("the API", base.getHost());
    this.base = base;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** An answer: status, body as JSON (missing when not JSON), latency in nanoseconds. */
  public record Answer(int status, JsonNode body, String raw, long nanos) {

    public JsonNode data() {
      return body.path("data");
    }

    public String message() {
      return body.path("message").asText(raw.length() > 80 ? raw.substring(0, 80) : raw);
    }

    public String describe() {
      return "HTTP " + status + " " + message();
    }
  }

  public Answer get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Answer post(String path, String token, String json) {
    return send("POST", path, token, json, Map.of());
  }

  public Answer put(String path, String token, String json) {
    return send("PUT", path, token, json, Map.of());
  }

  /** Sends a request; {@code headers} may override Content-Type. Throws on I/O failure (no answer). */
  public Answer send(String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    long began = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - began;
      return new Answer(response.statusCode(), parse(response.body()), response.body(), nanos);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** A JSON string literal. */
  public static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
