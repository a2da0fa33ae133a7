package io.callbill.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Kafka Connect worker running the sink connectors in its own JVM:
 * {@code java -cp lib/* org.apache.kafka.connect.cli.ConnectStandalone worker.properties connectors/*.json}.
 *
 * <p>Why a process and not an in-process worker: the worker runs the Kafka version its Debezium plugin was built
 * for (see {@link ConnectLayout}), while the code that starts it (tests, the local stack) runs the build's Kafka.
 * A process is also what can be killed for real ({@link #kill()}), which is how the tests prove that a crash loses
 * and doubles nothing.
 *
 * <pre>{@code
 * try (ConnectWorkerProcess worker = ConnectWorkerProcess.start(settings, target.environment(), SinkConnectors.ALL)) {
 *   worker.awaitRunning(SinkConnectors.ALL, Duration.ofSeconds(90));
 *   ...
 * }   // close() stops it with SIGTERM
 * }</pre>
 * The worker logs to {@link WorkerSettings#logFile()} (appended across restarts).
 */
public final class ConnectWorkerProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectWorkerProcess.class);

  public static final String MAIN_CLASS = "org.apache.kafka.connect.cli.ConnectStandalone";
  /** How long a SIGTERM may take (Connect stops the tasks, commits their offsets) before the process is killed. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Process process;
  private final URI restUri;
  private final ConnectRestClient rest;
  private final Path logFile;
  private final Thread orphanGuard;

  private ConnectWorkerProcess(Process process, URI restUri, Path logFile) {
    this.process = process;
    this.restUri = restUri;
    this.rest = new ConnectRestClient(restUri);
    this.logFile = logFile;
    // A worker must not outlive the JVM that started it (a test run that ends abruptly, a Ctrl-C).
    this.orphanGuard = new Thread(process::destroy, "connect-worker-" + process.pid() + "-guard");
    Runtime.getRuntime().addShutdownHook(orphanGuard);
  }

  /**
   * Writes the worker's configuration into its state directory and starts it with the given connectors. Returns at
   * once; {@link #awaitRunning} waits for the connectors.
   *
   * @param connectorEnvironment the variables the connector configurations refer to ({@code ${env:NAME}}), e.g.
   *     sink-connectors' {@code SinkTarget.environment()}; passed as a map so that this kit does not depend on the
   *     module whose integration tests use it
   */
  public static ConnectWorkerProcess start(WorkerSettings settings, Map<String, String> connectorEnvironment,
      List<String> connectors) {
    ConnectLayout layout = settings.layout().requireBuilt();
    try {
      Files.createDirectories(settings.stateDir());
      int port = settings.restPort() == 0 ? freePort() : settings.restPort();
      Path workerProperties = settings.stateDir().resolve(WorkerSettings.WORKER_PROPERTIES);
      write(settings.standaloneProperties(port), workerProperties);

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(settings.jvmOptions());
      command.addAll(List.of("-cp", layout.classPath(), MAIN_CLASS, workerProperties.toString()));
      layout.connectorFiles(connectors).forEach(file -> command.add(requireFile(file).toString()));

      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(settings.stateDir().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
      Map<String, String> environment = builder.environment();
      environment.putAll(connectorEnvironment);
      Process process = builder.start();
      URI restUri = URI.create("http://127.0.0.1:" + port);
      LOG.info("Started Kafka Connect worker (pid {}, REST {}, log {}) with {}", process.pid(), restUri,
          settings.logFile(), connectors);
      return new ConnectWorkerProcess(process, restUri, settings.logFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Kafka Connect worker", e);
    }
  }

  /**
   * Waits until every named connector and all of its tasks are RUNNING.
   *
   * @throws IllegalStateException at once when the worker exits or a connector or task FAILED (with its trace)
   * @throws IllegalStateException after {@code timeout}, with the states last seen
   */
  public void awaitRunning(Collection<String> connectors, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Object lastSeen = "no answer from " + restUri;
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The Kafka Connect worker exited with code " + process.exitValue()
            + "; see " + logFile);
      }
      try {
        Map<String, ConnectRestClient.ConnectorState> states = rest.states();
        lastSeen = states.values();
        for (String name : connectors) {
          ConnectRestClient.ConnectorState state = states.get(name);
          if (state != null && state.failed()) {
            throw new IllegalStateException("Connector " + name + " failed: " + state.trace());
          }
        }
        if (connectors.stream().allMatch(name -> states.containsKey(name) && states.get(name).running())) {
          return;
        }
      } catch (IOException notListeningYet) {
        lastSeen = notListeningYet.toString();
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new IllegalStateException("Connectors " + connectors + " not RUNNING after " + timeout + "; last seen: "
        + lastSeen + "; see " + logFile);
  }

  /**
   * Makes the named sink connectors read their topics again from the start: each is stopped (its tasks commit and
   * leave), {@code whileStopped} runs (e.g. to empty their tables), their consumer offsets are deleted, and they are
   * resumed. Returns what {@code whileStopped} returned, once they are RUNNING again.
   */
  public <T> T rewind(Collection<String> connectors, Supplier<T> whileStopped, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    T result;
    try {
      for (String name : connectors) {
        rest.stop(name);
      }
      while (!connectors.stream().allMatch(name -> stateOf(name).stopped())) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("Connectors " + connectors + " not STOPPED after " + timeout);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
      }
      result = whileStopped.get();
      for (String name : connectors) {
        rest.resetOffsets(name);
        rest.resume(name);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot rewind " + connectors + "; see " + logFile, e);
    }
    awaitRunning(connectors, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    return result;
  }

  private ConnectRestClient.ConnectorState stateOf(String connector) {
    try {
      ConnectRestClient.ConnectorState state = rest.states().get(connector);
      if (state == null) {
        throw new IllegalStateException("no connector " + connector + " on " + restUri);
      }
      return state;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the state of " + connector + " from " + restUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops gracefully (SIGTERM: tasks stop and commit offsets); kills after {@link #STOP_TIMEOUT}. Idempotent. */
  public void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Kafka Connect worker {} ignored SIGTERM for {}; killing it", process.pid(), STOP_TIMEOUT);
        kill();
      }
    }
    forgetGuard();
  }

  /** Kills the worker at once (SIGKILL): nothing is flushed or committed, as in a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    forgetGuard();
    LOG.info("Killed Kafka Connect worker {}", process.pid());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public URI restUri() {
    return restUri;
  }

  public Path logFile() {
    return logFile;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void forgetGuard() {
    try {
      Runtime.getRuntime().removeShutdownHook(orphanGuard);
    } catch (IllegalStateException shuttingDown) {
      // The guard is running or about to: nothing to forget.
    }
  }

  private static void write(Properties properties, Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "Kafka Connect standalone worker of the Callbill sink (written by "
          + ConnectWorkerProcess.class.getSimpleName() + ")");
    }
  }

  private static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No connector configuration " + file);
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
