package io.callbill.billing.app;

import java.net.InetSocketAddress;
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

  private final OnePathServer server;

  private HealthEndpoint(OnePathServer server) {
    this.server = server;
  }

  /** Listens on every interface at {@code port} (0: a free port, see {@link #port()}); GET and HEAD. */
  public static HealthEndpoint start(int port, Supplier<KafkaStreams.State> state) {
    return new HealthEndpoint(OnePathServer.start(new InetSocketAddress(port), PATH, "health", true, () -> {
      KafkaStreams.State now = state.get();
      return new OnePathServer.Answer(isUp(now) ? 200 : 503, "application/json", body(now));
    }));
  }

  public int port() {
    return server.port();
  }

  static boolean isUp(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  static String body(KafkaStreams.State state) {
    return "{\"status\":\"" + (isUp(state) ? "UP" : "DOWN") + "\",\"state\":\"" + state + "\"}";
  }

  @Override
  public void close() {
    server.close();
  }
}
