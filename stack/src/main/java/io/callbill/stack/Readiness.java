package io.callbill.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits for a part's HTTP health endpoint to answer 200, failing early if its process died. */
final class Readiness {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Readiness() {
  }

  static void awaitHttpOk(ChildProcess process, String url, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      process.checkAlive();
      if (isOk(url)) {
        return;
      }
      KafkaBrokerProcess.sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(process.name() + " not healthy at " + url + " within " + timeout + "; see "
        + process.log());
  }

  static boolean isOk(String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
