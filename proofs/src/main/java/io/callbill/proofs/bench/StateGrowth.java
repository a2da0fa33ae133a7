package io.callbill.proofs.bench;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallProgress;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.Receiver;
import io.callbill.avro.StartCall;
import io.callbill.billing.caller.CallIds;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.testkit.KnownCallerTopUps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Grows billing's stores, with billing-streams running, to {@code settled} settled calls and {@code open} calls left
 * open: {@code open} callers of their own ({@code grow-caller-N}, a billion coins each, receivers
 * {@code grow-receiver-N}), call k on caller k mod open, then one more call per caller that is started and accepted
 * but never ended. Used by {@code ./callbill bench --state N} and {@code ./callbill measure-recovery}.
 *
 * <p>Fast because nothing waits for an answer per call: like the drain ({@link DrainedCalls}), each call's start,
 * accept and end are written at once, the accept and end naming the call by the id billing will give the start
 * ({@link CallIds}); the calls are written in chunks of {@link #CHUNK_CALLS} and the chunk's answers awaited before
 * the next. Each chunk is stamped {@link DrainedCalls#AHEAD} ahead of the wall clock when it is written, so no ring
 * timeout falls due while its commands wait in billing's input (billing's deadlines run on the wall clock). The open
 * calls are accepted and have no heartbeat: they stay open until the session TTL (2 h from their start by default).
 *
 * <p>Every settlement must be the rate card's exact charge ({@link BenchCalls#isExact}) and every open call's accept
 * answered with its progress; the others are counted as wrong answers.
 */
final class StateGrowth {

  static final int CHUNK_CALLS = 50_000;
  static final String PREFIX = "grow-";
  private static final int RECEIVERS = 50;

  private final int settled;
  private final int open;
  private final String[] openCallIds;
  private final Map<String, CommandReply> topUpReplies = new ConcurrentHashMap<>();
  private final AtomicLong settlements = new AtomicLong();
  private final AtomicLong openAccepted = new AtomicLong();
  private final AtomicLong wrong = new AtomicLong();
  private volatile Instant openStartedAt;

  /** What the growth left in billing's stores, and how long it took. */
  record Grown(long settledCalls, long openCalls, long wrongAnswers, double seconds) {
  }

  StateGrowth(int settled, int open) {
    if (open < 1 || settled < 0) {
      throw new IllegalArgumentException("a growth needs at least one open call and no negative settled calls");
    }
    this.settled = settled;
    this.open = open;
    this.openCallIds = new String[open];
  }

  /** The open calls {@code ./callbill bench --state N} leaves beside N settled ones: a tenth, at least one. */
  static int openCallsFor(int settledCalls) {
    return Math.max(1, settledCalls / 10);
  }

  static String caller(int c) {
    return PREFIX + "caller-" + c;
  }

  static String receiver(int c) {
    return PREFIX + "receiver-" + (c % RECEIVERS);
  }

  /** The id billing gave open call {@code caller}'s call. */
  String openCallId(int caller) {
    return openCallIds[caller];
  }

  /** The record time of every open call's start and accept: an end {@link BenchCalls#CALL_SECONDS} later is exact. */
  Instant openStartedAt() {
    return openStartedAt;
  }

  int openCalls() {
    return open;
  }

  /** Takes the answers to the growth's commands; false for any other answer. */
  boolean onReply(CommandReply reply) {
    String id = reply.getCommandId();
    if (!id.startsWith(PREFIX)) {
      return false;
    }
    if (id.startsWith(PREFIX + "credit-")) {
      topUpReplies.put(id, reply);
    } else if (id.startsWith(PREFIX + "e-")) {
      if (!BenchCalls.isExact(reply)) {
        wrong.incrementAndGet();
      }
      settlements.incrementAndGet();
    } else if (id.startsWith(PREFIX + "open-a-")) {
      if (!(reply.getData() instanceof CallProgress)) {
        wrong.incrementAndGet();
      }
      openAccepted.incrementAndGet();
    }
    return true;
  }

  /** The growth's callers and receivers (level 1 of the rate card the caller publishes), stamped {@code at}. */
  void publishProfiles(String bootstrap, Topics topics, Instant at) {
    try (KafkaProducer<String, Receiver> receivers = producer(bootstrap, topics.receivers);
         KafkaProducer<String, Caller> callers = producer(bootstrap, topics.callers)) {
      for (int r = 0; r < Math.min(RECEIVERS, open); r++) {
        receivers.send(new ProducerRecord<>(topics.receivers.name(), null, at.toEpochMilli(), receiver(r),
            Receiver.newBuilder().setReceiverId(receiver(r)).setName("Receiver " + r).setOnlineStatus(true)
                .setCurrentLevel(1).setReviewAccepted(true).build()));
      }
      for (int c = 0; c < open; c++) {
        callers.send(new ProducerRecord<>(topics.callers.name(), null, at.toEpochMilli(), caller(c),
            Caller.newBuilder().setCallerId(caller(c)).setFirstName("Caller " + c).build()));
      }
    }
  }

  /**
   * Tops the callers up, writes every call and waits until all are answered.
   *
   * @param send writes a command to call-commands (keyed by its caller, its issue time as the record time)
   * @param flush flushes what {@code send} wrote
   * @param answerWithin how long to wait for one chunk's answers
   * @param progress told a line after each chunk
   */
  Grown grow(Consumer<CallCommand> send, Runnable flush, Duration answerWithin, Consumer<String> progress)
      throws InterruptedException {
    long began = System.nanoTime();
    // Stamped after the profiles (a second after publishProfiles' time at the earliest): taken after them.
    Instant creditAt = Instant.now();
    List<CallCommand> credits = new ArrayList<>();
    for (int c = 0; c < open; c++) {
      credits.add(new CallCommand(PREFIX + "credit-" + c, caller(c), creditAt,
          new CreditCoins(1_000_000_000L, PREFIX + "credit-" + c)));
    }
    // A top-up may overtake its caller's profile (404): repeated until billing knows every caller.
    KnownCallerTopUps.topUp(credits, sent -> {
      sent.forEach(send);
      flush.run();
    }, topUpReplies::get, answerWithin);
    for (int first = 0; first < settled; first += CHUNK_CALLS) {
      int last = Math.min(settled, first + CHUNK_CALLS);
      Instant at = Instant.now().plus(DrainedCalls.AHEAD);
      for (int call = first; call < last; call++) {
        settledCall(call, at).forEach(send);
      }
      flush.run();
      await(() -> settlements.get() >= last, answerWithin, "settlements of calls " + first + " to " + last);
      progress.accept(String.format("state: %,d of %,d settled calls (%.0f s)", last, settled,
          (System.nanoTime() - began) / 1e9));
    }
    Instant at = Instant.now().plus(DrainedCalls.AHEAD);
    openStartedAt = at;
    for (int c = 0; c < open; c++) {
      CallCommand start = new CallCommand(PREFIX + "open-s-" + c, caller(c), at,
          new StartCall(receiver(c), CallType.audio));
      openCallIds[c] = CallIds.of(start, at);
      send.accept(start);
      send.accept(new CallCommand(PREFIX + "open-a-" + c, caller(c), at,
          new AcceptCall(openCallIds[c], CallParty.receiver, receiver(c))));
    }
    flush.run();
    await(() -> openAccepted.get() >= open, answerWithin, "accepts of the " + open + " open calls");
    return new Grown(settlements.get(), open, wrong.get(), (System.nanoTime() - began) / 1e9);
  }

  /** Start, accept and end of settled call {@code call}, on caller call mod open, started at {@code at}. */
  List<CallCommand> settledCall(int call, Instant at) {
    int c = call % open;
    CallCommand start = new CallCommand(PREFIX + "s-" + call, caller(c), at,
        new StartCall(receiver(c), CallType.audio));
    String callId = CallIds.of(start, at);
    return List.of(start,
        new CallCommand(PREFIX + "a-" + call, caller(c), at, new AcceptCall(callId, CallParty.receiver,
            receiver(c))),
        BillingBenchmark.endCommand(caller(c), callId, receiver(c), at.plusSeconds(BenchCalls.CALL_SECONDS),
            PREFIX + "e-" + call));
  }

  private interface Condition {
    boolean met();
  }

  private static void await(Condition done, Duration within, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.met()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("state growth: not every answer within " + within + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  private static <V> KafkaProducer<String, V> producer(String bootstrap, Topic<String, V> topic) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }
}
