package io.callbill.billing.app;

import io.callbill.billing.BillingTopology;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the billing topology: reads the settings, creates missing topics, starts Kafka Streams, the health endpoint
 * and the metrics endpoint ({@link MetricsEndpoint}, on the management port), and stops gracefully on SIGTERM.
 *
 * <p>Why a handle instead of a bare main: tests and the local stack start and stop the app in-process
 * ({@link #start(StreamsSettings)}, {@link #close()}) without {@code System.exit}; only {@link #main} exits.
 *
 * <p>State survives restarts: {@code cleanUp()} is never called, so a restart resumes from the local stores instead
 * of re-reading every changelog (under EOS v2 a store that was not closed cleanly is wiped and restored by Kafka
 * Streams itself, so a wipe on every start would buy nothing). The exit code of {@link #main} is 0 after a requested
 * shutdown, 1 when the instance stopped on its own (see {@link StreamThreadFailurePolicy}), 2 on bad settings.
 */
public final class BillingStreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BillingStreamsApp.class);

  /** Long enough for the threads to commit their open transactions; a supervisor's kill grace should exceed it. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  /** Bound of each admin request at start-up. */
  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
  static final String ADMIN_CLIENT_ID = "callbill-topic-provisioner";

  private final KafkaStreams streams;
  private final HealthEndpoint health;
  private final BillingMetrics metrics;
  private final MetricsEndpoint metricsEndpoint;
  private final StopSignal stopped;
  private final AtomicBoolean closeRequested = new AtomicBoolean();

  private BillingStreamsApp(KafkaStreams streams, HealthEndpoint health, BillingMetrics metrics,
      MetricsEndpoint metricsEndpoint, StopSignal stopped) {
    this.streams = streams;
    this.health = health;
    this.metrics = metrics;
    this.metricsEndpoint = metricsEndpoint;
    this.stopped = stopped;
  }

  public static void main(String[] args) throws InterruptedException {
    StreamsSettings settings;
    ManagementSettings management;
    try {
      settings = StreamsSettings.load(args, System.getenv());
      management = ManagementSettings.load(args, System.getenv());
    } catch (ConfigException e) {
      LOG.error("Invalid settings: {}", e.getMessage());
      System.exit(2);
      return;
    }
    BillingStreamsApp app = start(settings, management);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "callbill-shutdown"));
    app.awaitStop();
    if (app.failed()) {
      LOG.error("Kafka Streams failed (state {}); exiting with status 1", app.state());
      System.exit(1);
    }
  }

  /**
   * Starts the billing topology on the given settings, its metrics on a free loopback port (in-process users, such
   * as tests, run several instances at once; see {@link #metricsPort()}).
   */
  public static BillingStreamsApp start(StreamsSettings settings) {
    return start(settings, ManagementSettings.loopbackOnFreePort());
  }

  /** Starts the billing topology on the given settings, its metrics where {@code management} says. */
  public static BillingStreamsApp start(StreamsSettings settings, ManagementSettings management) {
    return start(settings, management,
        () -> BillingTopology.build(settings.billingConfig(), CallbillSerdes.create()));
  }

  /** Starts any topology with the app's settings, provisioning and lifecycle; for tests of the runner itself. */
  static BillingStreamsApp start(StreamsSettings settings, Supplier<Topology> topology) {
    return start(settings, ManagementSettings.loopbackOnFreePort(), topology);
  }

  private static BillingStreamsApp start(StreamsSettings settings, ManagementSettings management,
      Supplier<Topology> topology) {
    Properties properties = settings.streamsProperties();
    // The JVM's own start (class loading before main) is part of a restart's downtime: say how long it took.
    LOG.info("Starting {} on {} (state dir {}; JVM up {} ms)", settings.applicationId(), settings.bootstrapServers(),
        properties.getProperty(StreamsConfig.STATE_DIR_CONFIG), ManagementFactory.getRuntimeMXBean().getUptime());
    if (settings.createTopics()) {
      provisionTopics(settings, properties);
    }
    KafkaStreams streams = new ScrapeSafeKafkaStreams(topology.get(), properties);
    StopSignal stopped = new StopSignal();
    streams.setUncaughtExceptionHandler(new StreamThreadFailurePolicy());
    streams.setStateListener(stopped);
    streams.setGlobalStateRestoreListener(new RestoreLog());
    BillingMetrics metrics = new BillingMetrics(streams, settings.applicationId(), inputTopics(settings));
    HealthEndpoint health = null;
    MetricsEndpoint metricsEndpoint;
    try {
      health = HealthEndpoint.start(settings.healthPort(), streams::state);
      metricsEndpoint = MetricsEndpoint.start(management, metrics::scrape);
    } catch (RuntimeException e) {
      if (health != null) {
        health.close();
      }
      metrics.close();
      streams.close(Duration.ZERO);
      throw e;
    }
    BillingStreamsApp app = new BillingStreamsApp(streams, health, metrics, metricsEndpoint, stopped);
    try {
      streams.start();
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    LOG.info("Health endpoint on port {}{}", health.port(), HealthEndpoint.PATH);
    LOG.info("Metrics endpoint on {}:{}{}", metricsEndpoint.host(), metricsEndpoint.port(), MetricsEndpoint.PATH);
    return app;
  }

  /** The topics billing reads: the tag values of the dead-letter counts. */
  private static List<String> inputTopics(StreamsSettings settings) {
    Topics topics = new Topics(settings.billingConfig().topicPrefix(), CallbillSerdes.create());
    return List.of(topics.callCommands.name(), topics.callers.name(), topics.accountCredits.name(),
        topics.receivers.name(), topics.receiverStatus.name(), topics.levelConfigs.name(),
        topics.platformConfig.name());
  }

  private static void provisionTopics(StreamsSettings settings, Properties properties) {
    Topics topics = new Topics(settings.billingConfig().topicPrefix(), CallbillSerdes.create());
    var adminConfig = new StreamsConfig(properties).getAdminConfigs(ADMIN_CLIENT_ID);
    try (Admin admin = Admin.create(adminConfig)) {
      List<String> created = new TopicProvisioner(admin, ADMIN_TIMEOUT)
          .provision(topics, settings.topicPartitions(), settings.replicationFactor());
      LOG.info("Topics ready ({} created)", created.size());
    }
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The port the health endpoint listens on (useful with port 0). */
  public int healthPort() {
    return health.port();
  }

  /** The port the metrics endpoint listens on (useful with port 0). */
  public int metricsPort() {
    return metricsEndpoint.port();
  }

  /** Blocks until Kafka Streams has stopped, after {@link #close()} or on its own. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Like {@link #awaitStop()} with a bound: true when Kafka Streams stopped within {@code timeout}. */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout);
  }

  /** True when Kafka Streams shut itself down on an error (see {@link StreamThreadFailurePolicy}). */
  public boolean failed() {
    return stopped.failed();
  }

  /**
   * Stops the metrics, commits and closes Kafka Streams (bounded by {@link #CLOSE_TIMEOUT}), then the health
   * endpoint. Idempotent.
   */
  @Override
  public void close() {
    if (!closeRequested.compareAndSet(false, true)) {
      return;
    }
    // Metrics first: nothing reads Kafka Streams' metrics while its stores close.
    metricsEndpoint.close();
    metrics.close();
    LOG.info("Closing Kafka Streams (timeout {})", CLOSE_TIMEOUT);
    // Leaving the group hands our partitions over at once instead of after the session timeout (45 s by default).
    if (!streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true))) {
      LOG.warn("Kafka Streams did not stop within {}; open transactions will be aborted by the broker", CLOSE_TIMEOUT);
    }
    health.close();
  }
}
