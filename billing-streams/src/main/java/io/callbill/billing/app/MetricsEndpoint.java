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
 * {@code GET /metrics}: the Prometheus text exposition of {@link BillingMetrics}, on the management address and port
 * ({@link ManagementSettings}), apart from {@code /health}.
 *
 * <p>Why a second JDK server and not a path on the health one: the health port is what an orchestrator probes and
 * listens wherever it must be reachable; metrics stay on loopback unless told otherwise. One thread: a scrape every
 * few seconds needs no more, and a slow scraper cannot take threads from billing.
 */
public final class MetricsEndpoint implements AutoCloseable {

  public static final String PATH = "/metrics";
  /** Prometheus text format 0.0.4, what every Prometheus version scrapes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static MetricsEndpoint start(ManagementSettings settings, Supplier<String> scrape) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.address(), settings.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the metrics endpoint on " + settings.address().getHostAddress()
          + ":" + settings.port(), e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "callbill-metrics");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext(PATH, exchange -> answer(exchange, scrape));
    server.start();
    return new MetricsEndpoint(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getAddress().getHostAddress();
  }

  private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
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
