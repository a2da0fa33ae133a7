package io.callbill.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * How a standalone Kafka Connect worker for the sink runs: the broker, where its state lives (worker.properties, the
 * offsets file, the log), the installation it runs from, and a few timings.
 *
 * @param bootstrapServers the Kafka cluster the sink reads
 * @param stateDir the worker's own directory; kept across restarts
 * @param layout the installation (class path, plugin path, connector configurations)
 * @param restPort the REST API's port on 127.0.0.1; 0 picks a free one at each start
 * @param offsetFlushInterval how often the sink tasks commit their consumer offsets. After a crash everything since
 *     the last commit is written again; upserts make that harmless, a short interval keeps the replay short
 * @param consumerSessionTimeout how long the group waits for a crashed worker's consumers before their partitions
 *     move on; with the default 45 s a restarted worker would wait that long for its own partitions
 * @param jvmOptions options of the worker's JVM (heap, logging)
 */
public record WorkerSettings(String bootstrapServers, Path stateDir, ConnectLayout layout, int restPort,
                             Duration offsetFlushInterval, Duration consumerSessionTimeout, List<String> jvmOptions) {

  public static final Duration DEFAULT_OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONSUMER_SESSION_TIMEOUT = Duration.ofSeconds(10);
  /**
   * A fixed 1 GB heap and the parallel collector: with a serial collector growing from 128 MB, a JFR recording of the
   * benchmark's sink phase showed young pauses of 100-190 ms, 10 % of the time. The worker logs to its log file.
   */
  public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
      "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC",
      "-Dorg.slf4j.simpleLogger.showDateTime=true",
      "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
      "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
      "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common=warn",
      "-Dorg.slf4j.simpleLogger.log.org.hibernate=warn");

  public static final String WORKER_PROPERTIES = "worker.properties";
  public static final String OFFSETS_FILE = "connect.offsets";
  public static final String LOG_FILE = "connect-worker.log";

  public WorkerSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    stateDir = stateDir.toAbsolutePath().normalize();
    Objects.requireNonNull(layout, "layout");
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** Default timings and JVM options, a free REST port. */
  public static WorkerSettings of(String bootstrapServers, Path stateDir, ConnectLayout layout) {
    return new WorkerSettings(bootstrapServers, stateDir, layout, 0, DEFAULT_OFFSET_FLUSH_INTERVAL,
        DEFAULT_CONSUMER_SESSION_TIMEOUT, DEFAULT_JVM_OPTIONS);
  }

  public WorkerSettings withRestPort(int port) {
    return new WorkerSettings(bootstrapServers, stateDir, layout, port, offsetFlushInterval, consumerSessionTimeout,
        jvmOptions);
  }

  public WorkerSettings withOffsetFlushInterval(Duration interval) {
    return new WorkerSettings(bootstrapServers, stateDir, layout, restPort, interval, consumerSessionTimeout,
        jvmOptions);
  }

  public WorkerSettings withJvmOptions(List<String> options) {
    return new WorkerSettings(bootstrapServers, stateDir, layout, restPort, offsetFlushInterval,
        consumerSessionTimeout, options);
  }

  public Path logFile() {
    return stateDir.resolve(LOG_FILE);
  }

  /** The standalone worker's configuration for a REST API on {@code port}. */
  public Properties standaloneProperties(int port) {
    Properties worker = new Properties();
    worker.setProperty("bootstrap.servers", bootstrapServers);
    worker.setProperty("listeners", "http://127.0.0.1:" + port);
    worker.setProperty("plugin.path", layout.plugins().toString());
    // Every plugin we use ships ServiceLoader manifests: no reflective scan of the Debezium plugin's many jars.
    worker.setProperty("plugin.discovery", "service_load");
    worker.setProperty("offset.storage.file.filename", stateDir.resolve(OFFSETS_FILE).toString());
    worker.setProperty("offset.flush.interval.ms", Long.toString(offsetFlushInterval.toMillis()));
    worker.setProperty("consumer.session.timeout.ms", Long.toString(consumerSessionTimeout.toMillis()));
    worker.setProperty("consumer.heartbeat.interval.ms", Long.toString(consumerSessionTimeout.toMillis() / 4));
    // Worker defaults only; every sink connector names its own converters.
    worker.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    // The connectors read the database and the topic prefix from the worker's environment (sink-connectors' SinkTarget).
    worker.setProperty("config.providers", "env");
    worker.setProperty("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    // The sinks override their consumer's isolation.level (read_committed): allowed only under this policy.
    worker.setProperty("connector.client.config.override.policy", "All");
    return worker;
  }
}
