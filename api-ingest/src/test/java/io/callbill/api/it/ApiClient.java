package io.callbill.api.it;

import io.callbill.api.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client of the running API: JSON in, status and JSON out. */
final class ApiClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  /** One HTTP answer: status and body (an empty object node when the body is empty). */
  record Answer(int status, JsonNode body, long micros) {
    boolean success() {
      return body.path("success").asBoolean(false);
    }

    String message() {
      return body.path("message").asString("");
    }

    JsonNode data() {
      return body.path("data");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Answer get(String path, String token) {
    return send(request(path, token).GET(), null);
  }

  Answer post(String path, String token, String json) {
    return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)), null);
  }

  Answer post(String path, String token, String json, String idempotencyKey) {
    return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)), idempotencyKey);
  }

  Answer put(String path, String token, String json) {
    return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(json)), null);
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json");
    if (token != null) {
      builder.header("Authorization", TestTokens.bearer(token));
    }
    return builder;
  }

  private Answer send(HttpRequest.Builder builder, String idempotencyKey) {
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    try {
      long started = System.nanoTime();
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - started) / 1_000;
      JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), body, micros);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
