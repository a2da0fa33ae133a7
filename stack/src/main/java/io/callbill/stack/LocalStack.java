package io.callbill.stack;

import io.callbill.billing.app.TopicProvisioner;
import io.callbill.schemas.Topics;
import io.callbill.sink.Migrations;
import io.callbill.sink.SinkConnectors;
import io.callbill.sink.SinkTarget;
import io.callbill.testkit.ConnectWorkerProcess;
import io.callbill.testkit.WorkerSettings;
import java.io.IOException;
import java.io.PrintStream;
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
  private final Map<String, String> billingSettings;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private volatile boolean closed;
  private Properties ports;
  private KafkaBrokerProcess kafka;
  private LocalPostgres postgres;
  private ConnectWorkerProcess connect;
  private ChildProcess billing;
  private ChildProcess api;
  private StackInfo info;

  /** The parts a crash test may kill and restart on their own. */
  public enum Part { KAFKA, CONNECT, BILLING }

  public LocalStack(StackLayout layout, int httpPort, PrintStream out) {
    this(layout, httpPort, out, Map.of());
  }

  /**
   * A stack whose billing-streams also gets {@code billingSettings} in its environment (e.g.
   * {@code CALLBILL_HEARTBEAT_TIMEOUT_SECONDS}), over what this process's environment already passes on.
   */
  public LocalStack(StackLayout layout, int httpPort, PrintStream out, Map<String, String> billingSettings) {
    this.layout = layout;
    this.httpPort = httpPort;
    this.out = out;
    this.billingSettings = Map.copyOf(billingSettings);
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
    ports = ports();

    progress("starting Kafka (KRaft, 1 node)");
    kafka = startKafka();
    register(() -> kafka.close());
    progress("creating topics");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      new TopicProvisioner(admin, Duration.ofSeconds(60))
          .provision(Topics.withDefaultPrefix(), TOPIC_PARTITIONS, (short) 1);
    }

    progress("starting PostgreSQL");
    postgres = LocalPostgres.start(layout.postgres(), port(ports, "postgres"));
    register(postgres);

    progress("migrating the PostgreSQL schema");
    Migrations.migrate(postgres.jdbcUrl(), LocalPostgres.SINK_USER, postgres.sinkPassword());
    postgres.grantApiReads();

    progress("starting Kafka Connect with the JDBC sink");
    connect = startConnect();
    register(() -> connect.close());
    awaitConnectors(connect, PART_TIMEOUT);

    progress("starting billing-streams");
    billing = startBilling();
    register(() -> billing.close());
    awaitBilling(PART_TIMEOUT);

    progress("starting api-ingest on port " + httpPort);
    api = startApi();
    register(() -> api.close());
    awaitApi(PART_TIMEOUT);

    // The sink's role: the proofs (load, badinput, crash) read every table, the ledger included.
    info = new StackInfo(apiUrl(), kafka.bootstrapServers(), postgres.jdbcUrl(), LocalPostgres.SINK_USER,
        postgres.sinkPassword(), "http://127.0.0.1:" + ports.getProperty("billing.management") + "/metrics",
        "http://127.0.0.1:" + ports.getProperty("api.management") + "/actuator/prometheus");
    writeStackJson(info.toJson());
    return info;
  }

  /**
   * Watches billing-streams, the Connect worker and api-ingest from now on: one that exits is reported with the end
   * of its log and started again with back-off ({@link PartWatch}); {@code stack.json} gains each part's state.
   * For {@code ./callbill up}; a crash test kills and restarts parts itself and does not watch.
   */
  public synchronized PartWatch watch() {
    if (info == null) {
      throw new IllegalStateException("start the stack first");
    }
    PartWatch watch = new PartWatch(List.of(
        watched("billing-streams", () -> billing.isAlive(), () -> billing.pid(), layout.log("billing-streams"),
            () -> restart(Part.BILLING, PART_TIMEOUT)),
        watched("kafka-connect", () -> connect.isAlive(), () -> connect.pid(), connect.logFile(),
            () -> restart(Part.CONNECT, PART_TIMEOUT)),
        watched("api-ingest", () -> api.isAlive(), () -> api.pid(), layout.log("api-ingest"), this::restartApi)),
        RestartPolicy.DEFAULT, out, parts -> {
          if (!closed) {
            writeStackJson(info.toJson(parts));
          }
        });
    register(watch);
    return watch.start();
  }

  private static PartWatch.Watched watched(String name, java.util.function.BooleanSupplier alive,
      java.util.function.LongSupplier pid, java.nio.file.Path log, Runnable restart) {
    return new PartWatch.Watched() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean isAlive() {
        return alive.getAsBoolean();
      }

      @Override
      public long pid() {
        return pid.getAsLong();
      }

      @Override
      public java.nio.file.Path log() {
        return log;
      }

      @Override
      public void restart() {
        restart.run();
      }
    };
  }

  private ChildProcess startApi() {
    return ChildProcess.startJava("api-ingest", List.of("-Xmx512m"),
        List.of("-jar", layout.execJar("api-ingest").toString()),
        Map.of("CALLBILL_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "CALLBILL_HTTP_PORT", Integer.toString(httpPort),
            "CALLBILL_MANAGEMENT_PORT", ports.getProperty("api.management"),
            "CALLBILL_JWT_SECRET", LocalTokens.secret(layout.jwtSecret()),
            "CALLBILL_JWT_AUDIENCE", LocalTokens.AUDIENCE,
            "CALLBILL_JWT_ISSUER", LocalTokens.ISSUER,
            "CALLBILL_JDBC_URL", postgres.jdbcUrl(),
            "CALLBILL_JDBC_USER", LocalPostgres.API_USER,
            "CALLBILL_JDBC_PASSWORD", postgres.apiPassword()),
        layout.log("api-ingest"));
  }

  private String apiUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  private void awaitApi(Duration timeout) {
    Readiness.awaitHttpOk(api, apiUrl() + "/actuator/health", timeout);
  }

  /** Starts a dead api-ingest again on the same port and waits until it answers. */
  private synchronized void restartApi() {
    if (closed) {
      throw new IllegalStateException("stack is stopped");
    }
    long deadline = System.nanoTime() + PART_TIMEOUT.toNanos();
    awaitPortFree(httpPort, deadline);
    api = startApi();
    awaitApi(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  private KafkaBrokerProcess startKafka() {
    return KafkaBrokerProcess.start(layout.kafka(), port(ports, "kafka"), port(ports, "kafka.controller"),
        layout.log("kafka"));
  }

  private ConnectWorkerProcess startConnect() {
    return ConnectWorkerProcess.start(
        WorkerSettings.of(kafka.bootstrapServers(), layout.connect(), layout.connectInstallation())
            .withRestPort(port(ports, "connect.rest")),
        new SinkTarget(Topics.DEFAULT_PREFIX, postgres.jdbcUrl(), LocalPostgres.SINK_USER,
                postgres.sinkPassword()).environment(),
        SinkConnectors.ALL);
  }

  private ChildProcess startBilling() {
    Map<String, String> environment = new java.util.HashMap<>(billingSettings);
    environment.putAll(Map.of("CALLBILL_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "CALLBILL_STATE_DIR", layout.billingState().toString(),
        "CALLBILL_HEALTH_PORT", ports.getProperty("billing.health"),
        "CALLBILL_MANAGEMENT_PORT", ports.getProperty("billing.management"),
        "CALLBILL_CREATE_TOPICS", "false",
        "CALLBILL_INSTANCE_ID", "local-billing-1"));
    return ChildProcess.startJava("billing-streams", List.of("-Xmx512m"),
        List.of("-jar", layout.execJar("billing-streams").toString()), environment, layout.log("billing-streams"));
  }

  /** RUNNING, not just healthy: a rebalancing instance is alive but may not own its tasks yet. */
  private void awaitBilling(Duration timeout) {
    Readiness.awaitHttpOk(billing, billingHealthUrl(), "\"state\":\"RUNNING\"", timeout);
  }

  private String billingHealthUrl() {
    return "http://127.0.0.1:" + ports.getProperty("billing.health") + "/health";
  }

  /** SIGKILL one part, as in a crash: no shutdown hook, no flush, no commit. */
  public synchronized void kill(Part part) {
    try {
      switch (part) {
        case KAFKA -> kafka.kill();
        case CONNECT -> connect.kill();
        case BILLING -> billing.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + part, e);
    }
  }

  /**
   * Starts a killed (or dead) part again on the same state, ports and identity, and waits until it is ready:
   * the broker answers, every connector runs, billing-streams is RUNNING. Fails when that takes over {@code timeout}.
   */
  public synchronized void restart(Part part, Duration timeout) {
    if (closed) {
      throw new IllegalStateException("stack is stopped");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String port = switch (part) {
      case KAFKA -> "kafka";
      case CONNECT -> "connect.rest";
      case BILLING -> "billing.health";
    };
    awaitPortFree(Integer.parseInt(ports.getProperty(port)), deadline);
    if (part == Part.KAFKA) {
      awaitPortFree(Integer.parseInt(ports.getProperty("kafka.controller")), deadline);
    }
    if (part == Part.BILLING) {
      awaitPortFree(Integer.parseInt(ports.getProperty("billing.management")), deadline);
    }
    switch (part) {
      case KAFKA -> kafka = startKafka();
      case CONNECT -> {
        connect = startConnect();
        awaitConnectors(connect, remaining(deadline, part));
      }
      case BILLING -> {
        billing = startBilling();
        awaitBilling(remaining(deadline, part));
      }
    }
    remaining(deadline, part);
  }

  /** Whether billing-streams answers RUNNING now (e.g. after the broker came back). */
  public boolean billingRunning() {
    return billing.isAlive() && Readiness.isOk(billingHealthUrl(), "\"state\":\"RUNNING\"");
  }

  public boolean isAlive(Part part) {
    return switch (part) {
      case KAFKA -> kafka.process().isAlive();
      case CONNECT -> connect.isAlive();
      case BILLING -> billing.isAlive();
    };
  }

  /** Waits for every connector to run again (e.g. after the broker came back), within {@code timeout}. */
  public void awaitConnectorsRunning(Duration timeout) {
    awaitConnectors(connect, timeout);
  }

  /** Waits for billing-streams to answer RUNNING again, within {@code timeout}. */
  public void awaitBillingRunning(Duration timeout) {
    awaitBilling(timeout);
  }

  private static Duration remaining(long deadline, Part part) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IllegalStateException(part + " was not ready again within its restart deadline");
    }
    return Duration.ofNanos(left);
  }

  /** A killed process's listening port is released at its death; wait for it rather than fail on a slow release. */
  private static void awaitPortFree(int port, long deadline) {
    while (!FreePorts.isFree(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("port " + port + " still in use");
      }
      Pause.orFail(Duration.ofMillis(100));
    }
  }

  private static void awaitConnectors(ConnectWorkerProcess connect, Duration timeout) {
    try {
      connect.awaitRunning(SinkConnectors.ALL, timeout);
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
    for (String name : List.of("kafka", "kafka.controller", "postgres", "connect.rest", "billing.health",
        "billing.management", "api.management")) {
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

  /** Mode 0600 from the start: it holds the database password. */
  private void writeStackJson(String json) {
    PrivateFiles.write(layout.stackJson(), json + "\n");
  }
}
