package io.callbill.proofs.bench;

import io.callbill.stack.ChildProcess;
import io.callbill.stack.FreePorts;
import io.callbill.stack.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * billing-streams as the benchmark runs it: its own JVM on the throw-away broker, one state directory and instance id
 * across restarts, health and metrics on free ports (a fixed port would clash with a stack already up), and the
 * run's {@code --set} settings written to its properties file ({@code CALLBILL_CONFIG}), so every Kafka Streams
 * setting can be measured without a rebuild.
 */
final class BenchBilling implements AutoCloseable {

  private static final Duration RUNNING_WITHIN = Duration.ofMinutes(5);

  private final Path jar;
  private final Map<String, String> environment;
  private final Path log;
  private final int healthPort = FreePorts.find();
  private final int managementPort = FreePorts.find();
  private ChildProcess process;

  BenchBilling(Path jar, String bootstrap, Path workDir, Map<String, String> settings) {
    this.jar = jar;
    this.log = workDir.resolve("logs").resolve("billing-streams.log");
    Map<String, String> env = new HashMap<>(Map.of("CALLBILL_BOOTSTRAP_SERVERS", bootstrap,
        "CALLBILL_STATE_DIR", workDir.resolve("state").toString(),
        "CALLBILL_HEALTH_PORT", Integer.toString(healthPort),
        "CALLBILL_MANAGEMENT_PORT", Integer.toString(managementPort),
        "CALLBILL_INSTANCE_ID", "bench-1",
        "CALLBILL_CREATE_TOPICS", "false"));
    if (!settings.isEmpty()) {
      env.put("CALLBILL_CONFIG", writeSettings(workDir.resolve("billing-streams.properties"), settings).toString());
    }
    this.environment = Map.copyOf(env);
  }

  /** Starts billing-streams and waits until Kafka Streams is RUNNING. */
  void start() {
    process = ChildProcess.startJava("billing-streams", List.of("-Xmx1g"), List.of("-jar", jar.toString()),
        environment, log);
    Readiness.awaitHttpOk(process, "http://127.0.0.1:" + healthPort + "/health", "\"state\":\"RUNNING\"",
        RUNNING_WITHIN);
  }

  /** Starts billing-streams without waiting: the caller times what follows. */
  void startNoWait() {
    process = ChildProcess.startJava("billing-streams", List.of("-Xmx1g"), List.of("-jar", jar.toString()),
        environment, log);
  }

  void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /** kill -9, as in a crash. */
  void kill() {
    process.kill();
  }

  long pid() {
    return process.pid();
  }

  int managementPort() {
    return managementPort;
  }

  ChildProcess process() {
    return process;
  }

  @Override
  public void close() {
    stop();
  }

  private static Path writeSettings(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try {
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "./callbill bench --set");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
