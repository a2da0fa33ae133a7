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
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.KnownCallerTopUps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A closed loop of callers, as clients of the topology over Kafka: each caller tops up once (or, short of coins,
 * before each call), then makes its planned calls one after the other: start, wait for the answer, the receiver's
 * accept, wait for the answer, then as the plan says either the end, or (a call billing settles itself) its one
 * heartbeat if abandoned, then asks for the caller's ongoing call every {@link #WATCH_EVERY} until billing has
 * closed it, and ends it late, getting billing's settlement back. Paced so that planned call
 * {@code n} starts no earlier than {@code n / callsPerSecond} after the load began: a steady load that lasts, rather
 * than a burst that is over before the first kill. Commands go through test-kit's {@link CommandClient#retrying}
 * client: one not answered within {@link #RETRY_AFTER} is written again with the same command id and the same
 * record time, as a client retries (the topology answers a repeated id with its stored answer); answers are read
 * {@code read_committed} and each is followed up on the client's reply thread.
 *
 * <p>Kafka rather than HTTP: the parts killed are behind the API (api-ingest is a stateless relay), and only at
 * this level does the test choose the record times, so a call of 144 s is billed as 144 s without waiting for it.
 */
final class CallLoad implements AutoCloseable {

  static final Duration RETRY_AFTER = Duration.ofSeconds(4);
  static final Duration WATCH_EVERY = Duration.ofMillis(500);

  private final CallPlan plan;
  private final CommandClient client;
  private final Map<Integer, String> callIds = new ConcurrentHashMap<>();
  private final List<String> wrongAnswers = new CopyOnWriteArrayList<>();
  private final AtomicInteger settled = new AtomicInteger();
  private final AtomicLong topUpRepeats = new AtomicLong();
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "crash-pacer");
    thread.setDaemon(true);
    return thread;
  });
  private final long nanosPerCall;
  private long beganNanos;
  private volatile boolean running = true;

  /** Connects to the replies at their end now: create it before the load's first command. */
  CallLoad(String bootstrap, Topics topics, CallPlan plan, int callsPerSecond) {
    this.plan = plan;
    this.nanosPerCall = TimeUnit.SECONDS.toNanos(1) / callsPerSecond;
    this.client = CommandClient.retrying(bootstrap, topics, RETRY_AFTER);
  }

  /** Starts the loop: every caller's top-up first, each caller's first call when its top-up is answered. */
  void start() {
    beganNanos = System.nanoTime();
    for (String callerId : plan.callers()) {
      CallPlan.Call first = plan.callsOf(plan.callers().indexOf(callerId)).get(0);
      if (plan.shortOfCoins(callerId)) {
        begin(first);
      } else {
        topUp(new CallCommand(CallPlan.creditCommandId(callerId), callerId, plan.creditAt(),
            new CreditCoins(CallPlan.CREDIT_COINS, CallPlan.creditReference(callerId))), () -> begin(first));
      }
    }
  }

  int settled() {
    return settled.get();
  }

  boolean done() {
    return settled.get() == plan.calls().size();
  }

  /** Commands written, repeats included. */
  long sends() {
    return client.writes();
  }

  /** Commands written again: unanswered in time (same id), or top-ups refused for a profile not yet there. */
  long retries() {
    return client.repeats() + topUpRepeats.get();
  }

  List<String> wrongAnswers() {
    return wrongAnswers;
  }

  /** The call id billing gave to planned call {@code number}, once its start was answered. */
  String callId(int number) {
    return callIds.get(number);
  }

  /** Who the settlement must name as having ended the call. */
  static CallParty endedBy(CallPlan.Call call) {
    return switch (call.ending()) {
      case ENDED -> CallParty.caller;
      case CUT_OFF -> CallParty.cutoff;
      case ABANDONED -> CallParty.abandoned;
    };
  }

  /** The call's first command (its top-up, or its start), no earlier than its moment in the load. */
  private void begin(CallPlan.Call call) {
    Runnable first = call.topUpCoins() > 0
        ? () -> topUp(new CallCommand(call.topUpCommandId(), call.callerId(), call.startAt().minusSeconds(1),
            new CreditCoins(call.topUpCoins(), call.topUpReference())), () -> startCall(call))
        : () -> startCall(call);
    later(beganNanos + call.number() * nanosPerCall - System.nanoTime(), first);
  }

  /**
   * A top-up, repeated as {@link KnownCallerTopUps} says while billing has no profile of the caller yet (the
   * profile, published before the load, can be overtaken by the top-up); then {@code next}, whatever the answer.
   */
  private void topUp(CallCommand credit, Runnable next) {
    KnownCallerTopUps.untilKnown(credit, this::sendCounted, pacer).whenComplete((reply, failure) -> {
      if (failure != null) {
        wrongAnswers.add(credit.getCommandId() + ": no answer (" + failure + ")");
        return;
      }
      if (!reply.getSuccess()) {
        wrongAnswers.add(reply.getCommandId() + ": " + reply.getMessage());
      }
      next.run();
    });
  }

  /** Sends a top-up (first or repeat), counting the repeats. */
  private CompletableFuture<CommandReply> sendCounted(CallCommand credit) {
    if (!KnownCallerTopUps.firstCommandId(credit.getCommandId()).equals(credit.getCommandId())) {
      topUpRepeats.incrementAndGet();
    }
    return client.send(credit);
  }

  private void startCall(CallPlan.Call call) {
    send(new CallCommand(call.startCommandId(), call.callerId(), call.startAt(),
        new StartCall(call.receiverId(), CallType.audio)), reply -> started(call, reply));
  }

  private void started(CallPlan.Call call, CommandReply reply) {
    if (!(reply.getData() instanceof StartAccepted accepted)) {
      wrongAnswers.add(reply.getCommandId() + " refused: " + reply.getHttpStatus() + " " + reply.getMessage());
      finish(call);
      return;
    }
    if (accepted.getMaxSeconds() != call.maxSeconds()) {
      wrongAnswers.add(reply.getCommandId() + " answered maxSeconds " + accepted.getMaxSeconds() + ", expected "
          + call.maxSeconds());
    }
    callIds.put(call.number(), accepted.getCallId());
    send(new CallCommand(call.acceptCommandId(), call.callerId(), call.acceptAt(),
        new AcceptCall(accepted.getCallId(), CallParty.receiver, call.receiverId())), accept -> accepted(call, accept));
  }

  /** Accepted: the end, a watch until billing cuts it off, or the one heartbeat of a call then abandoned. */
  private void accepted(CallPlan.Call call, CommandReply reply) {
    expectProgress(reply);
    switch (call.ending()) {
      case ENDED -> end(call);
      case CUT_OFF -> watch(call, 0);
      case ABANDONED -> send(new CallCommand(call.heartbeatCommandId(), call.callerId(), call.lastAt(),
          new Heartbeat(callIds.get(call.number()), CallParty.caller, null)), beat -> {
            expectProgress(beat);
            watch(call, 0);
          });
      default -> throw new IllegalStateException(call.ending().toString());
    }
  }

  private void expectProgress(CommandReply reply) {
    if (!(reply.getData() instanceof CallProgress)) {
      wrongAnswers.add(reply.getCommandId() + " refused: " + reply.getHttpStatus() + " " + reply.getMessage());
    }
  }

  /** Asks for the caller's ongoing call, stamped now as the API would stamp it, until billing has closed it. */
  private void watch(CallPlan.Call call, int k) {
    if (!running) {
      return;
    }
    send(new CallCommand(call.watchCommandId(k), call.callerId(), Instant.now(), new ActiveCallQuery()), reply -> {
      if (reply.getData() instanceof ActiveSessionInfo ongoing
          && ongoing.getCallId().equals(callIds.get(call.number()))) {
        later(WATCH_EVERY.toNanos(), () -> watch(call, k + 1));
      } else {
        end(call);
      }
    });
  }

  /** The caller's end; for a call billing closed itself, late, getting billing's settlement back. */
  private void end(CallPlan.Call call) {
    send(new CallCommand(call.endCommandId(), call.callerId(), call.endAt(),
        new EndCall(callIds.get(call.number()), call.receiverId(), CallParty.caller, call.claimSeconds())), reply -> {
          String id = reply.getCommandId();
          if (!(reply.getData() instanceof Settlement settlement)) {
            wrongAnswers.add(id + " not settled: " + reply.getHttpStatus() + " " + reply.getMessage());
          } else if (settlement.getTotalCoins() != call.charge().totalCoins()) {
            wrongAnswers.add(id + " charged " + settlement.getTotalCoins() + ", expected "
                + call.charge().totalCoins());
          } else if (endedBy(call) != settlement.getEndedBy()) {
            wrongAnswers.add(id + " ended by " + settlement.getEndedBy() + ", expected " + endedBy(call));
          }
          finish(call);
        });
  }

  private void finish(CallPlan.Call call) {
    settled.incrementAndGet();
    List<CallPlan.Call> ofCaller = plan.callsOf(plan.callers().indexOf(call.callerId()));
    if (call.indexOfCaller() + 1 < ofCaller.size()) {
      begin(ofCaller.get(call.indexOfCaller() + 1));
    }
  }

  /**
   * Sends the command (written again by the client until answered) and hands its reply to {@code then}, on the
   * client's reply thread; a reply that never comes or a step that fails is a wrong answer.
   */
  private void send(CallCommand command, Consumer<CommandReply> then) {
    CompletableFuture<CommandReply> answer;
    try {
      answer = client.send(command);
    } catch (RuntimeException e) {
      wrongAnswers.add(command.getCommandId() + ": not sent (" + e + ")"); // on the pacer it would go unseen
      return;
    }
    answer.whenComplete((reply, failure) -> {
      if (failure != null) {
        wrongAnswers.add(command.getCommandId() + ": no answer (" + failure + ")");
        return;
      }
      try {
        then.accept(reply);
      } catch (RuntimeException e) {
        wrongAnswers.add(command.getCommandId() + ": its answer could not be followed up (" + e + ")");
      }
    });
  }

  /** Runs {@code step} after {@code delayNanos} (now if not positive) on the pacer, unless the load was closed. */
  private void later(long delayNanos, Runnable step) {
    if (!running) {
      return;
    }
    if (delayNanos <= 0) {
      step.run();
      return;
    }
    try {
      pacer.schedule(step, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      // close() stopped the pacer: the load is over
    }
  }

  @Override
  public void close() {
    running = false;
    pacer.shutdownNow();
    try {
      client.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
