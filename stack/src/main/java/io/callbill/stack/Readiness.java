package io.callbill.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits for a part's HTTP health endpoint to answer 200, failing early if its process died. */
public final class Readiness {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {
  }

  static void awaitHttpOk(ChildProcess process, String url, Duration timeout) {
    awaitHttpOk(process, url, "", timeout);
  }

  /** Waits for a 200 whose body contains {@code expected} (e.g. a state, not just "up"). */
  public static void awaitHttpOk(ChildProcess process, String url, String expected, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      process.checkAlive();
      if (isOk(url, expected)) {
        return;
      }
      Pause.orFail(Duration.ofMillis(500));
    }
    throw new IllegalStateException(process.name() + " not healthy at " + url + " within " + timeout + "; see "
        + process.log());
  }

  static boolean isOk(String url, String expected) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains(expected);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
