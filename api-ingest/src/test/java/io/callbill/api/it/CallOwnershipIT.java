package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.billing.reply.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller acts only on their own calls, a receiver only on calls made to them, and only while an admin allows her:
 * her own status changes never undo an admin's change to her profile.
 */
class CallOwnershipIT {

  @RegisterExtension
  static final WorkedExampleStack pipeline = new WorkedExampleStack();

  private static BillingScenario scenario() {
    return pipeline.scenario();
  }

  @Test
  void anotherCallerCanNeitherEndNorSeeTheCall() {
    String owner = scenario().fundedCaller(840);
    String intruder = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String callId = scenario().startedAudioCall(owner, receiver);

    Answer end = scenario().endByCaller(intruder, receiver, callId, 180);
    Answer intrudersActive = scenario().active(intruder);

    assertThat(end.status()).isEqualTo(400);
    assertThat(end.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(intrudersActive.status()).isEqualTo(200);
    assertThat(intrudersActive.data().isNull()).isTrue();
    assertThat(scenario().active(owner).data().path("callId").asString()).isEqualTo(callId);
    assertThat(scenario().callerCoins(owner)).isEqualTo(840);
    assertThat(scenario().callerCoins(intruder)).isEqualTo(840);
  }

  @Test
  void anotherReceiverCannotEndTheCall() {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String otherReceiver = scenario().onlineReceiver(1);
    String callId = scenario().startedAudioCall(caller, receiver);

    Answer end = scenario().endByReceiver(otherReceiver, caller, callId, 180);

    assertThat(end.status()).isEqualTo(400);
    assertThat(end.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(scenario().active(caller).data().path("callId").asString()).isEqualTo(callId);
    assertThat(scenario().callerCoins(caller)).isEqualTo(840);

    Answer byTheRightReceiver = scenario().endByReceiver(receiver, caller, callId, 180);
    assertThat(byTheRightReceiver.status()).isEqualTo(200);
    assertThat(byTheRightReceiver.data().path("callerRemainingBalance").asLong()).isEqualTo(714);
  }

  @Test
  void aReceiverFindsHerCallTheMomentItStartedAndOnlyHers() {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String otherReceiver = scenario().onlineReceiver(1);
    String callId = scenario().startedAudioCall(caller, receiver);

    // Right after the start's answer: the API's copy of the active calls catches up before it answers.
    Answer hers = scenario().heartbeatByReceiver(receiver, callId);
    Answer notHers = scenario().heartbeatByReceiver(otherReceiver, callId);
    Answer notHersToAccept = scenario().accept(otherReceiver, callId);
    Answer unknown = scenario().heartbeatByReceiver(receiver, "call-that-never-was");

    assertThat(hers.status()).as("%s", hers).isEqualTo(200);
    assertThat(hers.data().path("callId").asString()).isEqualTo(callId);
    for (Answer refused : new Answer[] {notHers, notHersToAccept, unknown}) {
      assertThat(refused.status()).as("%s", refused).isEqualTo(400);
      assertThat(refused.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    }
    assertThat(scenario().heartbeatByCaller(caller, callId).status()).isEqualTo(200);
    assertThat(scenario().active(caller).data().path("callId").asString()).isEqualTo(callId);

    assertThat(scenario().endByReceiver(receiver, caller, callId, 180).status()).isEqualTo(200);
    // Ended: the tombstone takes the call out of the API's copy; nobody can keep it alive.
    Answer afterTheEnd = BillingScenario.until(() -> scenario().heartbeatByReceiver(receiver, callId), status(400));
    assertThat(afterTheEnd.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(scenario().callerCoins(caller)).isEqualTo(714);
  }

  @Test
  void aFloodOfStatusChangesNeverUndoesTheAdminsRevocation() throws Exception {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    String her = scenario().tokens.receiver(receiver);
    int writers = 4;
    int writesEach = 40;
    CountDownLatch floodUnderWay = new CountDownLatch(writers * 5);
    ExecutorService flood = Executors.newFixedThreadPool(writers);
    List<Future<List<Integer>>> statuses = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      statuses.add(flood.submit(() -> {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < writesEach; i++) {
          answers.add(scenario().api.put("/female-user/status", her, """
              {"onlineStatus": true}""").status());
          floodUnderWay.countDown();
        }
        return answers;
      }));
    }

    assertThat(floodUnderWay.await(60, TimeUnit.SECONDS)).isTrue();
    // Mid-flood: review revoked, and the caller blocked (a change billing shows at the next start).
    scenario().receiver(receiver, """
        {"name": "Rita", "onlineStatus": true, "currentLevel": 1, "reviewAccepted": false, "blockList": ["%s"]}"""
        .formatted(caller));
    List<Integer> answers = new ArrayList<>();
    for (Future<List<Integer>> writer : statuses) {
      answers.addAll(writer.get(120, TimeUnit.SECONDS));
    }
    flood.shutdown();

    assertThat(answers).hasSize(writers * writesEach).allMatch(status -> status == 200 || status == 403)
        .contains(200);
    assertThat(scenario().api.put("/female-user/status", her, """
        {"onlineStatus": true}""").status()).isEqualTo(403);
    assertThat(scenario().api.get("/female-user/wallet", her).status()).isEqualTo(403);
    assertThat(scenario().api.post("/female-user/calls/end", her, """
        {"callerId": "%s", "duration": 10, "callId": "call-x"}""".formatted(caller)).status()).isEqualTo(403);
    // Billing holds the admin's profile too: her status is online, and the block list refuses the caller.
    assertThat(scenario().startWhenKnown(caller, receiver, "audio", status(400, Messages.BLOCKED)).status())
        .isEqualTo(400);
  }
}
