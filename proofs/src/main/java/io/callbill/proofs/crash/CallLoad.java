package io.callbill.proofs.crash;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.ActiveCallQuery;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallProgress;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.schemas.Topics;
import io.callbill.stack.Pause;
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.KnownCallerTopUps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A closed loop of callers, as clients of the topology over Kafka: each caller tops up once (or, short of coins,
 * before each call), then makes its planned calls one after the other: start, wait for the answer, the receiver's
 * accept, wait for the answer, then as the plan says either the end, or (a call billing settles itself) its one
 * heartbeat if abandoned, then asks for the caller's ongoing call every {@link #WATCH_EVERY} until billing has
 * closed it, and ends it late, getting billing's settlement back. Paced so that planned call
 * {@code n} starts no earlier than {@code n / callsPerSecond} after the load began: a steady load that lasts, rather
 * than a burst that is over before the first kill. A command not answered
 * within {@link #RETRY_AFTER} is sent again with the same command id and the same record time, as a client retries;
 * the topology answers a repeated id with its stored answer. Answers are read {@code read_committed}.
 *
 * <p>Kafka rather than HTTP: the parts killed are behind the API (api-ingest is a stateless relay), and only at
 * this level does the test choose the record times, so a call of 144 s is billed as 144 s without waiting for it.
 */
final class CallLoad implements AutoCloseable {

  static final Duration RETRY_AFTER = Duration.ofSeconds(4);
  static final Duration WATCH_EVERY = Duration.ofMillis(500);

  private record Pending(CallCommand command, long sentNanos) {
  }

  private final String bootstrap;
  private final Topics topics;
  private final CallPlan plan;
  private final KafkaProducer<String, CallCommand> producer;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<Integer, String> callIds = new ConcurrentHashMap<>();
  private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicLong sends = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final Map<String, Integer> topUpAttempts = new ConcurrentHashMap<>();
  private final Thread replies;
  private final Thread resender;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "crash-pacer");
    thread.setDaemon(true);
    return thread;
  });
  private final long nanosPerCall;
  private long beganNanos;
  private volatile boolean running = true;

  CallLoad(String bootstrap, Topics topics, CallPlan plan, int callsPerSecond) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.plan = plan;
    this.nanosPerCall = TimeUnit.SECONDS.toNanos(1) / callsPerSecond;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000), new StringSerializer(),
        topics.callCommands.valueSerde().serializer());
    this.replies = new Thread(this::readReplies, "crash-replies");
    this.resender = new Thread(this::resendLoop, "crash-retries");
  }

  /** Starts the loop: every caller's top-up first, each caller's first call when its top-up is answered. */
  void start() {
    beganNanos = System.nanoTime();
    replies.start();
    resender.start();
    for (String callerId : plan.callers()) {
      if (plan.shortOfCoins(callerId)) {
        begin(plan.callsOf(plan.callers().indexOf(callerId)).get(0));
      } else {
        send(new CallCommand(CallPlan.creditCommandId(callerId), callerId, plan.creditAt(),
            new CreditCoins(CallPlan.CREDIT_COINS, CallPlan.creditReference(callerId))));
      }
    }
  }

  int settled() {
    return settled.get();
  }

  boolean done() {
    return settled.get() == plan.calls().size();
  }

  long sends() {
    return sends.get();
  }

  long retries() {
    return retries.get();
  }

  List<String> wrongAnswers() {
    return wrongAnswers;
  }

  /** The call id billing gave to planned call {@code number}, once its start was answered. */
  String callId(int number) {
    return callIds.get(number);
  }

  private void onReply(CommandReply reply) {
    Pending answered = pending.remove(reply.getCommandId());
    if (answered == null) {
      return; // the answer to a retry of an already answered command, or to a previous run
    }
    String id = reply.getCommandId();
    String callerId = answered.command().getCallerId();
    int caller = plan.callers().indexOf(callerId);
    if (KnownCallerTopUps.refusedForNoProfile(reply) && answered.command().getCommand() instanceof CreditCoins
        && repeatTopUp(answered.command())) {
      return;
    }
    if (id.startsWith("crash-credit-")) {
      if (!reply.getSuccess()) {
        wrongAnswers.add(id + ": " + reply.getMessage());
      }
      begin(plan.callsOf(caller).get(0));
      return;
    }
    String[] parts = id.split("-");
    int number = Integer.parseInt(parts[2]);
    CallPlan.Call call = plan.calls().get(number);
    switch (parts[1]) {
      case "topup" -> {
        if (!reply.getSuccess()) {
          wrongAnswers.add(id + ": " + reply.getMessage());
        }
        startCall(call);
      }
      case "start" -> {
        if (!(reply.getData() instanceof StartAccepted accepted)) {
          wrongAnswers.add(id + " refused: " + reply.getHttpStatus() + " " + reply.getMessage());
          finish(call);
          return;
        }
        if (accepted.getMaxSeconds() != call.maxSeconds()) {
          wrongAnswers.add(id + " answered maxSeconds " + accepted.getMaxSeconds() + ", expected "
              + call.maxSeconds());
        }
        callIds.put(number, accepted.getCallId());
        send(new CallCommand(call.acceptCommandId(), callerId, call.acceptAt(),
            new AcceptCall(accepted.getCallId(), CallParty.receiver, call.receiverId())));
      }
      case "accept" -> {
        if (!(reply.getData() instanceof CallProgress)) {
          wrongAnswers.add(id + " refused: " + reply.getHttpStatus() + " " + reply.getMessage());
        }
        switch (call.ending()) {
          case ENDED -> end(call);
          case CUT_OFF -> watch(call, 0);
          case ABANDONED -> send(new CallCommand(call.heartbeatCommandId(), callerId, call.lastAt(),
              new Heartbeat(callIds.get(number), CallParty.caller, null)));
          default -> throw new IllegalStateException(call.ending().toString());
        }
      }
      case "beat" -> {
        if (!(reply.getData() instanceof CallProgress)) {
          wrongAnswers.add(id + " refused: " + reply.getHttpStatus() + " " + reply.getMessage());
        }
        watch(call, 0);
      }
      case "watch" -> {
        if (reply.getData() instanceof ActiveSessionInfo ongoing && ongoing.getCallId().equals(callIds.get(number))) {
          int next = Integer.parseInt(parts[3]) + 1;
          pacer.schedule(() -> watch(call, next), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          end(call);
        }
      }
      case "end" -> {
        if (!(reply.getData() instanceof Settlement settlement)) {
          wrongAnswers.add(id + " not settled: " + reply.getHttpStatus() + " " + reply.getMessage());
        } else if (settlement.getTotalCoins() != call.charge().totalCoins()) {
          wrongAnswers.add(id + " charged " + settlement.getTotalCoins() + ", expected " + call.charge().totalCoins());
        } else if (endedBy(call) != settlement.getEndedBy()) {
          wrongAnswers.add(id + " ended by " + settlement.getEndedBy() + ", expected " + endedBy(call));
        }
        finish(call);
      }
      default -> wrongAnswers.add("an answer to a command nobody sent: " + id);
    }
  }

  /**
   * A top-up billing refused 404 Caller not found: the caller's profile (on {@code callers}, published before the
   * load) has not reached billing yet, the top-up overtook it. Sent again under a new command id (a repeated id is
   * answered with its first answer), the same reference (credited once), after a pause growing to a second; answers
   * false once {@link KnownCallerTopUps#ATTEMPTS} are spent, and the 404 counts as a wrong answer.
   */
  private boolean repeatTopUp(CallCommand refused) {
    String first = KnownCallerTopUps.firstCommandId(refused.getCommandId());
    int attempt = topUpAttempts.merge(first, 1, Integer::sum) + 1;
    if (attempt > KnownCallerTopUps.ATTEMPTS) {
      return false;
    }
    retries.incrementAndGet();
    CallCommand again = KnownCallerTopUps.repeat(refused, attempt);
    pacer.schedule(() -> send(again), KnownCallerTopUps.pauseMillis(attempt), TimeUnit.MILLISECONDS);
    return true;
  }

  /** Who the settlement must name as having ended the call. */
  static CallParty endedBy(CallPlan.Call call) {
    return switch (call.ending()) {
      case ENDED -> CallParty.caller;
      case CUT_OFF -> CallParty.cutoff;
      case ABANDONED -> CallParty.abandoned;
    };
  }

  private void end(CallPlan.Call call) {
    send(new CallCommand(call.endCommandId(), call.callerId(), call.endAt(),
        new EndCall(callIds.get(call.number()), call.receiverId(), CallParty.caller, call.claimSeconds())));
  }

  /** Asks for the caller's ongoing call, stamped now as the API would stamp it. */
  private void watch(CallPlan.Call call, int k) {
    if (running) {
      send(new CallCommand(call.watchCommandId(k), call.callerId(), Instant.now(), new ActiveCallQuery()));
    }
  }

  private void finish(CallPlan.Call call) {
    settled.incrementAndGet();
    List<CallPlan.Call> ofCaller = plan.callsOf(plan.callers().indexOf(call.callerId()));
    if (call.indexOfCaller() + 1 < ofCaller.size()) {
      begin(ofCaller.get(call.indexOfCaller() + 1));
    }
  }

  /** The call's first command (its top-up, or its start), no earlier than its moment in the load. */
  private void begin(CallPlan.Call call) {
    long delay = beganNanos + call.number() * nanosPerCall - System.nanoTime();
    Runnable first = call.topUpCoins() > 0
        ? () -> send(new CallCommand(call.topUpCommandId(), call.callerId(), call.startAt().minusSeconds(1),
            new CreditCoins(call.topUpCoins(), call.topUpReference())))
        : () -> startCall(call);
    if (delay <= 0) {
      first.run();
    } else {
      pacer.schedule(first, delay, TimeUnit.NANOSECONDS);
    }
  }

  private void startCall(CallPlan.Call call) {
    send(new CallCommand(call.startCommandId(), call.callerId(), call.startAt(),
        new StartCall(call.receiverId(), CallType.audio)));
  }

  private void send(CallCommand command) {
    pending.put(command.getCommandId(), new Pending(command, System.nanoTime()));
    transmit(command);
  }

  private void transmit(CallCommand command) {
    sends.incrementAndGet();
    try {
      producer.send(new ProducerRecord<>(topics.callCommands.name(), null, command.getIssuedAt().toEpochMilli(),
          command.getCallerId(), command));
    } catch (RuntimeException e) {
      // broker away (metadata or buffer timeout): the resender sends it again
    }
  }

  private void resendLoop() {
    while (running) {
      long now = System.nanoTime();
      for (Map.Entry<String, Pending> entry : pending.entrySet()) {
        if (now - entry.getValue().sentNanos() > RETRY_AFTER.toNanos()
            && pending.replace(entry.getKey(), entry.getValue(), new Pending(entry.getValue().command(), now))) {
          retries.incrementAndGet();
          transmit(entry.getValue().command());
        }
      }
      Pause.unlessInterrupted(Duration.ofMillis(250));
    }
  }

  private void readReplies() {
    CommandClient.follow(bootstrap, topics, () -> running, this::onReply);
  }

  @Override
  public void close() {
    running = false;
    pacer.shutdownNow();
    try {
      resender.join(5_000);
      replies.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
