package io.callbill.billing.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The JDK's HTTP server answering one path, GET (and HEAD when asked), on one daemon thread: what billing's health
 * and metrics endpoints share. Any other path is 404, any other method 405 with {@code Allow}; answers are never
 * cached.
 *
 * <p>Why one thread: a probe or a scraper every few seconds needs no more, and a slow client cannot take threads
 * from billing.
 */
final class OnePathServer implements AutoCloseable {

  /** What the path answers: status, content type and body. */
  record Answer(int status, String contentType, String body) {
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private OnePathServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code address} (port 0: a free one); {@code what} names the endpoint in errors and its thread. */
  static OnePathServer start(InetSocketAddress address, String path, String what, boolean head,
      Supplier<Answer> answer) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the " + what + " endpoint on " + address, e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "callbill-" + what);
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext(path, exchange -> answer(exchange, path, head, answer));
    server.start();
    return new OnePathServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  private static void answer(HttpExchange exchange, String path, boolean head, Supplier<Answer> answers)
      throws IOException {
    try (exchange) {
      if (!path.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String method = exchange.getRequestMethod();
      boolean isHead = head && "HEAD".equals(method);
      if (!"GET".equals(method) && !isHead) {
        exchange.getResponseHeaders().set("Allow", head ? "GET, HEAD" : "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Answer answer = answers.get();
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (isHead) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
