package io.callbill.proofs.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbill.stack.Pause;
import io.callbill.testkit.KnownCallerTopUps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drives one call over HTTP as its two clients would, on billing's defaults (measured metering, connect at the
 * accept): the caller starts, the receiver accepts, they talk (sending heartbeats every {@link #HEARTBEAT_EVERY},
 * from either side in turn), then the call ends as its caller's {@link Behaviour} says:
 * <ul>
 *   <li>honest and under-reporting callers end it (claiming their own measurement, 0, or half of it);</li>
 *   <li>a caller past its balance never ends it: the client watches it until billing cut it off;</li>
 *   <li>a vanishing caller stops its heartbeats and never ends it: the client watches until billing abandoned it.</li>
 * </ul>
 * A call billing closed itself is then ended by its caller, which must get that settlement back. The client notes
 * the wall-clock moments around each request, so the verifier can hold billing's measurement against them. Every
 * request carries an Idempotency-Key, so a 503 or a lost connection is retried as the same command.
 */
public final class CallDriver {

  static final int ATTEMPTS = 3;
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(3);
  /** How often a client asks whether billing has closed a call it no longer ends itself. */
  static final Duration WATCH_EVERY = Duration.ofMillis(500);
  /** Beyond its due moment, how long billing may take to close a call (punctuation every second, a loaded box). */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(30);
  private static final int NOT_FOUND = 404;
  /** Calls of a caller short of coins must be cut off soon: more than this is a leftover balance. */
  static final long MOST_SECONDS_PAST_BALANCE = 120;
  /** Fields two answers to the same call's ends must agree on. */
  private static final List<String> SETTLEMENT_FIELDS = List.of("callId", "duration", "billableDuration",
      "totalCoins", "femaleEarning", "platformMargin", "adminEarned", "agencyEarned", "callerRemainingBalance");

  private final Api api;
  private final RunningStack stack;
  private final String runId;
  private final int adminSharePercent;
  private final Duration heartbeatTimeout;
  private final ExecutorService secondSide;

  public CallDriver(Api api, RunningStack stack, String runId, int adminSharePercent, Duration heartbeatTimeout,
                    ExecutorService secondSide) {
    this.api = api;
    this.stack = stack;
    this.runId = runId;
    this.adminSharePercent = adminSharePercent;
    this.heartbeatTimeout = heartbeatTimeout;
    this.secondSide = secondSide;
  }

  /** Drives a call of the closed loop: each latency is its request's own time. */
  public CallOutcome drive(CallPlan plan) {
    return new Call(plan, false, 0).drive();
  }

  /**
   * Drives a call of the open loop that began {@code lagNanos} after its due moment. Its start's latency counts from
   * that due moment (the lag plus the start's own time; a top-up before it not included), its end's from the moment
   * the plan meant to end it (a client woken late, or held up by a slow heartbeat, counts), so a stalled system
   * cannot hide behind a sender that waited for it.
   */
  public CallOutcome driveOnSchedule(CallPlan plan, long lagNanos) {
    return new Call(plan, true, lagNanos).drive();
  }

  /** One call's requests and what its client saw. */
  private final class Call {

    private final CallPlan plan;
    private final List<String> errors = new ArrayList<>();
    private final String callerToken;
    private final String receiverToken;
    private final String key;
    private final boolean onSchedule;
    private final long lagNanos;
    private int heartbeats;

    Call(CallPlan plan, boolean onSchedule, long lagNanos) {
      this.plan = plan;
      this.onSchedule = onSchedule;
      this.lagNanos = lagNanos;
      this.callerToken = stack.token(plan.callerId(), "caller");
      this.receiverToken = stack.token(plan.receiver().id(), "receiver");
      this.key = runId + "-" + plan.index();
    }

    CallOutcome drive() {
      long topUp = plan.behaviour() == Behaviour.PAST_BALANCE ? topUpToTheCallsWorth() : 0;
      if (topUp < 0) {
        return CallOutcome.notStarted(plan, 0, -1, errors);
      }
      Attempt start = send("start", () -> api.send("POST", "/male-user/calls/start", callerToken,
          "{\"receiverId\":" + Api.quote(plan.receiver().id()) + ",\"callType\":\"" + plan.callType() + "\"}",
          Map.of("Idempotency-Key", key + "-start")));
      if (start.answer == null || start.answer.status() != 200) {
        if (start.answer != null && start.answer.status() != 503) {
          errors.add("start: " + start.answer.describe());
        }
        return CallOutcome.notStarted(plan, topUp, startLatency(start), errors);
      }
      JsonNode started = start.answer.data();
      String callId = started.path("callId").asText();
      long maxSeconds = started.path("maxSeconds").asLong(-1);
      long balance = started.path("callerCoinBalance").asLong(-1);
      if (plan.behaviour() == Behaviour.PAST_BALANCE && maxSeconds > MOST_SECONDS_PAST_BALANCE) {
        errors.add("past-balance caller holds coins for " + maxSeconds + " s (a leftover: use another --prefix)");
      }

      Attempt accept = send("accept", () -> api.send("POST", "/female-user/calls/accept", receiverToken,
          "{\"callId\":" + Api.quote(callId) + "}", Map.of("Idempotency-Key", key + "-accept")));
      if (accept.answer == null || accept.answer.status() != 200) {
        errors.add("accept: " + (accept.answer == null ? "no answer" : accept.answer.describe()));
        Ended ended = end(callId, 0);
        return new CallOutcome(plan, callId, topUp, balance, maxSeconds, null, null, ended.sent, ended.answered, 0,
            ended.settlement, startLatency(start), ended.nanos, errors);
      }
      Instant acceptSent = accept.sent;
      Instant acceptAnswered = accept.answered;
      if (!plan.behaviour().neverEnds()) {
        Instant endDue = acceptAnswered.plusSeconds(plan.seconds());
        talk(callId, endDue);
        long claim = plan.claim(Math.max(1, Math.round(Duration.between(acceptAnswered, Instant.now()).toMillis()
            / 1000.0)));
        long endLateNanos = onSchedule ? Math.max(0, Duration.between(endDue, Instant.now()).toNanos()) : 0;
        Ended ended = end(callId, claim);
        return new CallOutcome(plan, callId, topUp, balance, maxSeconds, acceptSent, acceptAnswered, ended.sent,
            ended.answered, claim, ended.settlement, startLatency(start), endLateNanos + ended.nanos, errors);
      }
      Instant lastSent;
      Instant lastAnswered;
      if (plan.behaviour() == Behaviour.PAST_BALANCE) {
        // Heartbeats while the coins last (none in the last seconds: the cutoff may come first), then watch it end.
        talk(callId, acceptAnswered.plusSeconds(Math.max(0, maxSeconds - HEARTBEAT_EVERY.toSeconds() - 1)));
        lastSent = watchUntilClosed(callId, acceptAnswered.plusSeconds(maxSeconds).plus(CLOSE_GRACE), "cut off");
        lastAnswered = lastSent;
      } else {
        Attempt last = talk(callId, acceptAnswered.plusSeconds(plan.seconds()));
        if (last == null) {
          errors.add("vanishing call sent no heartbeat");
          lastSent = acceptSent;
          lastAnswered = acceptAnswered;
        } else {
          lastSent = last.sent;
          lastAnswered = last.answered;
        }
        watchUntilClosed(callId, lastAnswered.plus(heartbeatTimeout).plus(CLOSE_GRACE), "abandoned");
      }
      // The client comes back and ends the call: billing answers the settlement it made, nothing charged twice.
      Ended late = end(callId, plan.claim(Duration.between(acceptAnswered, Instant.now()).toSeconds()));
      return new CallOutcome(plan, callId, topUp, balance, maxSeconds, acceptSent, acceptAnswered, lastSent,
          lastAnswered, -1, late.settlement, startLatency(start), late.nanos, errors);
    }

    /** The start's latency: its own time, and in the open loop the lag behind its due moment before it. */
    private long startLatency(Attempt start) {
      return start.nanos < 0 ? -1 : onSchedule ? lagNanos + start.nanos : start.nanos;
    }

    /**
     * Tops a caller short of coins up to what {@code plan.seconds()} of this call cost (its remainder from the last
     * call counts): answers the coins credited, or -1 when it could not.
     */
    private long topUpToTheCallsWorth() {
      String admin = stack.token("callbill-load-admin", "admin");
      Attempt wallet = send("wallet", () -> api.send("GET", "/male-user/wallet", callerToken, null, Map.of()));
      if (wallet.answer == null || wallet.answer.status() != 200) {
        errors.add("wallet: " + (wallet.answer == null ? "no answer" : wallet.answer.describe()));
        return -1;
      }
      long have = wallet.answer.data().path("balance").asLong();
      long want = plan.receiver().plan(plan.callType(), adminSharePercent).charge(plan.seconds()).totalCoins();
      long credit = Math.max(0, want - have);
      if (credit == 0) {
        return 0;
      }
      // The API answers billing's refusal of a caller it has no profile of yet with 404 Caller not found.
      Attempt topUp = topUpOnceKnown(key + "-topup", idempotencyKey -> send("top-up", () -> api.send("POST",
          "/admin/callers/" + plan.callerId() + "/coins", admin,
          "{\"amount\":" + credit + ",\"reference\":" + Api.quote(key + "-topup") + "}",
          Map.of("Idempotency-Key", idempotencyKey))));
      if (topUp.answer == null || topUp.answer.status() != 200) {
        errors.add("top-up: " + (topUp.answer == null ? "no answer" : topUp.answer.describe()));
        return -1;
      }
      return credit;
    }

    /** Sends the top-up as {@link KnownCallerTopUps#untilKnown} repeats it while billing knows no such caller. */
    private Attempt topUpOnceKnown(String firstKey, Function<String, Attempt> sendUnder) {
      try {
        return KnownCallerTopUps.untilKnown(firstKey, sendUnder,
            topUp -> topUp.answer != null && topUp.answer.status() == NOT_FOUND);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** Talks until {@code until}, a heartbeat every {@link #HEARTBEAT_EVERY}; answers the last heartbeat, or null. */
    private Attempt talk(String callId, Instant until) {
      Attempt last = null;
      while (true) {
        Instant next = Instant.now().plus(HEARTBEAT_EVERY);
        if (next.isAfter(until)) {
          sleepUntil(until);
          return last;
        }
        sleepUntil(next);
        last = heartbeat(callId);
      }
    }

    private Attempt heartbeat(String callId) {
      boolean fromCaller = heartbeats++ % 2 == 0;
      String route = fromCaller ? "/male-user/calls/heartbeat" : "/female-user/calls/heartbeat";
      String token = fromCaller ? callerToken : receiverToken;
      Attempt beat = send("heartbeat", () -> api.send("POST", route, token, "{\"callId\":" + Api.quote(callId)
          + "}", Map.of("Idempotency-Key", key + "-hb-" + heartbeats)));
      if (beat.answer != null && beat.answer.status() != 200) {
        errors.add("heartbeat: " + beat.answer.describe());
      }
      return beat;
    }

    /** Asks for the caller's ongoing call until it is no longer this one; answers when that was seen. */
    private Instant watchUntilClosed(String callId, Instant deadline, String how) {
      while (true) {
        Api.Answer active;
        try {
          active = api.get("/male-user/calls/active", callerToken);
        } catch (RuntimeException e) {
          active = null;
        }
        Instant seen = Instant.now();
        if (active != null && active.status() == 200 && !callId.equals(active.data().path("callId").asText(null))) {
          return seen;
        }
        if (seen.isAfter(deadline)) {
          errors.add("not " + how + " by billing in time");
          return seen;
        }
        Pause.orFail(WATCH_EVERY);
      }
    }

    private record Ended(Instant sent, Instant answered, JsonNode settlement, long nanos) {
    }

    private Ended end(String callId, long claim) {
      String callerEnd = "{\"receiverId\":" + Api.quote(plan.receiver().id()) + ",\"duration\":" + claim
          + ",\"callType\":\"" + plan.callType() + "\",\"callId\":" + Api.quote(callId) + "}";
      String receiverEnd = "{\"callerId\":" + Api.quote(plan.callerId()) + ",\"duration\":" + claim
          + ",\"callType\":\"" + plan.callType() + "\",\"callId\":" + Api.quote(callId) + "}";
      Map<String, String> endKey = Map.of("Idempotency-Key", key + "-end");
      Supplier<Api.Answer> byCaller = () -> api.send("POST", "/male-user/calls/end", callerToken, callerEnd, endKey);
      Supplier<Api.Answer> byReceiver = () -> api.send("POST", "/female-user/calls/end", receiverToken, receiverEnd,
          endKey);
      Attempt end;
      Attempt second = null;
      switch (plan.endKind()) {
        case CALLER -> end = send("end", byCaller);
        case RECEIVER -> end = send("end", byReceiver);
        case BOTH -> {
          CompletableFuture<Attempt> other = CompletableFuture.supplyAsync(() -> send("end by receiver", byReceiver),
              secondSide);
          end = send("end", byCaller);
          second = other.join();
        }
        case RETRIED -> {
          end = send("end", byCaller);
          second = send("retried end", byCaller);
        }
        default -> throw new IllegalStateException(plan.endKind().toString());
      }
      Instant answered = second == null || second.answered.isBefore(end.answered) ? end.answered : second.answered;
      if (end.answer == null) {
        return new Ended(end.sent, answered, null, end.nanos);
      }
      if (end.answer.status() != 200) {
        errors.add("end: " + end.answer.describe());
        return new Ended(end.sent, answered, null, end.nanos);
      }
      if (second != null && second.answer != null) {
        if (second.answer.status() != 200) {
          errors.add(plan.endKind().name().toLowerCase() + " second end: " + second.answer.describe());
        } else if (!sameSettlement(end.answer.data(), second.answer.data())) {
          errors.add(plan.endKind().name().toLowerCase() + " second end: a different settlement");
        }
      }
      return new Ended(end.sent, answered, end.answer.data(), end.nanos);
    }

    /**
     * Sends until answered with anything but 503 (at most {@link #ATTEMPTS} times, same Idempotency-Key); every 503
     * and lost connection is noted as an error. The latency is the first attempt's; sent is the first attempt's
     * moment, answered the last one's.
     */
    private Attempt send(String what, Supplier<Api.Answer> request) {
      long firstNanos = -1;
      Instant sent = null;
      Api.Answer answer = null;
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        long began = System.nanoTime();
        if (sent == null) {
          sent = Instant.now();
        }
        try {
          answer = request.get();
        } catch (RuntimeException e) {
          errors.add(what + ": no answer (" + e.getClass().getSimpleName() + ")");
          answer = null;
        }
        if (firstNanos < 0) {
          firstNanos = System.nanoTime() - began;
        }
        if (answer != null && answer.status() != 503) {
          break;
        }
        if (answer != null) {
          errors.add(what + ": " + answer.describe());
        }
        Pause.orFail(Duration.ofMillis(200L * attempt));
      }
      return new Attempt(answer, firstNanos, sent, Instant.now());
    }
  }

  static boolean sameSettlement(JsonNode a, JsonNode b) {
    return SETTLEMENT_FIELDS.stream().allMatch(field -> Objects.equals(a.path(field).asText(null),
        b.path(field).asText(null)));
  }

  private record Attempt(Api.Answer answer, long nanos, Instant sent, Instant answered) {
  }

  private static void sleepUntil(Instant moment) {
    long millis = Duration.between(Instant.now(), moment).toMillis();
    if (millis > 0) {
      Pause.orFail(Duration.ofMillis(millis));
    }
  }
}
