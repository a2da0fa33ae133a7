package io.callbill.proofs.crash;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.StartCall;
import io.callbill.billing.Retention;
import io.callbill.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A large housekeeping pass for the crash test to kill billing-streams in. One caller with no coins sends
 * {@code size} starts to a receiver that does not exist; each is refused, and billing keeps a refusal for the
 * refusal retention after its record time. The starts are stamped so that every refusal falls due at the same
 * moment, a few seconds after they are written: one key, so one task, whose sweep then needs several passes (each
 * bounded at {@link Retention#MAX_ENTRIES_PER_SWEEP} entries and {@link Retention#MAX_SWEEP_TIME}). Billing logs
 * {@link Retention#BEHIND} at the first and {@link Retention#CAUGHT_UP} at the last: the kill lands between them and
 * the restarted instance must log both again (it resumes the backlog where the killed one stopped).
 *
 * <p>Nothing here touches money: a refused start changes no wallet, writes no ledger entry and no call history.
 */
final class HousekeepingBacklog {

  static final String CALLER = "housekeeping-backlog";
  private static final String RECEIVER = "housekeeping-nobody";
  /** The crash stack's refusal retention, set in its billing settings (billing's default). */
  static final Duration REFUSAL_RETENTION = Duration.ofSeconds(900);

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

  /** Writes the starts; their refusals all fall due at {@code dueAt} (wall clock, as billing's sweep reads it). */
  void write(Instant dueAt) {
    Instant stamped = dueAt.minus(REFUSAL_RETENTION);
    try (KafkaProducer<String, CallCommand> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
        new StringSerializer(), topics.callCommands.valueSerde().serializer())) {
      for (int i = 0; i < size; i++) {
        CallCommand start = new CallCommand(commandId(i), CALLER, stamped, new StartCall(RECEIVER, CallType.audio));
        producer.send(new ProducerRecord<>(topics.callCommands.name(), null, stamped.toEpochMilli(), CALLER, start));
      }
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

  /** The last line since {@code from} that holds {@code marker}, from the marker on (how many entries a pass forgot). */
  static String lastLine(Path log, long from, String marker) {
    String text = logSince(log, from);
    int at = text.lastIndexOf(marker);
    if (at < 0) {
      return "";
    }
    int end = text.indexOf('\n', at);
    return text.substring(at, end < 0 ? text.length() : end).trim();
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
