package io.callbill.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.Reason;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real broker and a stand-in for billing that answers every committed command: its reply
 * carries the command record's key as the message and its record time as {@code answeredAt}, so a test sees how the
 * client wrote the command. The stand-in refuses the top-ups of each caller whose id starts with {@link #LATE_CALLER}
 * for an unknown caller twice, and passes over the first record of each command whose id starts with
 * {@link #UNANSWERED_ONCE}, as a billing that crashed before it committed its answer.
 */
class CommandClientIT {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final String LATE_CALLER = "caller-whose-profile-is-late";
  private static final String UNANSWERED_ONCE = "cmd-unanswered-once";
  private static final Topics TOPICS = new Topics("client-it.", CallbillSerdes.create());

  private static KafkaClusterTestKit cluster;
  private static Thread billing;
  private static volatile boolean running = true;
  private static final Map<String, Integer> refusals = new ConcurrentHashMap<>();
  private static final Map<String, Integer> passedOver = new ConcurrentHashMap<>();

  @BeforeAll
  static void startBrokerAndBilling() throws Exception {
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build());
    SingleNodeKafka.SETTINGS.forEach(builder::setConfigProp);
    cluster = builder.build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      // One partition each: the stand-in answers in the order the commands were written.
      admin.createTopics(List.of(new NewTopic(TOPICS.callCommands.name(), 1, (short) 1),
          new NewTopic(TOPICS.replies.name(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    billing = new Thread(CommandClientIT::answerCommands, "stand-in-billing");
    billing.setDaemon(true);
    billing.start();
  }

  @AfterAll
  static void stop() throws Exception {
    running = false;
    billing.join(10_000);
    cluster.close();
  }

  @Test
  void aCommandIsKeyedByItsCallerAtItsIssueTimeAndAnsweredByItsId() throws Exception {
    Instant issuedAt = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
    try (CommandClient client = CommandClient.connect(cluster.bootstrapServers(), TOPICS)) {
      CommandReply first = client.call(topUp("cmd-a", "caller-a", issuedAt), WITHIN);
      CommandReply second = client.call(topUp("cmd-b", "caller-b", issuedAt.plusSeconds(1)), WITHIN);

      assertThat(first.getCommandId()).isEqualTo("cmd-a");
      assertThat(first.getMessage()).as("the record's key").isEqualTo("caller-a");
      assertThat(first.getAnsweredAt()).as("the record's time").isEqualTo(issuedAt);
      assertThat(second.getCommandId()).isEqualTo("cmd-b");
      assertThat(second.getAnsweredAt()).isEqualTo(issuedAt.plusSeconds(1));
    }
  }

  @Test
  void aCommandSentAgainUnderItsIdWaitsForItsOwnReply() throws Exception {
    try (CommandClient client = CommandClient.connect(cluster.bootstrapServers(), TOPICS)) {
      CallCommand command = topUp("cmd-again", "caller-c", Instant.now());
      client.call(command, WITHIN);
      client.call(command, WITHIN);

      assertThat(client.replies("cmd-again")).hasSize(2);
      assertThat(client.answered(List.of("cmd-again"))).isTrue();
    }
  }

  @Test
  void anAbortedTransactionIsNeverAnsweredAndACommittedOneIs() throws Exception {
    Instant now = Instant.now();
    try (CommandClient client = CommandClient.transactional(cluster.bootstrapServers(), TOPICS, "client-it")) {
      client.inAbortedTransaction(tx -> tx.command(topUp("cmd-aborted", "caller-d", now), now));
      client.inTransaction(tx -> {
        tx.command(topUp("cmd-committed-1", "caller-d", now), now);
        tx.command(topUp("cmd-committed-2", "caller-e", now), now.plusMillis(5));
      });

      Instant deadline = Instant.now().plus(WITHIN);
      while (!client.answered(List.of("cmd-committed-1", "cmd-committed-2")) && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      assertThat(client.answered(List.of("cmd-committed-1", "cmd-committed-2"))).isTrue();
      // The commands share one partition, answered in order: the aborted one was passed over, not merely late.
      assertThat(client.replies("cmd-aborted")).isEmpty();
      assertThat(client.repliesByCommandId().get("cmd-committed-2").get(0).getAnsweredAt())
          .isEqualTo(now.plusMillis(5).truncatedTo(ChronoUnit.MILLIS));
      assertThatThrownBy(() -> client.send(topUp("cmd-outside", "caller-d", now)))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aTopUpRefusedForAnUnknownCallerIsRepeatedUnderANewIdUntilCredited() throws Exception {
    try (CommandClient client = CommandClient.connect(cluster.bootstrapServers(), TOPICS)) {
      Map<String, CommandReply> answers = KnownCallerTopUps.topUp(client,
          List.of(topUp("cmd-late", LATE_CALLER, Instant.now()), topUp("cmd-known", "caller-f", Instant.now())),
          WITHIN);

      assertThat(answers.get(LATE_CALLER).getCommandId()).isEqualTo("cmd-late~3");
      assertThat(answers.get(LATE_CALLER).getSuccess()).isTrue();
      assertThat(answers.get("caller-f").getCommandId()).isEqualTo("cmd-known");
      assertThat(client.replies("cmd-late").get(0).getReason()).isEqualTo(Reason.CALLER_NOT_FOUND);
      assertThat(client.replies("cmd-late~2").get(0).getReason()).isEqualTo(Reason.CALLER_NOT_FOUND);
    }
  }

  @Test
  void aTopUpOfAClientThatDoesNotWaitIsRepeatedUnderANewIdUntilCredited() throws Exception {
    ScheduledExecutorService pauses = Executors.newSingleThreadScheduledExecutor();
    try (CommandClient client = CommandClient.connect(cluster.bootstrapServers(), TOPICS)) {
      CommandReply last = CommandClient.await(KnownCallerTopUps.untilKnown(
          topUp("cmd-late-async", LATE_CALLER + "-async", Instant.now()), client::send, pauses),
          "cmd-late-async", WITHIN);

      assertThat(last.getCommandId()).isEqualTo("cmd-late-async~3");
      assertThat(last.getSuccess()).isTrue();
      assertThat(client.replies("cmd-late-async~2").get(0).getReason()).isEqualTo(Reason.CALLER_NOT_FOUND);
    } finally {
      pauses.shutdownNow();
    }
  }

  @Test
  void aRetryingClientWritesACommandAgainUnderItsIdAndRecordTimeUntilItIsAnswered() throws Exception {
    Instant issuedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    try (CommandClient client = CommandClient.retrying(cluster.bootstrapServers(), TOPICS, Duration.ofMillis(300))) {
      CallCommand command = topUp(UNANSWERED_ONCE + "-a", "caller-h", issuedAt);
      CommandReply reply = CommandClient.await(client.send(command), command.getCommandId(), WITHIN);

      assertThat(reply.getSuccess()).isTrue();
      assertThat(reply.getAnsweredAt()).as("the repeat keeps the record time").isEqualTo(issuedAt);
      assertThat(passedOver.get(command.getCommandId())).as("written at least twice").isGreaterThanOrEqualTo(2);
      assertThat(client.repeats()).isPositive();
      assertThat(client.writes()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void followingHandsOnEveryReplyFromTheBeginning() throws Exception {
    try (CommandClient client = CommandClient.connect(cluster.bootstrapServers(), TOPICS)) {
      client.call(topUp("cmd-followed", "caller-g", Instant.now()), WITHIN);
    }
    List<String> seen = new ArrayList<>();
    CommandClient.follow(cluster.bootstrapServers(), TOPICS, () -> !seen.contains("cmd-followed"),
        reply -> seen.add(reply.getCommandId()));

    // Answered before the follow began: only a follow from the beginning sees it.
    assertThat(seen).filteredOn("cmd-followed"::equals).hasSize(1);
  }

  private static CallCommand topUp(String commandId, String callerId, Instant at) {
    return new CallCommand(commandId, callerId, at, new CreditCoins(100L, "ref-" + commandId));
  }

  /** The stand-in for billing: one reply per committed command, keyed by its command id. */
  private static void answerCommands() {
    try (KafkaConsumer<String, CallCommand> commands = new KafkaConsumer<>(Map.of(
             ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
             ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
             ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
             TOPICS.callCommands.keySerde().deserializer(), TOPICS.callCommands.valueSerde().deserializer());
         KafkaProducer<String, CommandReply> replies = new KafkaProducer<>(Map.of(
             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
             ProducerConfig.ACKS_CONFIG, "all"),
             TOPICS.replies.keySerde().serializer(), TOPICS.replies.valueSerde().serializer())) {
      TopicPartition partition = new TopicPartition(TOPICS.callCommands.name(), 0);
      commands.assign(List.of(partition));
      commands.seekToBeginning(List.of(partition));
      while (running) {
        for (ConsumerRecord<String, CallCommand> record : commands.poll(Duration.ofMillis(100))) {
          String commandId = record.value().getCommandId();
          if (commandId.startsWith(UNANSWERED_ONCE) && passedOver.merge(commandId, 1, Integer::sum) == 1) {
            continue;
          }
          replies.send(new ProducerRecord<>(TOPICS.replies.name(), record.value().getCommandId(), answer(record)));
        }
        replies.flush();
      }
    }
  }

  private static CommandReply answer(ConsumerRecord<String, CallCommand> record) {
    CallCommand command = record.value();
    boolean refused = command.getCallerId().startsWith(LATE_CALLER)
        && refusals.merge(command.getCallerId(), 1, Integer::sum) <= 2;
    return new CommandReply(command.getCommandId(), command.getCallerId(), refused ? 404 : 200, !refused,
        record.key(), null, Instant.ofEpochMilli(record.timestamp()),
        refused ? Reason.CALLER_NOT_FOUND : Reason.COINS_CREDITED);
  }
}
