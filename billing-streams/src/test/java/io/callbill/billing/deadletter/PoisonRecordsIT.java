package io.callbill.billing.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.billing.app.BillingStreamsApp;
import io.callbill.billing.app.StreamsSettings;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.testkit.Await;
import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.DeadLetters;
import io.callbill.schemas.LedgerEntryIds;
import io.callbill.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison on every input topic of the real billing app, on a real broker: records that are not Avro, Avro with a
 * schema nobody released, and a command whose payload no branch matches, written with a plain producer as a platform
 * writing to Kafka directly would. Each lands on the dead-letter topic with its origin and reason, the unreadable
 * commands whose id can be read are refused on {@code replies} at once, and billing goes on: the next call is
 * settled exactly once.
 */
class PoisonRecordsIT {

  @RegisterExtension
  static final KafkaBroker BROKER = new KafkaBroker();

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final CallbillSerdes SERDES = CallbillSerdes.create();
  private static final String PREFIX = "poison.";

  @TempDir
  Path stateDir;

  @Test
  void poisonOnEveryInputTopicIsDeadLetteredAndTheNextCallSettlesExactlyOnce() throws Exception {
    Topics topics = new Topics(PREFIX, SERDES);
    try (BillingStreamsApp app = BillingStreamsApp.start(settings())) {
      Await.until(DEADLINE, "billing RUNNING", () -> app.state() == KafkaStreams.State.RUNNING);
      referenceData(topics);

      List<Poison> poison = List.of(
          new Poison(topics.callCommands.name(), "caller-1", notAvro(), null),
          new Poison(topics.callCommands.name(), "caller-1", unknownSchema("poison-unknown-schema"),
              "poison-unknown-schema"),
          new Poison(topics.callCommands.name(), "caller-1", commandWithUnknownPayload("poison-bad-payload"),
              "poison-bad-payload"),
          new Poison(topics.callers.name(), "caller-9", notAvro(), null),
          new Poison(topics.callers.name(), "caller-9", unknownSchema("caller-9"), null),
          new Poison(topics.accountCredits.name(), "receiver:receiver-1", notAvro(), null),
          new Poison(topics.receivers.name(), "receiver-9", notAvro(), null),
          new Poison(topics.receivers.name(), "receiver-9", unknownSchema("receiver-9"), null),
          new Poison(topics.levelConfigs.name(), "7", notAvro(), null),
          new Poison(topics.platformConfig.name(), ReferenceData.PLATFORM_CONFIG_KEY, notAvro(), null));
      for (Poison record : poison) {
        write(record);
      }

      List<ConsumerRecord<byte[], byte[]>> deadLetters = BROKER.consume(topics.deadLetters, poison.size(), DEADLINE);

      assertThat(deadLetters).hasSize(poison.size());
      Map<String, Long> perTopic = deadLetters.stream()
          .collect(Collectors.groupingBy(letter -> header(letter, DeadLetters.TOPIC), Collectors.counting()));
      assertThat(perTopic).isEqualTo(poison.stream()
          .collect(Collectors.groupingBy(Poison::topic, Collectors.counting())));
      // Counted on billing's /metrics by source topic, the global thread's (reference topics) included.
      assertThat(unreadableCounts(app.metricsPort())).isEqualTo(perTopic);
      for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
        Poison original = poison.stream()
            .filter(candidate -> Arrays.equals(candidate.value(), letter.value()))
            .filter(candidate -> candidate.topic().equals(header(letter, DeadLetters.TOPIC)))
            .findFirst().orElseThrow(() -> new AssertionError("a dead letter nobody wrote"));
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(original.key());
        assertThat(header(letter, DeadLetters.EXCEPTION)).isEqualTo(
            "org.apache.kafka.common.errors.SerializationException");
        assertThat(header(letter, DeadLetters.MESSAGE)).startsWith("cannot decode");
        assertThat(header(letter, DeadLetters.STACKTRACE)).contains("SerializationException");
        assertThat(Integer.parseInt(header(letter, DeadLetters.PARTITION))).isNotNegative();
        assertThat(Long.parseLong(header(letter, DeadLetters.OFFSET))).isNotNegative();
      }

      List<ConsumerRecord<String, CommandReply>> refusals = BROKER.consume(topics.replies, 3, DEADLINE).stream()
          .filter(reply -> reply.key().startsWith("poison-"))
          .toList();
      assertThat(refusals).extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("poison-unknown-schema", "poison-bad-payload");
      assertThat(refusals).allSatisfy(refusal -> {
        assertThat(refusal.value().getHttpStatus()).isEqualTo(400);
        assertThat(refusal.value().getSuccess()).isFalse();
        assertThat(refusal.value().getMessage()).isEqualTo(Messages.COMMAND_UNREADABLE);
        assertThat(refusal.value().getCallerId()).isEqualTo("caller-1");
      });

      String callId = callSettles(topics);

      List<LedgerEntry> debits = BROKER.consume(topics.ledger, 3, DEADLINE).stream()
          .map(ConsumerRecord::value)
          .filter(entry -> entry.getEntryId().equals(LedgerEntryIds.callerDebit(callId)))
          .toList();
      assertThat(debits).hasSize(1);
      assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  /** callbill_dead_letters_total{cause="unreadable"} per topic, from the app's metrics endpoint (zeros left out). */
  private static Map<String, Long> unreadableCounts(int metricsPort) throws Exception {
    String scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher counter = java.util.regex.Pattern.compile(
        "(?m)^callbill_dead_letters_total\\{[^}]*cause=\"unreadable\"[^}]*topic=\"([^\"]+)\"[^}]*} ([0-9.]+)$")
        .matcher(scrape);
    Map<String, Long> counts = new java.util.TreeMap<>();
    while (counter.find()) {
      long count = (long) Double.parseDouble(counter.group(2));
      if (count > 0) {
        counts.put(counter.group(1), count);
      }
    }
    return counts;
  }

  /** Starts and ends a 60 s call of caller-1 (30 + 12 a minute: 42 coins) and returns its id. */
  private String callSettles(Topics topics) throws InterruptedException {
    Instant start = Instant.now();
    BROKER.produce(topics.callCommands,
        Map.entry("caller-1", new CallCommand("start-1", "caller-1", start, new StartCall("receiver-1", CallType.audio))));
    CommandReply started = replyTo(topics, "start-1");
    assertThat(started.getHttpStatus()).as(started.getMessage()).isEqualTo(200);
    String callId = ((StartAccepted) started.getData()).getCallId();
    BROKER.produce(topics.callCommands, Map.entry("caller-1", new CallCommand("end-1", "caller-1",
        start.plusSeconds(60), new EndCall(callId, "receiver-1", CallParty.caller, 60L))));
    CommandReply ended = replyTo(topics, "end-1");
    assertThat(ended.getHttpStatus()).as(ended.getMessage()).isEqualTo(200);
    assertThat(((Settlement) ended.getData()).getCoinsDeducted()).isEqualTo(42L);
    return callId;
  }

  private static CommandReply replyTo(Topics topics, String commandId) throws InterruptedException {
    List<CommandReply> found = new ArrayList<>();
    Await.until(DEADLINE, "reply to " + commandId, () -> {
      BROKER.consume(topics.replies, Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
          .filter(reply -> reply.key().equals(commandId)).map(ConsumerRecord::value).findFirst()
          .ifPresent(found::add);
      return !found.isEmpty();
    });
    return found.get(0);
  }

  private static void referenceData(Topics topics) throws InterruptedException {
    BROKER.produce(topics.levelConfigs, Map.entry("1", LevelConfig.newBuilder().setLevel(1).setIsActive(true)
        .setAudioRatePerMinute(new BigDecimal("30.0000")).setVideoRatePerMinute(new BigDecimal("40.0000"))
        .setPlatformMarginPerMinute(new PlatformMargin(new BigDecimal("12.0000"), new BigDecimal("12.0000")))
        .build()));
    BROKER.produce(topics.platformConfig, Map.entry(ReferenceData.PLATFORM_CONFIG_KEY, PlatformConfig.newBuilder()
        .setMinCallCoins(0L).setAdminSharePercentage(new BigDecimal("60.0000")).build()));
    BROKER.produce(topics.receivers, Map.entry("receiver-1", Receiver.newBuilder().setReceiverId("receiver-1")
        .setName("Ana").setOnlineStatus(true).setCurrentLevel(1).setAgencyId(null).setReviewAccepted(true).build()));
    BROKER.produce(topics.callers, Map.entry("caller-1", Caller.newBuilder().setCallerId("caller-1")
        .setFirstName("Bo").build()));
    // A top-up can overtake its caller's profile (404 Caller not found, nothing credited): repeated under a new
    // command id, the same reference, until billing knows her.
    CommandReply credited = null;
    for (int attempt = 1; attempt <= 20 && (credited == null || credited.getHttpStatus() == 404); attempt++) {
      String commandId = "credit-" + attempt;
      BROKER.produce(topics.callCommands, Map.entry("caller-1",
          new CallCommand(commandId, "caller-1", Instant.now(), new CreditCoins(840L, "purchase-1"))));
      credited = replyTo(topics, commandId);
    }
    assertThat(credited.getHttpStatus()).isEqualTo(200);
  }

  private StreamsSettings settings() {
    return StreamsSettings.from(new Properties(), Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
        StreamsSettings.ENV_APPLICATION_ID, "callbill-it-poison",
        StreamsSettings.ENV_STATE_DIR, stateDir.toString(),
        "CALLBILL_TOPIC_PREFIX", PREFIX,
        "CALLBILL_TOPIC_PARTITIONS", "2",
        "CALLBILL_DURATION_POLICY", "reported",
        "CALLBILL_HEALTH_PORT", "0"));
  }

  private record Poison(String topic, String key, byte[] value, String refusedCommandId) {
  }

  /** What the stock client wrote: not Avro at all. */
  private static byte[] notAvro() {
    return "not-avro-at-all".getBytes(StandardCharsets.UTF_8);
  }

  /** The single-object marker, a fingerprint of no released schema, then a body that starts with a string id. */
  private static byte[] unknownSchema(String firstField) throws IOException {
    return singleObject(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, encoder -> {
      encoder.writeString(firstField);
      encoder.writeString("fields of a schema billing never saw");
    });
  }

  /** A CallCommand under its real fingerprint whose payload union index matches no branch. */
  private static byte[] commandWithUnknownPayload(String commandId) throws IOException {
    byte[] real = SERDES.callCommand().encode(new CallCommand("x", "caller-1", Instant.now(), new CreditCoins(1L, "r")));
    return singleObject(Arrays.copyOfRange(real, 2, 10), encoder -> {
      encoder.writeString(commandId);
      encoder.writeString("caller-1");
      encoder.writeLong(Instant.now().toEpochMilli());
      encoder.writeIndex(99);
    });
  }

  private interface Body {
    void write(BinaryEncoder encoder) throws IOException;
  }

  private static byte[] singleObject(byte[] fingerprint, Body body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    out.write(fingerprint);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    body.write(encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static void write(Poison poison) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(poison.topic(), poison.key().getBytes(StandardCharsets.UTF_8),
          poison.value())).get(30, TimeUnit.SECONDS);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

}
