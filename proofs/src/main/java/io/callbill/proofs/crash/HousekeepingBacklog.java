package io.callbill.proofs.crash;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.StartCall;
import io.callbill.billing.BillingStores;
import io.callbill.billing.Retention;
import io.callbill.billing.app.BillingStreamsConfig;
import io.callbill.schemas.Topics;
import io.callbill.testkit.CommandClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A large housekeeping pass for the crash test to kill billing-streams in. One caller with no coins sends
 * {@code size} starts to a receiver that does not exist; each is refused, and billing keeps a refusal for the
 * refusal retention after its record time. The starts are stamped so that every refusal falls due at the same
 * moment, a few seconds after they are written: one key, so one task, whose sweep then needs several passes (each
 * bounded at {@link #ENTRIES_PER_SWEEP} entries, set in the crash stack, and {@link Retention#MAX_SWEEP_TIME}).
 * Billing logs {@link Retention#BEHIND} at the first pass that stops at its bound: the kill lands then. Whether the
 * pass was cut and finished by the restarted instance is read from what billing committed, not from its log:
 * {@link #stillKept} counts the backlog's refusals still live in the command-replies changelog (read_committed), once
 * while billing is down (some must be left) and after the load (none may be). A log line says what one instance did
 * in memory, and a task re-created after a broker kill forgets that it was behind; the changelog is what a restore
 * puts back, so it is the state itself.
 *
 * <p>Nothing here touches money: a refused start changes no wallet, writes no ledger entry and no call history.
 */
final class HousekeepingBacklog {

  static final String CALLER = "housekeeping-backlog";
  private static final String RECEIVER = "housekeeping-nobody";
  /** The crash stack's refusal retention, set in its billing settings (billing's default). */
  static final Duration REFUSAL_RETENTION = Duration.ofSeconds(900);
  /**
   * The crash stack's bound on one sweep, a fortieth of billing's default (one index batch): a backlog of a few
   * thousand entries then takes several passes, and is written and answered in seconds rather than the minutes
   * 45,000 took.
   */
  static final int ENTRIES_PER_SWEEP = Retention.DEFAULT_ENTRIES_PER_SWEEP / 40;

  /** Where billing's command-replies store is restored from: the backlog's refusals are kept there. */
  private static final String COMMAND_REPLIES_CHANGELOG = BillingStreamsConfig.DEFAULT_APPLICATION_ID + "-"
      + BillingStores.COMMAND_REPLIES + "-changelog";
  private static final Duration READ_DEADLINE = Duration.ofSeconds(60);

  private final String bootstrap;
  private final Topics topics;
  private final int size;

  HousekeepingBacklog(String bootstrap, Topics topics, int size) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.size = size;
  }

  int size() {
    return size;
  }

  /**
   * Writes the starts, their refusals all falling due at {@code dueAt} (wall clock, as billing's sweep reads it), and
   * waits until billing has answered every one: only then are they all in its stores, so that the first sweep after
   * {@code dueAt} meets the whole backlog at once.
   *
   * @return the number of starts answered before {@code dueAt} (all of them, {@link #size()}, unless billing was too
   *     slow for the lead, and then the pass the crash test wants does not happen)
   */
  int writeAndAwaitAnswers(Instant dueAt) throws InterruptedException {
    Instant stamped = dueAt.minus(REFUSAL_RETENTION);
    List<CompletableFuture<CommandReply>> replies = new ArrayList<>(size);
    try (CommandClient client = CommandClient.connect(bootstrap, topics)) {
      for (int i = 0; i < size; i++) {
        replies.add(client.send(
            new CallCommand(commandId(i), CALLER, stamped, new StartCall(RECEIVER, CallType.audio)), stamped));
      }
      int answered = 0;
      for (CompletableFuture<CommandReply> reply : replies) {
        long left = Duration.between(Instant.now(), dueAt).toMillis();
        try {
          reply.get(Math.max(0, left), TimeUnit.MILLISECONDS);
          answered++;
        } catch (TimeoutException | ExecutionException late) {
          break;
        }
      }
      return answered;
    }
  }

  /** Every start answered exactly once (read_committed), and refused: a kill neither lost nor doubled an answer. */
  List<String> check(List<ConsumerRecord<String, CommandReply>> replies) {
    Map<String, Integer> answers = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (ConsumerRecord<String, CommandReply> record : replies) {
      if (record.key().startsWith(commandIdPrefix())) {
        answers.merge(record.key(), 1, Integer::sum);
        if (record.value().getSuccess()) {
          problems.add("housekeeping backlog start " + record.key() + " was accepted: " + record.value());
        }
      }
    }
    long twice = answers.values().stream().filter(count -> count > 1).count();
    if (answers.size() != size || twice > 0) {
      problems.add("housekeeping backlog: " + answers.size() + " of " + size + " starts answered, " + twice
          + " more than once");
    }
    return problems.size() > 5 ? problems.subList(0, 5) : problems;
  }

  /**
   * How many of the backlog's refusals billing still keeps, as committed: their keys whose last record on the
   * command-replies changelog (read_committed, from the beginning) is not a tombstone. While billing is down this is
   * exactly what the restarted instance restores and must still forget.
   */
  int stillKept() {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(COMMAND_REPLIES_CHANGELOG).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Set<String> kept = new HashSet<>();
      long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + COMMAND_REPLIES_CHANGELOG + " within " + READ_DEADLINE);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null && record.key().startsWith(commandIdPrefix())) {
            if (record.value() == null) {
              kept.remove(record.key());
            } else {
              kept.add(record.key());
            }
          }
        }
      }
      return kept.size();
    }
  }

  /** Waits until billing's log gains {@code line} after byte {@code from}; false when {@code timeout} passes. */
  static boolean awaitLogLine(Path log, long from, String line, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (logSince(log, from).contains(line)) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  static long logSize(Path log) {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String logSince(Path log, long from) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      int start = (int) Math.min(from, bytes.length);
      return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String commandIdPrefix() {
    return "housekeeping-";
  }

  private static String commandId(int i) {
    return commandIdPrefix() + i;
  }
}
