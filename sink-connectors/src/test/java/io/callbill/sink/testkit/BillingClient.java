package io.callbill.sink.testkit;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends commands to the running billing pipeline as the API would, with chosen record timestamps, and collects its
 * replies. The timestamps matter: the pipeline measures a call from the start command's timestamp to the end
 * command's, and under the clamp duration policy it bills at most that (plus the clock skew). So a call planned for
 * {@code seconds} is started at some instant and ended {@code seconds + 1} later, and bills {@code seconds}.
 */
public final class BillingClient implements AutoCloseable {

  /** A call to make: who calls whom, how, and for how long. */
  public record PlannedCall(String callerId, String receiverId, CallType callType, long seconds) {
  }

  /** A call the pipeline accepted. */
  public record StartedCall(PlannedCall plan, String callId, Instant startedAt) {
  }

  /** A call the pipeline settled, with its settlement as replied to the caller. */
  public record SettledCall(StartedCall call, Settlement settlement) {

    public String callId() {
      return call.callId();
    }
  }

  /** Credits refused 404 (the caller's profile not yet at billing) are sent again up to this many times. */
  static final int CREDIT_ATTEMPTS = 20;

  private final Topics topics;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, CommandReply> replyConsumer;
  private final Map<String, CommandReply> replies = new ConcurrentHashMap<>();
  private final Thread replyReader;
  private volatile boolean closed;

