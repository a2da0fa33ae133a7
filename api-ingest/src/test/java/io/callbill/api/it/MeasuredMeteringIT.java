package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CommandReply;
import io.callbill.avro.EndCall;
import io.callbill.avro.Settlement;
import io.callbill.billing.BillingConfig;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.oracle.BillingOracle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The three callers of issue 9 who paid nothing under the old defaults, over HTTP against a real broker and the real
 * topology, now with billing measuring (metering {@code measured}, connect {@code accept}, a heartbeat timeout of
 * {@value #HEARTBEAT_TIMEOUT_SECONDS} s and a clock skew of {@value #SKEW_SECONDS} s). Each pays for the time billing
 * measured, whatever it claims:
 * <ul>
 *   <li>the under-reporter talks a few seconds after the accept and claims 0: billed as measured, 30 s minimum,
 *       {@code durationDisputed};</li>
 *   <li>the one whose balance pays for 32 s talks on without ending: billing cuts the call off at the balance
 *       ({@code endedBy: cutoff}, charged exactly what maxSeconds costs, balance 0), and a later end from either side
 *       gets that settlement back;</li>
 *   <li>the one who starts, is accepted, sends heartbeats and vanishes: settled as abandoned at the last heartbeat.</li>
 * </ul>
 * Beside them, the platform's media layer reports two calls itself, its events authoritative: one over HTTP
 * ({@code /platform/calls/accept} and {@code /end}), one written straight to {@code call-commands} in Avro as
 * api-ingest/README.md documents it (record time = event time, command id = idempotency key). All five run side by
 * side, so the class lasts about as long as the longest (the cutoff, about 35 s). The history of each call, written
 * to PostgreSQL by a stand-in for the sink, shows how it ended.
 *
 * <p>Rates: level 1 of the seed's worked example, audio 30 + 12 coins a minute, 0.7 a second; what a call costs is
 * test-kit's {@link BillingOracle}'s answer.
 */
class MeasuredMeteringIT {

  /**
   * Far past the 1 s between the heartbeats of a caller who keeps his call alive: on a busy box (two IT classes at
   * once) one heartbeat's round trip took over 2 s, and with 4 s here and 2 s between heartbeats the call past its
   * balance was settled abandoned before its cutoff.
   */
  static final int HEARTBEAT_TIMEOUT_SECONDS = 8;
  static final int SKEW_SECONDS = 2;
  /** The scenario's level 1, audio, to a receiver without agency. */
  private static final BillingOracle RATES = BillingOracle.of("30", "12", "100");
  /** Long enough past a cutoff or a heartbeat timeout for billing's punctuation to have settled the call. */
  private static final Duration SETTLED_WITHIN = Duration.ofSeconds(60);
  private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);

  @RegisterExtension
  static final SinkDatabase DATABASE = new SinkDatabase();

  private static CallbillStack stack;
  private static BillingScenario scenario;
  private static SinkStandIn sink;
  /** The platform's media layer writing its commands straight to call-commands, as api-ingest/README.md says. */
  private static CommandClient platform;

  @BeforeAll
  static void startPipeline() {
    stack = CallbillStack.start(Map.of(
            CallbillStack.METERING, "measured",
            CallbillStack.METERING_CONNECT, "accept",
            CallbillStack.HEARTBEAT_TIMEOUT_SECONDS, String.valueOf(HEARTBEAT_TIMEOUT_SECONDS),
            BillingConfig.CLOCK_SKEW_SECONDS, String.valueOf(SKEW_SECONDS),
            BillingConfig.SESSION_SCAN_INTERVAL_MS, "250"),
        DATABASE.apiArguments().toArray(String[]::new));
    scenario = BillingScenario.workedExample(stack);
    sink = new SinkStandIn(stack.bootstrapServers(), CallbillStack.PREFIX, DATABASE);
    platform = CommandClient.connect(stack.bootstrapServers(),
        new Topics(CallbillStack.PREFIX, CallbillSerdes.create()));
  }

  @AfterAll
  static void stopPipeline() throws InterruptedException {
    if (sink != null) {
      sink.close();
    }
    if (platform != null) {
      platform.close();
    }
    CallbillStack.stop(stack);
  }

  @Test
  void theThreeCallersWhoPaidNothingEachPayForTheTimeBillingMeasured() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(5);
    try {
      List<Future<Call>> calls = callers.invokeAll(List.<Callable<Call>>of(
          MeasuredMeteringIT::anUnderReporterIsBilledAsMeasured,
          MeasuredMeteringIT::aCallerTalkingPastHisBalanceIsCutOffAtIt,
          MeasuredMeteringIT::aVanishedCallIsSettledAtItsLastHeartbeat,
          MeasuredMeteringIT::thePlatformsAcceptAndEndOverHttpAreAuthoritative,
          MeasuredMeteringIT::thePlatformsCommandsWrittenToKafkaAreBilledByTheirRecordTimes), 3, TimeUnit.MINUTES);
      List<Call> settled = calls.stream().map(MeasuredMeteringIT::result).toList();

      sink.drain();
      for (Call call : settled) {
        JsonNode row = historyRow(call);
        assertThat(row.path("status").asString()).as("%s", row).isEqualTo("completed");
        assertThat(row.path("endedBy").asString()).as("%s", row).isEqualTo(call.endedBy());
        assertThat(row.path("durationDisputed").asBoolean()).as("%s", row).isEqualTo(call.disputed());
        assertThat(row.path("acceptedAt").asString()).as("%s", row).isNotEmpty();
      }
    } finally {
      callers.shutdownNow();
    }
  }

  /** Talks 5 s after the receiver's accept, then hangs up claiming the call never connected. */
  private static Call anUnderReporterIsBilledAsMeasured() throws InterruptedException {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String callId = startedAndAccepted(caller, receiver);
    Thread.sleep(5_000);

    Answer end = scenario.endByCaller(caller, receiver, callId, 0);

    assertThat(end.status()).as("%s", end).isEqualTo(200);
    assertThat(end.message()).isEqualTo("Call ended successfully");
    JsonNode settled = end.data();
    assertThat(settled.path("reportedDuration").asLong()).isZero();
    assertThat(settled.path("measuredDuration").asLong()).as("%s", settled).isBetween(5L, 5L + SKEW_SECONDS);
    assertThat(settled.path("billableDuration").asLong()).isEqualTo(30);
    assertThat(settled.path("totalCoins").asLong()).isEqualTo(charge(30));
    assertThat(settled.path("callerRemainingBalance").asLong()).isEqualTo(840 - charge(30));
    assertThat(settled.path("durationDisputed").asBoolean()).isTrue();
    assertThat(settled.path("endedBy").asString()).isEqualTo("caller");
    assertThat(scenario.callerCoins(caller)).isEqualTo(840 - charge(30));
    return new Call(caller, callId, "caller", true);
  }

  /**
   * 23 coins pay for 32 s at 0.7 a second. He keeps the call alive with heartbeats and never ends it: billing ends it
   * at 32 s after the accept and charges exactly 32 s (23 coins, all he has); his end claiming 45 s afterwards, and
   * the receiver's, get that settlement back.
   */
  private static Call aCallerTalkingPastHisBalanceIsCutOffAtIt() throws InterruptedException {
    long coins = 23;
    long maxSeconds = RATES.maxSeconds(coins);
    String caller = scenario.fundedCaller(coins);
    String receiver = scenario.onlineReceiver(1);
    Answer start = scenario.startWhenKnown(caller, receiver, "audio", status(200));
    assertThat(start.data().path("maxSeconds").asLong()).isEqualTo(maxSeconds).isEqualTo(32);
    String callId = start.data().path("callId").asString();
    Answer accepted = scenario.accept(receiver, callId);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    assertThat(accepted.data().path("secondsLeft").asLong()).isBetween(maxSeconds - 1, maxSeconds);

    Answer lastHeartbeat = heartbeatsUntilRefused(caller, callId);
    assertThat(lastHeartbeat.status()).as("%s", lastHeartbeat).isEqualTo(400);
    assertThat(scenario.active(caller).data().isNull()).isTrue();

    Answer end = scenario.endByCaller(caller, receiver, callId, 45);
    Answer receiversEnd = scenario.endByReceiver(receiver, caller, callId, 45);

    assertThat(end.status()).as("%s", end).isEqualTo(200);
    JsonNode settled = end.data();
    assertThat(settled.path("endedBy").asString()).as("%s", settled).isEqualTo("cutoff");
    assertThat(settled.path("billableDuration").asLong()).isEqualTo(maxSeconds);
    assertThat(settled.path("totalCoins").asLong()).isEqualTo(charge(maxSeconds)).isEqualTo(coins);
    assertThat(settled.path("callerRemainingBalance").asLong()).isZero();
    assertThat(receiversEnd.status()).as("%s", receiversEnd).isEqualTo(200);
    assertThat(receiversEnd.data()).isEqualTo(settled);
    assertThat(scenario.callerCoins(caller)).isZero();
    return new Call(caller, callId, "cutoff", settled.path("durationDisputed").asBoolean());
  }

  /** Accepted, three heartbeats over about 3 s, then nothing: settled as abandoned at the last heartbeat. */
  private static Call aVanishedCallIsSettledAtItsLastHeartbeat() throws InterruptedException {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String callId = startedAndAccepted(caller, receiver);
    long lastConfirmed = 0;
    for (int beat = 0; beat < 3; beat++) {
      Thread.sleep(1_000);
      Answer heartbeat = beat % 2 == 0 ? scenario.heartbeatByCaller(caller, callId)
          : scenario.heartbeatByReceiver(receiver, callId);
      assertThat(heartbeat.status()).as("%s", heartbeat).isEqualTo(200);
      JsonNode progress = heartbeat.data();
      // Confirmed: from the accept to this heartbeat, a started second counting whole, however slow the machine.
      long millis = java.time.Duration.between(java.time.Instant.parse(progress.path("acceptedAt").asString()),
          java.time.Instant.parse(progress.path("lastHeartbeatAt").asString())).toMillis();
      lastConfirmed = progress.path("confirmedSeconds").asLong();
      assertThat(lastConfirmed).as("%s", progress).isEqualTo((millis + 999) / 1000).isGreaterThanOrEqualTo(beat + 1L);
    }

    Answer gone = untilSettled(() -> scenario.active(caller));
    assertThat(gone.data().isNull()).isTrue();
    Answer end = scenario.endByCaller(caller, receiver, callId, 0);

    assertThat(end.status()).as("%s", end).isEqualTo(200);
    JsonNode settled = end.data();
    assertThat(settled.path("endedBy").asString()).as("%s", settled).isEqualTo("abandoned");
    assertThat(settled.path("measuredDuration").asLong()).as("%s", settled).isEqualTo(lastConfirmed);
    assertThat(settled.path("billableDuration").asLong()).isEqualTo(30);
    assertThat(settled.path("totalCoins").asLong()).isEqualTo(charge(30));
    assertThat(scenario.callerCoins(caller)).isEqualTo(840 - charge(30));
    return new Call(caller, callId, "abandoned", settled.path("durationDisputed").asBoolean());
  }

  /** The media layer connects the call, then ends it after 40 s of connection by its own count: 40 s are billed. */
  private static Call thePlatformsAcceptAndEndOverHttpAreAuthoritative() throws InterruptedException {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startWhenKnown(caller, receiver, "audio", status(200)).data().path("callId")
        .asString();
    Answer connected = scenario.acceptByPlatform(caller, callId);
    assertThat(connected.status()).as("%s", connected).isEqualTo(200);
    assertThat(connected.data().path("acceptedAt").asString()).isNotEmpty();
    Thread.sleep(1_000);

    Answer end = scenario.endByPlatform(caller, callId, 40);

    assertThat(end.status()).as("%s", end).isEqualTo(200);
    JsonNode settled = end.data();
    assertThat(settled.path("endedBy").asString()).as("%s", settled).isEqualTo("platform");
    assertThat(settled.path("billableDuration").asLong()).isEqualTo(40);
    assertThat(settled.path("totalCoins").asLong()).isEqualTo(charge(40));
    assertThat(scenario.callerCoins(caller)).isEqualTo(840 - charge(40));
    return new Call(caller, callId, "platform", settled.path("durationDisputed").asBoolean());
  }

  /**
   * The media layer writes AcceptCall and EndCall to call-commands itself, each with the moment it happened as the
   * record time; a retried command (same command id) gets the same answer and is not applied twice.
   */
  private static Call thePlatformsCommandsWrittenToKafkaAreBilledByTheirRecordTimes() throws Exception {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startWhenKnown(caller, receiver, "audio", status(200)).data().path("callId")
        .asString();
    CommandReply connected = platform.call(new CallCommand(mediaCommandId(), caller, Instant.now(),
        new AcceptCall(callId, CallParty.platform, null)), REPLY_DEADLINE);
    assertThat(connected.getHttpStatus()).as("%s", connected).isEqualTo(200);
    Thread.sleep(1_000);

    // The record time is the event's time (the command's issuedAt); the command id is the idempotency key.
    CallCommand end = new CallCommand(mediaCommandId(), caller, Instant.now(),
        new EndCall(callId, null, CallParty.platform, 50L));
    CommandReply ended = platform.call(end, REPLY_DEADLINE);
    CommandReply retried = platform.call(end, REPLY_DEADLINE);

    assertThat(ended.getHttpStatus()).as("%s", ended).isEqualTo(200);
    Settlement settled = (Settlement) ended.getData();
    assertThat(settled.getEndedBy()).isEqualTo(CallParty.platform);
    assertThat(settled.getBillableDuration()).isEqualTo(50);
    assertThat(settled.getTotalCoins()).isEqualTo(charge(50));
    assertThat(retried.getHttpStatus()).isEqualTo(200);
    assertThat(retried.getData()).isEqualTo(settled);
    assertThat(scenario.callerCoins(caller)).isEqualTo(840 - charge(50));
    return new Call(caller, callId, "platform", settled.getDurationDisputed());
  }

  /** A fresh command id: the platform's idempotency key of one event (sent again to retry the same event). */
  private static String mediaCommandId() {
    return "media-" + UUID.randomUUID();
  }

  private static String startedAndAccepted(String caller, String receiver) {
    String callId = scenario.startWhenKnown(caller, receiver, "audio", status(200)).data().path("callId")
        .asString();
    Answer accepted = scenario.accept(receiver, callId);
    assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    assertThat(accepted.data().path("acceptedAt").asString()).isNotEmpty();
    // Idempotent: the second accept gets the same answer.
    Answer again = scenario.accept(receiver, callId);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.data().path("acceptedAt").asString()).isEqualTo(accepted.data().path("acceptedAt").asString());
    return callId;
  }

  /** Heartbeats every second (well inside the timeout) until billing no longer knows the call. */
  private static Answer heartbeatsUntilRefused(String caller, String callId) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLED_WITHIN.toNanos();
    Answer heartbeat = scenario.heartbeatByCaller(caller, callId);
    while (heartbeat.status() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      heartbeat = scenario.heartbeatByCaller(caller, callId);
    }
    return heartbeat;
  }

  private static Answer untilSettled(java.util.function.Supplier<Answer> active) {
    long deadline = System.nanoTime() + SETTLED_WITHIN.toNanos();
    Answer answer = active.get();
    while (!answer.data().isNull() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      answer = active.get();
    }
    return answer;
  }

  private static JsonNode historyRow(Call call) {
    Answer history = scenario.api.get("/male-user/calls/history", scenario.tokens.caller(call.callerId()));
    assertThat(history.status()).as("%s", history).isEqualTo(200);
    for (JsonNode row : history.data()) {
      if (row.path("callId").asString().equals(call.callId())) {
        return row;
      }
    }
    throw new AssertionError("call " + call.callId() + " not in the history: " + history);
  }

  /** What a call billed {@code seconds} costs. */
  private static long charge(long seconds) {
    return RATES.charge(seconds).totalCoins();
  }

  private static Call result(Future<Call> call) {
    try {
      return call.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError failed) {
        throw failed;
      }
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A settled call of the scenario and what its history row must show. */
  private record Call(String callerId, String callId, String endedBy, boolean disputed) {
  }
}
