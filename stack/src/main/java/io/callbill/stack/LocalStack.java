package io.callbill.stack;

import io.callbill.billing.app.TopicProvisioner;
import io.callbill.schemas.Topics;
import io.callbill.sink.ConnectWorkerProcess;
import io.callbill.sink.Migrations;
import io.callbill.sink.SinkConnectors;
import io.callbill.sink.SinkTarget;
import io.callbill.sink.WorkerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Starts the whole pipeline on this machine, in order, and stops what it started in reverse order: a KRaft broker,
 * the topics, PostgreSQL and its schema, Kafka Connect with the JDBC sink, billing-streams, api-ingest. Ready when every part answers; then prints one line starting
 * {@code callbill ready:} and writes {@code .callbill/stack.json}.
 */
public final class LocalStack implements AutoCloseable {

  public static final int TOPIC_PARTITIONS = 6;
  private static final Duration PART_TIMEOUT = Duration.ofMinutes(3);

  private final StackLayout layout;
  private final int httpPort;
  private final PrintStream out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private boolean closed;

  public LocalStack(StackLayout layout, int httpPort, PrintStream out) {
    this.layout = layout;
    this.httpPort = httpPort;
    this.out = out;
  }

  /** Starts every part; on failure stops what was started and rethrows. */
  public StackInfo start() {
    try {
      return startParts();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private StackInfo startParts() {
    if (!FreePorts.isFree(httpPort)) {
      throw new IllegalStateException("port " + httpPort + " is in use: stop what uses it or set CALLBILL_HTTP_PORT");
    }
    Properties ports = ports();

    progress("starting Kafka (KRaft, 1 node)");
    KafkaBrokerProcess kafka = KafkaBrokerProcess.start(layout.kafka(), port(ports, "kafka"),
        port(ports, "kafka.controller"), layout.log("kafka"));
    register(kafka);
    progress("creating topics");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(60))
          .provision(Topics.withDefaultPrefix(), TOPIC_PARTITIONS, (short) 1);
    }

    progress("starting PostgreSQL");
    LocalPostgres postgres = LocalPostgres.start(layout.postgres(), port(ports, "postgres"));
    register(postgres);

    progress("migrating the PostgreSQL schema");
    Migrations.migrate(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);

    progress("starting Kafka Connect with the JDBC sink");
    ConnectWorkerProcess connect = ConnectWorkerProcess.start(
        WorkerSettings.of(kafka.bootstrapServers(), layout.connect(), layout.connectInstallation())
            .withRestPort(port(ports, "connect.rest")),
        new SinkTarget(Topics.DEFAULT_PREFIX, postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD),
        SinkConnectors.ALL);
    register(connect);
    awaitConnectors(connect);

    progress("starting billing-streams");
    int healthPort = port(ports, "billing.health");
    ChildProcess billing = ChildProcess.startJava("billing-streams", List.of("-Xmx512m"),
        List.of("-jar", layout.execJar("billing-streams").toString()),
        Map.of("CALLBILL_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "CALLBILL_STATE_DIR", layout.billingState().toString(),
            "CALLBILL_HEALTH_PORT", Integer.toString(healthPort),
            "CALLBILL_CREATE_TOPICS", "false",
            "CALLBILL_INSTANCE_ID", "local-billing-1"),
        layout.log("billing-streams"));
    register(billing);
    // RUNNING, not just healthy: a rebalancing instance is alive but may not own its tasks yet.
    Readiness.awaitHttpOk(billing, "http://127.0.0.1:" + healthPort + "/health", "\"state\":\"RUNNING\"",
        PART_TIMEOUT);

    progress("starting api-ingest on port " + httpPort);
    ChildProcess api = ChildProcess.startJava("api-ingest", List.of("-Xmx512m"),
        List.of("-jar", layout.execJar("api-ingest").toString()),
        Map.of("CALLBILL_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "CALLBILL_HTTP_PORT", Integer.toString(httpPort),
            "CALLBILL_JWT_SECRET", LocalTokens.secret(layout.jwtSecret()),
            "CALLBILL_JDBC_URL", postgres.jdbcUrl(),
            "CALLBILL_JDBC_USER", LocalPostgres.USER,
            "CALLBILL_JDBC_PASSWORD", LocalPostgres.PASSWORD),
        layout.log("api-ingest"));
    register(api);
    String apiUrl = "http://127.0.0.1:" + httpPort;
    Readiness.awaitHttpOk(api, apiUrl + "/actuator/health", PART_TIMEOUT);

    StackInfo info = new StackInfo(apiUrl, kafka.bootstrapServers(), postgres.jdbcUrl(), LocalPostgres.USER,
        LocalPostgres.PASSWORD);
    writeStackJson(info);
    return info;
  }

  private static void awaitConnectors(ConnectWorkerProcess connect) {
    try {
      connect.awaitRunning(SinkConnectors.ALL, PART_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka Connect", e);
    }
  }

  /** Keeps a started part for {@link #close()}; a part started after a stop request is stopped at once. */
  private synchronized void register(AutoCloseable part) {
    if (closed) {
      try {
        part.close();
      } catch (Exception e) {
        out.println("callbill: could not stop a part cleanly: " + e.getMessage());
      }
      throw new IllegalStateException("stopped while starting");
    }
    started.push(part);
  }

  /** Stops every started part, the last started first. Safe to call from a shutdown hook during start. */
  @Override
  public synchronized void close() {
    closed = true;
    try {
      // stack.json says "running here": it goes first, so nobody connects to parts that are stopping.
      Files.deleteIfExists(layout.stackJson());
    } catch (IOException e) {
      out.println("callbill: could not delete " + layout.stackJson() + ": " + e.getMessage());
    }
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        out.println("callbill: could not stop a part cleanly: " + e.getMessage());
      }
    }
  }

  private Properties ports() {
    Properties ports = layout.loadPorts();
    for (String name : List.of("kafka", "kafka.controller", "postgres", "connect.rest", "billing.health")) {
      ports.computeIfAbsent(name, key -> Integer.toString(FreePorts.find()));
    }
    layout.savePorts(ports);
    return ports;
  }

  private static int port(Properties ports, String name) {
    int port = Integer.parseInt(ports.getProperty(name));
    if (!FreePorts.isFree(port)) {
      throw new IllegalStateException("port " + port + " (" + name + ") is in use; is another stack running? "
          + "Stop it, or delete " + name + " from .callbill/ports.properties");
    }
    return port;
  }

  private void progress(String step) {
    out.println("callbill: " + step + " ...");
  }

  private void writeStackJson(StackInfo info) {
    try {
      Files.writeString(layout.stackJson(), info.toJson() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
