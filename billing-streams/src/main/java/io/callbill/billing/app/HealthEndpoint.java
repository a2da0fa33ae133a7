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
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code GET /health}: 200 {@code {"status":"UP","state":"RUNNING"}} while Kafka Streams is RUNNING or REBALANCING,
 * 503 with {@code "DOWN"} and the state otherwise.
 *
 * <p>Why: an orchestrator (or {@code ./callbill up}, or a test) needs to know when the instance is processing, without
 * a web framework in a plain Kafka Streams app. The JDK's HTTP server is enough for one endpoint. REBALANCING counts
 * as up: it is a normal, passing phase and restarting the instance for it would only cause another rebalance.
 */
public final class HealthEndpoint implements AutoCloseable {

  public static final String PATH = "/health";

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on every interface at {@code port} (0: a free port, see {@link #port()}). */
  public static HealthEndpoint start(int port, Supplier<KafkaStreams.State> state) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the health endpoint on port " + port, e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "callbill-health");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext(PATH, exchange -> answer(exchange, state.get()));
    server.start();
    return new HealthEndpoint(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  static boolean isUp(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  static String body(KafkaStreams.State state) {
    return "{\"status\":\"" + (isUp(state) ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\"}";
  }

  private static void answer(HttpExchange exchange, KafkaStreams.State state) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = body(state).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      int status = isUp(state) ? 200 : 503;
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
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
