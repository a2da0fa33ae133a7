package io.callbill.testkit;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends {@code CallCommand}s to {@code call-commands} as api-ingest does (key: the callerId, value: single-object
 * Avro, record timestamp: the command's {@code issuedAt} unless told otherwise, no headers) and reads billing's
 * {@code CommandReply}s from {@code call-replies}, {@code read_committed}, matched by command id. One client for the
 * tests and proofs; api-ingest's own {@code ReplyRouter} stays the production one.
 *
 * <p>Replies are read from the end of the topic as it was when the client was created, so create it before sending.
 * Each {@link #send} answers the next reply to its command id that arrives after it (a repeated command id, sent
 * again after its first answer, waits for its own, second answer). Every reply read is also kept, by command id, for
 * tests that count replies ({@link #replies}). For a stream of replies without keeping any (the benchmark), see
 * {@link #follow}.
 *
 * <p>With a transactional id, commands go out only in {@link #inTransaction} (committed) or
 * {@link #inAbortedTransaction} (aborted: read_committed billing never sees them).
 *
 * <p>A {@link #retrying} client is for a broker that is killed and restarted under it (the crash test): it sends a
 * command not answered in time again, as a client retries, and never lets a send hold its thread for long.
 */
public final class CommandClient implements AutoCloseable {

  private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  /**
   * A retrying client's producer timeouts: a send waits at most this long for metadata or buffer space while the
   * broker is away, and a write is given up (to be repeated) after {@link #RETRYING_DELIVERY_TIMEOUT}.
   */
  private static final Duration RETRYING_BLOCK = Duration.ofSeconds(5);
  private static final Duration RETRYING_DELIVERY_TIMEOUT = Duration.ofSeconds(20);

  /** The records of one transaction. */
  public interface Transaction {

    /** A command, with the record timestamp billing measures by. */
    void command(CallCommand command, Instant timestamp);

    /** Any other record (reference data), in the same transaction. */
    <V> void record(Topic<String, V> topic, String key, V value, Instant timestamp);
  }

  private final Topics topics;
  private final boolean transactional;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, CommandReply> replyConsumer;
  private final Map<String, CompletableFuture<CommandReply>> awaited = new ConcurrentHashMap<>();
  private final Map<String, List<CommandReply>> read = new HashMap<>();
  private final Thread replyReader;
  /** How long a retrying client waits for a reply before it writes the command again; null: it never does. */
  private final Duration retryAfter;
  private final ScheduledExecutorService repeater;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong repeats = new AtomicLong();
  private volatile boolean closed;
  private volatile RuntimeException readFailure;

  private CommandClient(String bootstrapServers, Topics topics, String transactionalId, Duration retryAfter) {
    this.topics = topics;
    this.transactional = transactionalId != null;
    this.retryAfter = retryAfter;
    Map<String, Object> producerConfig = new HashMap<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.LINGER_MS_CONFIG, "5"));
    if (transactional) {
      producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    if (retryAfter != null) {
      producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(RETRYING_BLOCK.toMillis()));
      producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(RETRYING_BLOCK.toMillis()));
      producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
          Long.toString(RETRYING_DELIVERY_TIMEOUT.toMillis()));
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "command-client-repeats");
        thread.setDaemon(true);
        return thread;
      });
      executor.setRemoveOnCancelPolicy(true);
      this.repeater = executor;
    } else {
      this.repeater = null;
    }
    this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    if (transactional) {
      producer.initTransactions();
    }
    this.replyConsumer = committedReader(bootstrapServers, topics);
    List<TopicPartition> partitions = partitions(replyConsumer, topics);
    replyConsumer.assign(partitions);
    replyConsumer.seekToEnd(partitions);
    // Resolve the end now, so a reply to a command sent after this constructor is never skipped.
    partitions.forEach(replyConsumer::position);
    this.replyReader = new Thread(this::readReplies, "command-client-replies");
    replyReader.setDaemon(true);
    replyReader.start();
  }

  /** A client whose commands are written one by one by an idempotent producer. */
  public static CommandClient connect(String bootstrapServers, Topics topics) {
    return new CommandClient(bootstrapServers, topics, null, null);
  }

  /** A client whose commands are written in transactions of the producer {@code transactionalId}. */
  public static CommandClient transactional(String bootstrapServers, Topics topics, String transactionalId) {
    return new CommandClient(bootstrapServers, topics, transactionalId, null);
  }

  /**
   * A client that retries as a client of billing does: a command not answered within {@code retryAfter} is written
   * again with the same command id and record time, and again every {@code retryAfter} until its reply comes
   * (billing answers a repeated id with its stored answer, so a command applies once however often it is written).
   * A write that fails, or a send that finds the broker away, is left to the next repeat instead of failing the
   * reply; a send waits for the broker only briefly ({@link #RETRYING_BLOCK}), so the thread that sends is soon free.
   */
  public static CommandClient retrying(String bootstrapServers, Topics topics, Duration retryAfter) {
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
    }
    return new CommandClient(bootstrapServers, topics, null, retryAfter);
  }

  /** Sends the command with its {@code issuedAt} as the record time; completes with its reply. */
  public CompletableFuture<CommandReply> send(CallCommand command) {
    return send(command, command.getIssuedAt());
  }

  /**
   * Sends the command with {@code timestamp} as the record time; completes with the next reply to its command id
   * (exceptionally if the write fails; a {@link #retrying} client writes it again instead). Not on a transactional
   * client.
   */
  public CompletableFuture<CommandReply> send(CallCommand command, Instant timestamp) {
    if (transactional) {
      throw new IllegalStateException("a transactional client sends in inTransaction(...)");
    }
    CompletableFuture<CommandReply> reply = new CompletableFuture<>();
    awaited.merge(command.getCommandId(), reply, (pending, again) -> {
      throw new IllegalStateException("command " + command.getCommandId() + " is already awaiting a reply");
    });
    if (retryAfter == null) {
      write(command, timestamp, reply);
      return reply;
    }
    writeOrLeaveToRepeat(command, timestamp);
    long every = retryAfter.toNanos();
    ScheduledFuture<?> again = repeater.scheduleWithFixedDelay(() -> {
      if (!reply.isDone()) {
        repeats.incrementAndGet();
        writeOrLeaveToRepeat(command, timestamp);
      }
    }, every, every, TimeUnit.NANOSECONDS);
    reply.whenComplete((answered, failure) -> again.cancel(false));
    return reply;
  }

  /** Records written to {@code call-commands} by {@link #send}, repeats included. */
  public long writes() {
    return writes.get();
  }

  /** How many of those were a retrying client's repeats of a command not yet answered. */
  public long repeats() {
    return repeats.get();
  }

  /** Writes the command; a failed write fails its reply. */
  private void write(CallCommand command, Instant timestamp, CompletableFuture<CommandReply> reply) {
    writes.incrementAndGet();
    producer.send(commandRecord(command, timestamp), (metadata, failure) -> {
      if (failure != null && awaited.remove(command.getCommandId(), reply)) {
        reply.completeExceptionally(failure);
      }
    });
  }

  /** Writes the command; a failure (the broker away: metadata, buffer or delivery timeout) waits for the repeat. */
  private void writeOrLeaveToRepeat(CallCommand command, Instant timestamp) {
    writes.incrementAndGet();
    try {
      producer.send(commandRecord(command, timestamp));
    } catch (RuntimeException brokerAway) {
      // written again by the next repeat
    }
  }

  /** Sends every command (record time: its issuedAt) and flushes; the futures are in the same order. */
  public List<CompletableFuture<CommandReply>> sendAll(Collection<CallCommand> commands) {
    List<CompletableFuture<CommandReply>> replies = new ArrayList<>();
    commands.forEach(command -> replies.add(send(command)));
    producer.flush();
    return replies;
  }

  /** Sends the command and waits for its reply; fails the test if none comes within {@code within}. */
  public CommandReply call(CallCommand command, Duration within) throws InterruptedException {
    return await(send(command), command.getCommandId(), within);
  }

  /** Waits for a reply future of this client; an AssertionError names the command when none comes in time. */
  public static CommandReply await(CompletableFuture<CommandReply> reply, String commandId, Duration within)
      throws InterruptedException {
    try {
      return reply.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no reply to command " + commandId + " within " + within);
    } catch (ExecutionException e) {
      throw new IllegalStateException("command " + commandId + " could not be sent", e.getCause());
    }
  }

  /** Writes a record that is no command (reference data) and waits until the broker has it. Not transactional. */
  public <V> void publish(Topic<String, V> topic, String key, V value) {
    if (transactional) {
      throw new IllegalStateException("a transactional client writes in inTransaction(...)");
    }
    try {
      producer.send(record(topic, key, value, Instant.now())).get(METADATA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic.name(), e);
    }
  }

  /** Writes {@code writes} in one committed transaction: read_committed readers see all of them or none. */
  public void inTransaction(Consumer<Transaction> writes) {
    transaction(writes);
    producer.commitTransaction();
  }

  /** Writes {@code writes} in a transaction that is aborted once they are on the broker. */
  public void inAbortedTransaction(Consumer<Transaction> writes) {
    transaction(writes);
    producer.flush();
    producer.abortTransaction();
  }

  private void transaction(Consumer<Transaction> writes) {
    if (!transactional) {
      throw new IllegalStateException("a client without a transactional id sends with send(...)");
    }
    producer.beginTransaction();
    writes.accept(new Transaction() {
      @Override
      public void command(CallCommand command, Instant timestamp) {
        producer.send(commandRecord(command, timestamp));
      }

      @Override
      public <V> void record(Topic<String, V> topic, String key, V value, Instant timestamp) {
        producer.send(CommandClient.record(topic, key, value, timestamp));
      }
    });
  }

  /** Every reply read so far to {@code commandId}, in the order read (empty if none). */
  public List<CommandReply> replies(String commandId) {
    checkReader();
    synchronized (read) {
      return List.copyOf(read.getOrDefault(commandId, List.of()));
    }
  }

  /** Every reply read so far, by command id. */
  public Map<String, List<CommandReply>> repliesByCommandId() {
    checkReader();
    synchronized (read) {
      Map<String, List<CommandReply>> copy = new HashMap<>();
      read.forEach((id, replies) -> copy.put(id, List.copyOf(replies)));
      return copy;
    }
  }

  /** Whether a reply to each of {@code commandIds} has been read. */
  public boolean answered(Collection<String> commandIds) {
    checkReader();
    synchronized (read) {
      return read.keySet().containsAll(commandIds);
    }
  }

  /**
   * Follows every partition of the replies topic from the beginning, committed records only, handing each reply to
   * {@code onReply} (on the calling thread) until {@code running} turns false; keeps nothing. A broker that restarts
   * meanwhile only makes it poll again.
   */
  public static void follow(String bootstrapServers, Topics topics, BooleanSupplier running,
      Consumer<CommandReply> onReply) {
    try (KafkaConsumer<String, CommandReply> consumer = committedReader(bootstrapServers, topics)) {
      List<TopicPartition> partitions = partitions(consumer, topics);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      pollWhile(consumer, running, record -> onReply.accept(record.value()));
    }
  }

  /** Polls until {@code running} turns false; a broker that restarts meanwhile only makes it poll again. */
  private static void pollWhile(KafkaConsumer<String, CommandReply> consumer, BooleanSupplier running,
      Consumer<ConsumerRecord<String, CommandReply>> onRecord) {
    while (running.getAsBoolean()) {
      try {
        consumer.poll(POLL).forEach(onRecord);
      } catch (RetriableException restarting) {
        // the broker is restarting: poll again
      }
    }
  }

  private void readReplies() {
    try {
      pollWhile(replyConsumer, () -> !closed, record -> onReply(record.key(), record.value()));
    } catch (WakeupException closing) {
      // close() woke the poll up
    } catch (RuntimeException e) {
      readFailure = e;
      awaited.values().forEach(reply -> reply.completeExceptionally(e));
    } finally {
      replyConsumer.close();
    }
  }

  private void onReply(String commandId, CommandReply reply) {
    synchronized (read) {
      read.computeIfAbsent(commandId, id -> new ArrayList<>()).add(reply);
    }
    CompletableFuture<CommandReply> awaiting = awaited.remove(commandId);
    if (awaiting != null) {
      awaiting.complete(reply);
    }
  }

  private void checkReader() {
    if (readFailure != null) {
      throw new IllegalStateException("the reply reader stopped", readFailure);
    }
  }

  private ProducerRecord<String, byte[]> commandRecord(CallCommand command, Instant timestamp) {
    return record(topics.callCommands, command.getCallerId(), command, timestamp);
  }

  private static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, String key, V value,
      Instant timestamp) {
    return new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key,
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  private static KafkaConsumer<String, CommandReply> committedReader(String bootstrapServers, Topics topics) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        topics.replies.keySerde().deserializer(), topics.replies.valueSerde().deserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, ?> consumer, Topics topics) {
    return consumer.partitionsFor(topics.replies.name(), METADATA_WAIT).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    if (repeater != null) {
      repeater.shutdownNow();
    }
    replyConsumer.wakeup();
    replyReader.join(TimeUnit.SECONDS.toMillis(10));
    producer.close(Duration.ofSeconds(5));
  }
}
