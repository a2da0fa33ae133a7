package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While billing-streams is down the API answers 503 in bounded time; the command written meanwhile is applied once
 * billing is back, and the client's retry (same Idempotency-Key, or same callId) gets the one settlement.
 */
class BillingUnavailableIT {

  @RegisterExtension
  static final WorkedExampleStack pipeline = new WorkedExampleStack(
      () -> CallbillStack.start(Map.of(), "--callbill.reply-timeout=2s"));

  private static BillingScenario scenario() {
    return pipeline.scenario();
  }

  @Test
  void anEndUnansweredWhileBillingIsDownIs503AndItsRetryChargesOnce() {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String callId = scenario().startedAudioCall(caller, receiver);
    String body = BillingScenario.endByCallerBody(receiver, callId, 180);
    String token = scenario().tokens.caller(caller);

    pipeline.stack().stopBilling();
    Answer unanswered = scenario().api.post("/male-user/calls/end", token, body, "end-" + callId);
    pipeline.stack().startBilling();
    Answer retried = BillingScenario.until(
        () -> scenario().api.post("/male-user/calls/end", token, body, "end-" + callId), status(200));
    Answer retriedWithoutKey = scenario().endByCaller(caller, receiver, callId, 180);

    assertThat(unanswered.status()).isEqualTo(503);
    assertThat(unanswered.success()).isFalse();
    assertThat(unanswered.message()).startsWith("Billing did not answer within 2 s");
    assertThat(unanswered.micros()).isLessThan(5_000_000);
    assertThat(retried.data().path("totalCoins").asLong()).isEqualTo(126);
    assertThat(retried.data().path("callerRemainingBalance").asLong()).isEqualTo(714);
    assertThat(retriedWithoutKey.data()).isEqualTo(retried.data());
    assertThat(scenario().callerCoins(caller)).isEqualTo(714);
  }
}
