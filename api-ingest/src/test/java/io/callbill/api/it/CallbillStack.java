package io.callbill.api.it;

import static org.awaitility.Awaitility.await;

import io.callbill.api.ApiIngestApplication;
import io.callbill.api.support.TestTokens;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The whole pipeline in one JVM for integration tests: a real single-node KRaft broker on a random port with every
 * Callbill topic, billing-streams' real topology under exactly_once_v2, and the API on a random port. The billing
 * side can be stopped and started again (same application id and state) to test what the API does meanwhile.
 */
final class CallbillStack implements AutoCloseable {

  /** call-commands, callers and account-credits must have the same count (co-partitioned); all topics get it. */
  static final int PARTITIONS = 3;
  static final String PREFIX = "callbill.";

  private final KafkaBroker broker;
  private final String applicationId = "callbill-billing-it-" + UUID.randomUUID();
  private final Path stateDir;
  private final BillingConfig billingConfig;
  private KafkaStreams streams;
  private ConfigurableApplicationContext api;
  private URI apiUri;

  private CallbillStack(Map<String, String> billingSettings) {
    // Single-node EOS settings (test-kit's SingleNodeKafka, through billing-streams' KafkaBroker).
    broker = new KafkaBroker().start();
    broker.provision(new Topics(PREFIX, CallbillSerdes.create()), PARTITIONS);
    try {
      stateDir = Files.createTempDirectory("callbill-streams-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> settings = new HashMap<>(billingSettings);
    settings.put(BillingConfig.TOPIC_PREFIX, PREFIX);
    billingConfig = new BillingConfig(settings);
  }

  /** Billing's metering policy ({@code CALLBILL_METERING}): measured (the default), clamp or reported. */
  static final String METERING = "callbill.metering";
  /** Where measured metering starts counting ({@code CALLBILL_METERING_CONNECT}): accept (the default) or start. */
  static final String METERING_CONNECT = "callbill.metering.connect";
  static final String HEARTBEAT_TIMEOUT_SECONDS = "callbill.heartbeat.timeout.seconds";
  /** The policy key billing read before metering had its own (clamp or reported); pinned beside it, as a literal. */
  private static final String DURATION_POLICY = "callbill.duration.policy";

  /**
   * Starts broker, billing and API. The billing settings are BillingConfig keys; the metering policy is
   * {@code reported} unless a test sets {@link #METERING} (then only its settings count), so the ITs that assert the
   * seed's start-then-end arithmetic bill a test's reported duration as the seed did, whatever billing's default.
   */
  static CallbillStack start(Map<String, String> billingSettings, String... apiArguments) {
    Map<String, String> billing = new HashMap<>();
    if (!billingSettings.containsKey(METERING)) {
      billing.put(DURATION_POLICY, "reported");
      billing.put(METERING, "reported");
    }
    billing.putAll(billingSettings);
    CallbillStack stack = new CallbillStack(billing);
    try {
      stack.startBilling();
      stack.startApi(apiArguments);
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  static CallbillStack start() {
    return start(Map.of());
  }

  /** Closes {@code stack} if it started (an {@code @AfterAll} after a failed {@code @BeforeAll} gets null). */
  static void stop(CallbillStack stack) {
    if (stack != null) {
      stack.close();
    }
  }

  ApiClient client() {
    return new ApiClient(apiUri);
  }

  /** The actuator's own port (loopback): metrics and health with its details. */
  ApiClient management() {
    return new ApiClient(URI.create("http://127.0.0.1:"
        + api.getEnvironment().getProperty("local.management.port") + "/"));
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** What a topic holds now, read_committed from the beginning (waits {@code wait} for records still coming). */
  <V> List<ConsumerRecord<String, V>> records(java.util.function.Function<Topics, Topic<String, V>> topic,
      Duration wait) {
    return broker.consume(topic.apply(new Topics(PREFIX, CallbillSerdes.create())), Integer.MAX_VALUE, wait);
  }

  void startBilling() {
    streams = new KafkaStreams(BillingTopology.build(billingConfig, CallbillSerdes.create()), streamsProperties());
    streams.start();
    await("billing-streams RUNNING").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> streams.state() == KafkaStreams.State.RUNNING);
  }

  void stopBilling() {
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
      streams = null;
    }
  }

  private void startApi(String... extraArguments) {
    List<String> arguments = new java.util.ArrayList<>(List.of(
        "--server.port=0",
        "--management.server.port=0",
        "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
        "--callbill.topic-prefix=" + PREFIX,
        "--callbill.jwt.secret=" + TestTokens.SECRET,
        // The ITs' admin sets up every party as one user, faster than a real one: limits are RateLimitWebTest's.
        "--callbill.rate-limit.user-writes=100000", "--callbill.rate-limit.user-reads=100000",
        "--callbill.rate-limit.address-writes=100000", "--callbill.rate-limit.address-reads=100000",
        "--logging.level.io.callbill.api.requests=WARN"));
    arguments.addAll(List.of(extraArguments));
    api = new SpringApplicationBuilder(ApiIngestApplication.class).run(arguments.toArray(String[]::new));
    apiUri = URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port") + "/");
    ApiClient client = client();
    await("API ready (replies followed, views loaded)").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> client.get("actuator/health", null).status() == 200);
  }

  private Properties streamsProperties() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    properties.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    return properties;
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    stopBilling();
    broker.close();
    if (stateDir != null) {
      FileSystemUtils.deleteRecursively(stateDir.toFile());
    }
  }
}
