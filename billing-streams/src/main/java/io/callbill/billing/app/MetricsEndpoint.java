package io.callbill.billing.app;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus text exposition of {@link BillingMetrics}, on the management address and port
 * ({@link ManagementSettings}), apart from {@code /health}.
 *
 * <p>Why a second JDK server and not a path on the health one: the health port is what an orchestrator probes and
 * listens wherever it must be reachable; metrics stay on loopback unless told otherwise. Both are a
 * {@link OnePathServer}.
 */
public final class MetricsEndpoint implements AutoCloseable {

  public static final String PATH = "/metrics";
  /** Prometheus text format 0.0.4, what every Prometheus version scrapes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final OnePathServer server;

  private MetricsEndpoint(OnePathServer server) {
    this.server = server;
  }

  /** Listens on the management address and port (port 0: a free one); GET only. */
  public static MetricsEndpoint start(ManagementSettings settings, Supplier<String> scrape) {
    InetSocketAddress address = new InetSocketAddress(settings.address(), settings.port());
    return new MetricsEndpoint(OnePathServer.start(address, PATH, "metrics", false,
        () -> new OnePathServer.Answer(200, CONTENT_TYPE, scrape.get())));
  }

  public int port() {
    return server.port();
  }

  public String host() {
    return server.host();
  }

  @Override
  public void close() {
    server.close();
  }
}
