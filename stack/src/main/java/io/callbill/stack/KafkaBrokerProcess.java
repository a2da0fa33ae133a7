package io.callbill.stack;

import io.callbill.stack.Pause;
import io.callbill.testkit.SingleNodeKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) in its own JVM, from the kafka_2.13 jars on
 * this process's class path: {@code StorageTool format} once for a new data directory, then {@code kafka.Kafka}.
 * Its data directory survives restarts, so do topics and committed offsets.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final ChildProcess process;
  private final String bootstrapServers;

  private KafkaBrokerProcess(ChildProcess process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker on 127.0.0.1:{@code port} (controller on {@code controllerPort}) with its data under
   * {@code dataDir}, and waits until it answers.
   */
  public static KafkaBrokerProcess start(Path dataDir, int port, int controllerPort, Path log) {
    Path config = writeConfig(dataDir, port, controllerPort);
    List<String> classpath = List.of("-cp", System.getProperty("java.class.path"));
    if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
      ChildProcess.runJava("kafka-storage-format", classpath, List.of("kafka.tools.StorageTool", "format",
          "-t", Uuid.randomUuid().toString(), "-c", config.toString()), log, Duration.ofSeconds(60));
    }
    List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=" + StackLogging.childConfig());
    ChildProcess process = ChildProcess.startJava("kafka", jvm, List.of("kafka.Kafka", config.toString()), Map.of(),
        log);
    KafkaBrokerProcess broker = new KafkaBrokerProcess(process, "127.0.0.1:" + port);
    broker.awaitReady();
    return broker;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public ChildProcess process() {
    return process;
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      process.checkAlive();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = new IllegalStateException(e);
        Pause.orFail(Duration.ofMillis(500));
      }
    }
    process.kill();
    throw new IllegalStateException("Kafka did not become ready within " + READY_TIMEOUT + "; see "
        + process.log(), last);
  }

  private static Path writeConfig(Path dataDir, int port, int controllerPort) {
    Properties props = new Properties();
    props.putAll(SingleNodeKafka.SETTINGS);
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
    props.put("num.partitions", "1");
    Path file = dataDir.resolve("server.properties");
    try {
      Files.createDirectories(dataDir);
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        props.store(out, "Written by the Callbill local stack at every start");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM: the broker shuts down cleanly. */
  public void stop() {
    process.stop();
  }

  /** SIGKILL, for crash tests. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }
}
