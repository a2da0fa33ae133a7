package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static io.callbill.api.it.BillingScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.billing.reply.Messages;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a start or an end is refused, over HTTP against the real topology: each refusal answers the seed's
 * status and message, and changes nothing (no session, no charge).
 */
class StartAndEndRejectionsIT {

  private static CallbillStack stack;
  private static BillingScenario scenario;

  @BeforeAll
  static void startPipeline() {
    stack = CallbillStack.start();
    scenario = new BillingScenario(stack.client());
    scenario.levelConfig(1, BillingScenario.WORKED_EXAMPLE_LEVEL);
    scenario.levelConfig(2, """
        {"isActive": false, "audioRatePerMinute": 30, "videoRatePerMinute": 40,
         "platformMarginPerMinute": {"agency": 12, "nonAgency": 12}}""");
    scenario.levelConfig(3, """
        {"isActive": true, "audioRatePerMinute": 30,
         "platformMarginPerMinute": {"agency": 12, "nonAgency": 12}}""");
    scenario.levelConfig(4, """
        {"isActive": true, "audioRatePerMinute": 600, "videoRatePerMinute": 600,
         "platformMarginPerMinute": {"agency": 600, "nonAgency": 600}}""");
    scenario.platformConfig("""
        {"minCallCoins": 100, "adminSharePercentage": 60}""");
    // Billing has the level and platform settings once a call can start on them; that call ends unconnected.
    String caller = scenario.fundedCaller(1_000);
    String receiver = scenario.onlineReceiver(1);
    Answer probe = scenario.startWhenKnown(caller, receiver, "audio", status(200));
    scenario.endByCaller(caller, receiver, probe.data().path("callId").asString(), 0);
  }

  @AfterAll
  static void stopPipeline() {
    CallbillStack.stop(stack);
  }