  public BillingClient(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
        new StringSerializer(), new ByteArraySerializer());
    this.replyConsumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        topics.replies.keySerde().deserializer(), topics.replies.valueSerde().deserializer());
    List<TopicPartition> partitions = replyConsumer.partitionsFor(topics.replies.name(), Duration.ofSeconds(30))
        .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    replyConsumer.assign(partitions);
    replyConsumer.seekToBeginning(partitions);
    this.replyReader = new Thread(this::readReplies, "billing-client-replies");
    replyReader.setDaemon(true);
    replyReader.start();
  }

  /**
   * Publishes reference data (profiles, levels, platform settings) and waits until the broker has it. Not in a
   * transaction: an idempotent producer's records are visible to read_committed readers at once.
   */
  public <V> void publish(Topic<String, V> topic, String key, V value) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    awaitSent(List.of(producer.send(new ProducerRecord<>(topic.name(), key, bytes))));
  }

  /**
   * Credits coins to each caller (as a purchase) and waits until every credit is applied. Billing refuses a credit to
   * a caller it has no profile of (404 Caller not found); the profile comes on the {@code callers} topic and a credit
   * written right after it can overtake it, so a refused credit is sent again, under a new command id (a repeated id
   * is answered with its first answer) and the same reference (credited once), up to {@link #CREDIT_ATTEMPTS} times.
   */
  public void credit(List<String> callerIds, long coins, Duration timeout) throws InterruptedException {
    List<CallCommand> due = new ArrayList<>();
    for (String callerId : callerIds) {
      String id = UUID.randomUUID().toString();
      due.add(new CallCommand(id, callerId, Instant.now(), new CreditCoins(coins, "purchase-" + callerId + "-" + id)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; !due.isEmpty(); attempt++) {
      if (attempt > CREDIT_ATTEMPTS) {
        throw new AssertionError(due.size() + " credits still refused 404 after " + CREDIT_ATTEMPTS + " attempts: "
            + due);
      }
      if (attempt > 1) {
        Thread.sleep(Math.min(1_000L, 100L * attempt));
      }
      Map<String, CallCommand> commands = new LinkedHashMap<>();
      for (CallCommand credit : due) {
        String id = UUID.randomUUID().toString();
        commands.put(id, CallCommand.newBuilder(credit).setCommandId(id).setIssuedAt(Instant.now()).build());
      }
      send(commands, Map.of());
      List<CallCommand> refused = new ArrayList<>();
      for (Map.Entry<String, CallCommand> sent : commands.entrySet()) {
        CommandReply reply = awaitReply(sent.getKey(), deadline, timeout);
        if (reply.getHttpStatus() == 404) {
          refused.add(sent.getValue());
        } else if (!reply.getSuccess()) {
          throw new AssertionError("Command " + sent.getKey() + " was refused: " + reply);
        }
      }
      due = refused;
    }
  }

  /** Starts the calls, all at {@code at} (to the millisecond), and returns them once the pipeline accepted each. */
  public List<StartedCall> start(List<PlannedCall> plans, Instant startAt, Duration timeout)
      throws InterruptedException {
    Instant at = startAt.truncatedTo(ChronoUnit.MILLIS);
    Map<String, CallCommand> commands = new LinkedHashMap<>();
    for (PlannedCall plan : plans) {
      String id = UUID.randomUUID().toString();
      commands.put(id, new CallCommand(id, plan.callerId(), at, new StartCall(plan.receiverId(), plan.callType())));
    }
    send(commands, Map.of());
    List<CommandReply> accepted = awaitSuccess(commands.keySet(), timeout);
    List<StartedCall> started = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      started.add(new StartedCall(plans.get(i), ((StartAccepted) accepted.get(i).getData()).getCallId(), at));
    }
    return started;
  }

  /** Ends each call (by its caller) {@code seconds + 1} after it started and returns the settlements. */
  public List<SettledCall> end(List<StartedCall> calls, Duration timeout) throws InterruptedException {
    Map<String, CallCommand> commands = new LinkedHashMap<>();
    Map<String, Instant> timestamps = new LinkedHashMap<>();
    for (StartedCall call : calls) {
      String id = UUID.randomUUID().toString();
      Instant endedAt = call.startedAt().plusSeconds(call.plan().seconds() + 1);
      commands.put(id, new CallCommand(id, call.plan().callerId(), endedAt,
          new EndCall(call.callId(), call.plan().receiverId(), CallParty.caller, call.plan().seconds())));
      timestamps.put(id, endedAt);
    }
    send(commands, timestamps);
    List<CommandReply> settled = awaitSuccess(commands.keySet(), timeout);
    List<SettledCall> result = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      result.add(new SettledCall(calls.get(i), (Settlement) settled.get(i).getData()));
    }
    return result;
  }

  /** Starts and ends the calls: started together at {@code at}, each ended after its duration. */
  public List<SettledCall> settle(List<PlannedCall> plans, Instant at, Duration timeout) throws InterruptedException {
    return end(start(plans, at, timeout), timeout);
  }

  private void send(Map<String, CallCommand> commands, Map<String, Instant> timestamps) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    commands.forEach((id, command) -> {
      Instant timestamp = timestamps.getOrDefault(id, command.getIssuedAt());
      byte[] bytes = topics.callCommands.valueSerde().serializer().serialize(topics.callCommands.name(), command);
      sent.add(producer.send(new ProducerRecord<>(topics.callCommands.name(), null, timestamp.toEpochMilli(),
          command.getCallerId(), bytes)));
    });
    awaitSent(sent);
  }

  private static void awaitSent(List<Future<RecordMetadata>> sent) {
    for (Future<RecordMetadata> future : sent) {
      try {
        future.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot send to Kafka", e);
      }
    }
  }

  /** The replies to the commands, in order; fails unless each one arrived and succeeded. */
  private List<CommandReply> awaitSuccess(Iterable<String> commandIds, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CommandReply> answered = new ArrayList<>();
    for (String id : commandIds) {
      CommandReply reply = awaitReply(id, deadline, timeout);
      if (!reply.getSuccess()) {
        throw new AssertionError("Command " + id + " was refused: " + reply);
      }
      answered.add(reply);
    }
    return answered;
  }

  private CommandReply awaitReply(String id, long deadline, Duration timeout) throws InterruptedException {
    CommandReply reply;
    while ((reply = replies.get(id)) == null) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("No reply to command " + id + " within " + timeout);
      }
      Thread.sleep(20);
    }
    return reply;
  }

  private void readReplies() {
    try {
      while (!closed) {
        replyConsumer.poll(Duration.ofMillis(200)).forEach(record -> replies.put(record.key(), record.value()));
      }
    } catch (WakeupException closing) {
      // close() woke the poll up.
    } finally {
      replyConsumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    replyConsumer.wakeup();
    replyReader.join(TimeUnit.SECONDS.toMillis(10));
    producer.close();
  }

  /** Unwraps the cause of a failed background stream of commands, for a readable test failure. */
  public static void rethrow(ExecutionException failure) {
    if (failure.getCause() instanceof AssertionError assertion) {
      throw assertion;
    }
    throw new IllegalStateException(failure.getCause());
  }
}
