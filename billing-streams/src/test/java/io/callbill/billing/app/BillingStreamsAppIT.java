package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.Caller;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.billing.testkit.Await;
import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.billing.testkit.TopicInspector;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on a real broker: provisioning, start-up to RUNNING, health, exactly-once output, graceful close, and
 * stopping on its own when it cannot run. Most tests use a pass-through topology, so they test the runner, not the
 * billing rules; one runs the real wiring of {@code main} end to end on a coin credit.
 */
class BillingStreamsAppIT {

  @RegisterExtension
  static final KafkaBroker BROKER = new KafkaBroker();

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final CallbillSerdes SERDES = CallbillSerdes.create();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path stateDir;

  @Test
  void startsOnProvisionedTopicsReportsHealthAndCommitsItsOutput() throws Exception {
    Topics topics = new Topics("run.", SERDES);
    Topic<String, byte[]> commands = rawTopic("run.", "call-commands");
    Topic<String, byte[]> echo = rawTopic("run.", "echo");
    createTopic(echo.name(), 3);
    StreamsSettings settings = settings("run.", "callbill-it-run", Map.of());

    try (BillingStreamsApp app = BillingStreamsApp.start(settings, () -> passThrough(commands, echo))) {
      Await.until(DEADLINE, "health reports RUNNING", () -> {
        HttpResponse<String> health = health(app.healthPort());
        return health.statusCode() == 200 && health.body().contains("RUNNING");
      });
      HttpResponse<String> health = health(app.healthPort());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");

      try (Admin admin = BROKER.admin()) {
        TopicInspector inspector = new TopicInspector(admin);
        assertThat(BROKER.topicNames()).containsAll(topics.all().stream().map(Topic::name).toList());
        for (Topic<String, ?> topic : topics.all()) {
          assertThat(inspector.config(topic.name(), TopicConfig.CLEANUP_POLICY_CONFIG)).as(topic.name())
              .isEqualTo(topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
          assertThat(inspector.partitionCount(topic.name())).as(topic.name()).isEqualTo(3);
        }
      }

      BROKER.produce(commands, Map.entry("caller-1", bytes("a")), Map.entry("caller-2", bytes("b")),
          Map.entry("caller-3", bytes("c")));
      List<ConsumerRecord<String, byte[]>> echoed = BROKER.consume(echo, 3, DEADLINE);

      assertThat(echoed).extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("caller-1", "caller-2", "caller-3");

      app.close();

      assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
      assertThat(app.awaitStop(Duration.ZERO)).isTrue();
      assertThat(app.failed()).isFalse();
    }
  }

  @Test
  void withoutTopicCreationAMissingInputTopicStopsTheInstanceAsFailed() throws Exception {
    Topic<String, byte[]> missing = rawTopic("absent.", "call-commands");
    Topic<String, byte[]> echo = rawTopic("absent.", "echo");
    createTopic(echo.name(), 1);
    StreamsSettings settings = settings("absent.", "callbill-it-absent", Map.of("CALLBILL_CREATE_TOPICS", "false"));

    try (BillingStreamsApp app = BillingStreamsApp.start(settings, () -> passThrough(missing, echo))) {
      assertThat(app.awaitStop(DEADLINE)).as("stopped within " + DEADLINE).isTrue();

      assertThat(app.failed()).isTrue();
      assertThat(app.state()).isEqualTo(KafkaStreams.State.ERROR);
      assertThat(health(app.healthPort()).statusCode()).isEqualTo(503);
      assertThat(BROKER.topicNames()).doesNotContain(missing.name());
    }
  }

  @Test
  void theRealBillingTopologyRunsAndAnswersACoinCredit() throws Exception {
    Topics topics = new Topics("billing.", SERDES);
    StreamsSettings settings = settings("billing.", "callbill-it-billing", Map.of());

    try (BillingStreamsApp app = BillingStreamsApp.start(settings)) {
      Await.until(DEADLINE, "health reports RUNNING", () -> health(app.healthPort()).statusCode() == 200);

      // Coins go only to a caller billing knows: the profile first (read from its co-partitioned topic).
      BROKER.produce(topics.callers, Map.entry("caller-1",
          Caller.newBuilder().setCallerId("caller-1").setBlockList(List.of()).build()));
      CommandReply reply = null;
      for (int attempt = 1; attempt <= 20 && (reply == null || reply.getHttpStatus() == 404); attempt++) {
        String commandId = "credit-" + attempt;
        BROKER.produce(topics.callCommands, Map.entry("caller-1",
            new CallCommand(commandId, "caller-1", Instant.now(), new CreditCoins(500L, "purchase-1"))));
        reply = BROKER.consume(topics.replies, attempt, DEADLINE).stream().map(ConsumerRecord::value)
            .filter(answer -> answer.getCommandId().equals(commandId)).findFirst().orElseThrow();
      }

      assertThat(reply).isNotNull();
      assertThat(reply.getHttpStatus()).isEqualTo(200);
      assertThat(reply.getData()).isEqualTo(new CoinBalance(500L));
    }
  }

  private StreamsSettings settings(String prefix, String applicationId, Map<String, String> extra) {
    Map<String, String> environment = new HashMap<>(Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
        StreamsSettings.ENV_APPLICATION_ID, applicationId,
        StreamsSettings.ENV_STATE_DIR, stateDir.toString(),
        StreamsSettings.ENV_NUM_STREAM_THREADS, "1",
        "CALLBILL_TOPIC_PREFIX", prefix,
        "CALLBILL_TOPIC_PARTITIONS", "3",
        "CALLBILL_HEALTH_PORT", "0"));
    environment.putAll(extra);
    return StreamsSettings.from(new Properties(), environment);
  }

  /** Copies the commands, untouched, to another topic: enough to see transactions commit. */
  private static Topology passThrough(Topic<String, byte[]> from, Topic<String, byte[]> to) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(from.name(), Consumed.with(from.keySerde(), from.valueSerde()).withName("it-source"))
        .to(to.name(), Produced.with(to.keySerde(), to.valueSerde()).withName("it-sink"));
    return builder.build();
  }

  private static Topic<String, byte[]> rawTopic(String prefix, String baseName) {
    return new Topic<>(prefix, baseName, Serdes.String(), Serdes.ByteArray(), false);
  }

  private static void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = BROKER.admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private HttpResponse<String> health(int port) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HealthEndpoint.PATH))
        .timeout(Duration.ofSeconds(2))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