  @Test
  void badInputIsRefusedByTheApiAndStartsNothing() {
    String caller = scenario.fundedCaller(1_000);
    String token = scenario.tokens.caller(caller);

    Answer noReceiver = scenario.api.post("/male-user/calls/start", token, """
        {"callType": "audio"}""");
    Answer faxCall = scenario.api.post("/male-user/calls/start", token, """
        {"receiverId": "r1", "callType": "fax"}""");
    Answer malformed = scenario.api.post("/male-user/calls/start", token, "{\"receiverId\": ");

    assertThat(noReceiver.status()).isEqualTo(400);
    assertThat(noReceiver.message()).isEqualTo("Receiver ID is required");
    assertThat(faxCall.status()).isEqualTo(400);
    assertThat(faxCall.body().path("field").asString()).isEqualTo("callType");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void anUnknownReceiverIs404() {
    String caller = scenario.fundedCaller(1_000);

    Answer answer = scenario.startWhenKnown(caller, unique("nobody"), "audio",
        status(404, Messages.RECEIVER_NOT_FOUND));

    assertThat(answer.success()).isFalse();
    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aCallerWithoutProfileIs404() {
    String receiver = scenario.onlineReceiver(1);

    Answer answer = scenario.start(unique("ghost"), receiver, "audio");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.message()).isEqualTo(Messages.CALLER_NOT_FOUND);
  }

  @Test
  void anOfflineReceiverIs400() {
    String caller = scenario.fundedCaller(1_000);
    String receiver = unique("r");
    scenario.receiver(receiver, """
        {"onlineStatus": false, "currentLevel": 1, "reviewAccepted": true}""");

    scenario.startWhenKnown(caller, receiver, "audio", status(400, Messages.RECEIVER_OFFLINE));

    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aReceiverWhoSwitchedOfflineIsRefusedUntilBackOnline() {
    String caller = scenario.fundedCaller(1_000);
    String receiver = scenario.onlineReceiver(1);
    String receiverToken = scenario.tokens.receiver(receiver);

    BillingScenario.expectOk(scenario.api.put("/female-user/status", receiverToken, """
        {"onlineStatus": false}"""));
    scenario.startWhenKnown(caller, receiver, "audio", status(400, Messages.RECEIVER_OFFLINE));
    BillingScenario.expectOk(scenario.api.put("/female-user/status", receiverToken, """
        {"onlineStatus": true}"""));

    scenario.startWhenKnown(caller, receiver, "audio", status(200));
  }

  @Test
  void aReceiverWhoBlocksTheCallerIs400() {
    String caller = scenario.fundedCaller(1_000);
    String receiver = unique("r");
    scenario.receiver(receiver, """
        {"onlineStatus": true, "currentLevel": 1, "reviewAccepted": true, "blockList": ["%s"]}"""
        .formatted(caller));

    Answer answer = scenario.startWhenKnown(caller, receiver, "audio", status(400, Messages.BLOCKED));

    assertThat(answer.success()).isFalse();
    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aCallerWhoBlocksTheReceiverIs400() {
    String receiver = scenario.onlineReceiver(1);
    String caller = unique("c");
    scenario.caller(caller, """
        {"firstName": "Carl", "blockList": ["%s"]}""".formatted(receiver));
    BillingScenario.until(() -> scenario.credit(caller, 1_000, unique("purchase")), status(200));

    Answer answer = scenario.startWhenKnown(caller, receiver, "audio", status(400, Messages.BLOCKED));

    assertThat(answer.success()).isFalse();
    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void anInactiveOrMissingLevelConfigIs400() {
    String caller = scenario.fundedCaller(1_000);

    scenario.startWhenKnown(caller, scenario.onlineReceiver(2), "audio",
        status(400, Messages.LEVEL_CONFIG_NOT_FOUND));
    scenario.startWhenKnown(caller, scenario.onlineReceiver(99), "audio",
        status(400, Messages.LEVEL_CONFIG_NOT_FOUND));

    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aLevelWithoutARateForTheCallTypeIs400() {
    String caller = scenario.fundedCaller(1_000);

    scenario.startWhenKnown(caller, scenario.onlineReceiver(3), "video",
        status(400, Messages.NO_RATE_FOR_CALL_TYPE));

    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aBalanceUnderMinCallCoinsIs400WithAvailableAndRequired() {
    String caller = scenario.fundedCaller(50);

    Answer answer = scenario.startWhenKnown(caller, scenario.onlineReceiver(1), "audio",
        status(400, Messages.BELOW_MIN_CALL_COINS));

    assertThat(answer.data().path("available").asLong()).isEqualTo(50);
    assertThat(answer.data().path("required").asLong()).isEqualTo(100);
    assertThat(scenario.callerCoins(caller)).isEqualTo(50);
  }

  @Test
  void aBalanceUnderThirtySecondsOfPayIs400WithTheRates() {
    String caller = scenario.fundedCaller(150);

    Answer answer = scenario.startWhenKnown(caller, scenario.onlineReceiver(4), "video",
        status(400, Messages.NOT_ENOUGH_COINS));

    assertThat(answer.data().path("available").asLong()).isEqualTo(150);
    assertThat(answer.data().path("required").asLong()).isEqualTo(600);
    assertThat(answer.data().path("malePayPerSecond").decimalValue()).isEqualByComparingTo("20");
    assertThat(answer.data().path("minBillableSeconds").asInt()).isEqualTo(30);
    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aSecondStartIs409WithTheExistingSession() {
    String caller = scenario.fundedCaller(1_000);
    String receiver = scenario.onlineReceiver(1);
    Answer first = scenario.startWhenKnown(caller, receiver, "audio", status(200));

    Answer second = scenario.start(caller, scenario.onlineReceiver(1), "video");

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.message()).isEqualTo(Messages.ACTIVE_SESSION_EXISTS);
    assertThat(second.data().path("callId").asString()).isEqualTo(first.data().path("callId").asString());
    assertThat(second.data().path("receiverId").asString()).isEqualTo(receiver);
    assertThat(second.data().path("callType").asString()).isEqualTo("audio");
  }

  @Test
  void endingAnUnknownCallOrWithTheWrongReceiverIs400AndKeepsTheCall() {
    String caller = scenario.fundedCaller(1_000);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startedAudioCall(caller, receiver);

    Answer unknownCall = scenario.endByCaller(caller, receiver, unique("call"), 180);
    Answer wrongReceiver = scenario.endByCaller(caller, scenario.onlineReceiver(1), callId, 180);

    assertThat(unknownCall.status()).isEqualTo(400);
    assertThat(unknownCall.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(wrongReceiver.status()).isEqualTo(400);
    assertThat(wrongReceiver.message()).isEqualTo(Messages.SESSION_NOT_FOUND);
    assertThat(scenario.active(caller).data().path("callId").asString()).isEqualTo(callId);
    assertThat(scenario.callerCoins(caller)).isEqualTo(1_000);
  }

  @Test
  void anEndWithDurationZeroChargesNothingAndClosesTheCall() {
    String caller = scenario.fundedCaller(1_000);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startedAudioCall(caller, receiver);

    Answer end = scenario.endByCaller(caller, receiver, callId, 0);

    assertThat(end.status()).isEqualTo(400);
    assertThat(end.message()).isEqualTo(Messages.NOT_CONNECTED);
    assertThat(scenario.active(caller).data().isNull()).isTrue();
    assertThat(scenario.callerCoins(caller)).isEqualTo(1_000);
  }

  @Test
  void anEndTheCallerCannotPayIs400WithTheShortfallAndChargesNothing() {
    String caller = scenario.fundedCaller(120);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startedAudioCall(caller, receiver);

    Answer end = scenario.endByCaller(caller, receiver, callId, 1_000);

    assertThat(end.status()).isEqualTo(400);
    assertThat(end.message()).isEqualTo(Messages.INSUFFICIENT_COINS);
    assertThat(end.data().path("required").asLong()).isEqualTo(700);
    assertThat(end.data().path("available").asLong()).isEqualTo(120);
    assertThat(end.data().path("shortfall").asLong()).isEqualTo(580);
    assertThat(scenario.callerCoins(caller)).isEqualTo(120);
    assertThat(scenario.active(caller).data().isNull()).isTrue();
  }

  @Test
  void aReceiverWithoutAcceptedReviewIs403() {
    String receiver = unique("r");
    scenario.receiver(receiver, """
        {"onlineStatus": true, "currentLevel": 1, "reviewAccepted": false}""");

    Answer answer = scenario.endByReceiver(receiver, unique("c"), unique("call"), 180);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.message()).startsWith("Review not accepted");
  }

  @Test
  void aWrongRoleIs403AndNoTokenIs401() {
    String caller = scenario.fundedCaller(1_000);

    Answer asReceiver = scenario.api.post("/male-user/calls/start",
        scenario.tokens.token(caller, "receiver", Duration.ofMinutes(5)), """
            {"receiverId": "r1", "callType": "audio"}""");
    Answer noToken = scenario.api.post("/male-user/calls/start", null, """
        {"receiverId": "r1", "callType": "audio"}""");
    Answer expired = scenario.api.get("/male-user/calls/active",
        scenario.tokens.token(caller, "caller", Duration.ofMinutes(-5)));

    assertThat(asReceiver.status()).isEqualTo(403);
    assertThat(asReceiver.success()).isFalse();
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(noToken.success()).isFalse();
    assertThat(expired.status()).isEqualTo(401);
  }
}
