package io.callbill.proofs.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.callbill.stack.Pause;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API over HTTP/1.1: one request, its status, its JSON body (or a missing node) and how long it took. A 429 (rate
 * limited) is waited out as its {@code Retry-After} says and sent again, so each request gets the API's real answer;
 * {@link #sendOnce} does not wait.
 */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int TOO_MANY_REQUESTS = 429;
  /** A request refused this many times in a row is answered with its 429. */
  private static final int MAX_RATE_LIMITED_RETRIES = 30;

  private final AtomicLong rateLimitedWaits = new AtomicLong();

  private final URI base;
  private final HttpClient http;

  public Api(URI base) {
    RunningStack.requireLoopback("the API", base.getHost());
    this.base = base;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * An answer: status, body as JSON (missing when not JSON), latency in nanoseconds, and the {@code Retry-After} in
   * seconds (0 when absent).
   */
  public record Answer(int status, JsonNode body, String raw, long nanos, long retryAfter) {

    public boolean hadRetryAfter() {
      return retryAfter > 0;
    }

    /** How long to wait before sending it again: the {@code Retry-After}, or a second without one. */
    public long retryAfterSeconds() {
      return Math.max(1, retryAfter);
    }

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

  /** How many times a 429 was waited out so far. */
  public long rateLimitedWaits() {
    return rateLimitedWaits.get();
  }

  /**
   * Sends a request, waiting out 429s ({@code Retry-After}); {@code headers} may override Content-Type. Throws on
   * I/O failure (no answer). The latency includes the waits.
   */
  public Answer send(String method, String path, String token, String body, Map<String, String> headers) {
    long began = System.nanoTime();
    Answer answer = sendOnce(method, path, token, body, headers);
    for (int retry = 0; answer.status() == TOO_MANY_REQUESTS && retry < MAX_RATE_LIMITED_RETRIES; retry++) {
      rateLimitedWaits.incrementAndGet();
      Pause.orFail(Duration.ofSeconds(answer.retryAfterSeconds()));
      answer = sendOnce(method, path, token, body, headers);
    }
    return new Answer(answer.status(), answer.body(), answer.raw(), System.nanoTime() - began, answer.retryAfter());
  }

  /** Sends a request once: a 429 is the answer. */
  public Answer sendOnce(String method, String path, String token, String body, Map<String, String> headers) {
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
      long retryAfter = response.headers().firstValue("Retry-After").map(Api::seconds).orElse(0L);
      return new Answer(response.statusCode(), parse(response.body()), response.body(), nanos, retryAfter);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Retry-After in seconds, bounded to a minute; an HTTP date or nonsense counts as one second. */
  private static long seconds(String retryAfter) {
    try {
      return Math.max(1, Math.min(60, Long.parseLong(retryAfter.trim())));
    } catch (NumberFormatException e) {
      return 1;
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
