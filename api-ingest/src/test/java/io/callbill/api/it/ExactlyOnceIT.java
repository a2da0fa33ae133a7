package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static io.callbill.api.it.BillingScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.billing.reply.Messages;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.LedgerEntryIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A call is charged once however it is ended: by both sides at the same moment, by a retried request, with or
 * without an Idempotency-Key. Retried starts and coin credits are applied once too.
 */
class ExactlyOnceIT {

  @RegisterExtension
  static final WorkedExampleStack pipeline = new WorkedExampleStack();

  private static BillingScenario scenario() {
    return pipeline.scenario();
  }

  @Test
  void bothSidesEndingTheSameCallAtOnceChargeOnce() throws Exception {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String callId = scenario().startedAudioCall(caller, receiver);

    List<Answer> answers = atOnce(List.of(
        () -> scenario().endByCaller(caller, receiver, callId, 180),
        () -> scenario().endByReceiver(receiver, caller, callId, 180),
        () -> scenario().endByCaller(caller, receiver, callId, 180),
        () -> scenario().endByReceiver(receiver, caller, callId, 180)));

    for (Answer answer : answers) {
      assertThat(answer.status()).as("answer %s", answer).isEqualTo(200);
      assertThat(answer.data().path("totalCoins").asLong()).isEqualTo(126);
      assertThat(answer.data().path("callerRemainingBalance").asLong()).isEqualTo(714);
    }
    assertThat(answers).extracting(answer -> answer.data().path("callId").asString()).containsOnly(callId);
    assertThat(scenario().callerCoins(caller)).isEqualTo(714);
    scenario().awaitReceiverBalance(receiver, "90");
  }

  @Test
  void aRetriedEndIsAnsweredWithTheSameSettlementAndChargesOnce() {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String callId = scenario().startedAudioCall(caller, receiver);

    Answer first = scenario().endByCaller(caller, receiver, callId, 180);
    Answer retry = scenario().endByCaller(caller, receiver, callId, 180);
    String body = BillingScenario.endByCallerBody(receiver, callId, 180);
    Answer keyed = scenario().api.post("/male-user/calls/end", scenario().tokens.caller(caller), body, "end-" + callId);
    Answer keyedRetry =
        scenario().api.post("/male-user/calls/end", scenario().tokens.caller(caller), body, "end-" + callId);

    assertThat(first.status()).isEqualTo(200);
    for (Answer again : List.of(retry, keyed, keyedRetry)) {
      assertThat(again.status()).as("again %s", again).isEqualTo(200);
      assertThat(again.data()).isEqualTo(first.data());
    }
    assertThat(scenario().callerCoins(caller)).isEqualTo(714);
  }

  @Test
  void aRetriedStartWithTheSameIdempotencyKeyIsTheSameCall() {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    // A first call, started and ended, makes sure billing knows caller and receiver before the keyed starts.
    String firstCall = scenario().startedAudioCall(caller, receiver);
    BillingScenario.expectOk(scenario().endByCaller(caller, receiver, firstCall, 30));
    String body = """
        {"receiverId": "%s", "callType": "audio"}""".formatted(receiver);
    String token = scenario().tokens.caller(caller);

    Answer first = scenario().api.post("/male-user/calls/start", token, body, "start-1");
    Answer retry = scenario().api.post("/male-user/calls/start", token, body, "start-1");
    Answer otherKey = scenario().api.post("/male-user/calls/start", token, body, "start-2");

    assertThat(first.status()).isEqualTo(200);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.data().path("callId").asString()).isEqualTo(first.data().path("callId").asString());
    assertThat(otherKey.status()).isEqualTo(409);
  }

  @Test
  void theSameCoinReferenceCreditsOnce() {
    String caller = scenario().fundedCaller(0);
    String reference = unique("purchase");

    Answer first = BillingScenario.until(() -> scenario().credit(caller, 840, reference), status(200));
    Answer again = scenario().credit(caller, 840, reference);

    assertThat(first.data().path("coinBalance").asLong()).isEqualTo(840);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.data().path("coinBalance").asLong()).isEqualTo(840);
    assertThat(scenario().callerCoins(caller)).isEqualTo(840);
  }

  @Test
  void aTopUpToACallerWithoutAProfileIs404AndCreditsNothingUntilTheProfileExists() {
    String mistyped = unique("c-mistyped");
    String reference = unique("purchase");

    Answer refused = scenario().credit(mistyped, 840, reference);

    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.body().path("success").asBoolean(true)).isFalse();
    assertThat(refused.message()).isEqualTo(Messages.CALLER_NOT_FOUND);
    assertThat(scenario().callerCoins(mistyped)).isZero();
    // The refusal is committed with its reply: had billing credited anything, it would be on the topics by now.
    String entryId = LedgerEntryIds.topUp(mistyped, reference);
    assertThat(pipeline.stack().records(topics -> topics.ledger, Duration.ofSeconds(2)))
        .noneMatch(entry -> entry.key().equals(entryId));
    assertThat(pipeline.stack().records(topics -> topics.balances, Duration.ofSeconds(2)))
        .noneMatch(balance -> balance.key().equals(AccountKeys.caller(mistyped)));

    // Nothing was kept: with a profile, the same top-up (same reference) credits, once.
    scenario().caller(mistyped, """
        {"firstName": "Mo", "blockList": []}""");
    Answer credited = BillingScenario.until(() -> scenario().credit(mistyped, 840, reference), status(200));
    assertThat(credited.data().path("coinBalance").asLong()).isEqualTo(840);
    assertThat(pipeline.stack().records(topics -> topics.ledger, Duration.ofSeconds(2)))
        .filteredOn(entry -> entry.key().equals(entryId)).hasSize(1);
  }

  /** Sends the requests together, released by one latch, and returns their answers in order. */
  private static List<Answer> atOnce(List<Callable<Answer>> requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Answer>> futures = new ArrayList<>();
      for (Callable<Answer> request : requests) {
        futures.add(pool.submit(() -> {
          go.await();
          return request.call();
        }));
      }
      go.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
