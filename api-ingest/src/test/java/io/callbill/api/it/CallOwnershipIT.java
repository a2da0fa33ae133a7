package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.billing.reply.Messages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A caller acts only on their own calls, a receiver only on calls made to them. */
class CallOwnershipIT {

  private static CallbillStack stack;
  private static BillingScenario scenario;

  @BeforeAll
  static void startPipeline() {
    stack = CallbillStack.start();
    scenario = BillingScenario.workedExample(stack);
  }

  @AfterAll
  static void stopPipeline() {
    CallbillStack.stop(stack);
  }

  @Test
  void anotherCallerCanNeitherEndNorSeeTheCall() {
    String owner = scenario.fundedCaller(840);
    String intruder = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startWhenKnown(owner, receiver, "audio", status(200)).data().path("callId")
        .asString();

    Answer end = scenario.endByCaller(intruder, receiver, callId, 180);
    Answer intrudersActive = scenario.active(intruder);

    assertThat(end.status()).isEqualTo(400);
    assertThat(end.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(intrudersActive.status()).isEqualTo(200);
    assertThat(intrudersActive.data().isNull()).isTrue();
    assertThat(scenario.active(owner).data().path("callId").asString()).isEqualTo(callId);
    assertThat(scenario.callerCoins(owner)).isEqualTo(840);
    assertThat(scenario.callerCoins(intruder)).isEqualTo(840);
  }

  @Test
  void anotherReceiverCannotEndTheCall() {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String otherReceiver = scenario.onlineReceiver(1);
    String callId = scenario.startWhenKnown(caller, receiver, "audio", status(200)).data().path("callId")
        .asString();

    Answer end = scenario.endByReceiver(otherReceiver, caller, callId, 180);

    assertThat(end.status()).isEqualTo(400);
    assertThat(end.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(scenario.active(caller).data().path("callId").asString()).isEqualTo(callId);
    assertThat(scenario.callerCoins(caller)).isEqualTo(840);

    Answer byTheRightReceiver = scenario.endByReceiver(receiver, caller, callId, 180);
    assertThat(byTheRightReceiver.status()).isEqualTo(200);
    assertThat(byTheRightReceiver.data().path("callerRemainingBalance").asLong()).isEqualTo(714);
  }

  @Test
  void aReceiverFindsHerCallTheMomentItStartedAndOnlyHers() {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String otherReceiver = scenario.onlineReceiver(1);
    String callId = scenario.startWhenKnown(caller, receiver, "audio", status(200)).data().path("callId")
        .asString();

    // Right after the start's answer: the API's copy of the active calls catches up before it answers.
    Answer hers = scenario.heartbeatByReceiver(receiver, callId);
    Answer notHers = scenario.heartbeatByReceiver(otherReceiver, callId);
    Answer notHersToAccept = scenario.accept(otherReceiver, callId);
    Answer unknown = scenario.heartbeatByReceiver(receiver, "call-that-never-was");

    assertThat(hers.status()).as("%s", hers).isEqualTo(200);
    assertThat(hers.data().path("callId").asString()).isEqualTo(callId);
    for (Answer refused : new Answer[] {notHers, notHersToAccept, unknown}) {
      assertThat(refused.status()).as("%s", refused).isEqualTo(400);
      assertThat(refused.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    }
    assertThat(scenario.heartbeatByCaller(caller, callId).status()).isEqualTo(200);
    assertThat(scenario.active(caller).data().path("callId").asString()).isEqualTo(callId);

    assertThat(scenario.endByReceiver(receiver, caller, callId, 180).status()).isEqualTo(200);
    // Ended: the tombstone takes the call out of the API's copy; nobody can keep it alive.
    Answer afterTheEnd = BillingScenario.until(() -> scenario.heartbeatByReceiver(receiver, callId), status(400));
    assertThat(afterTheEnd.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(scenario.callerCoins(caller)).isEqualTo(714);
  }
}
