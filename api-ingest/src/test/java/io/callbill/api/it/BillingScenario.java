package io.callbill.api.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.api.support.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The steps of the integration tests, over HTTP only: reference data as an admin, coins, calls as callers and
 * receivers. Reference data reaches billing-streams moments after the API acknowledged it, so steps that depend on
 * it repeat a request that changes nothing until its answer shows the data arrived.
 */
final class BillingScenario {

  static final Duration PROPAGATION = Duration.ofSeconds(30);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  final ApiClient api;
  final TestTokens tokens = TestTokens.standard();
  final String admin;

  BillingScenario(ApiClient api) {
    this.api = api;
    this.admin = tokens.admin("ops");
  }

  /** Level 1 of the seed's worked example: audio 30 and video 40 coins a minute, a platform margin of 12. */
  static final String WORKED_EXAMPLE_LEVEL = """
      {"isActive": true, "audioRatePerMinute": 30, "videoRatePerMinute": 40,
       "platformMarginPerMinute": {"agency": 12, "nonAgency": 12}}""";

  /**
   * A scenario on {@code stack} with the reference data most ITs bill against: level 1 of the seed's worked example
   * and a platform keeping 60 % with no minimum call.
   */
  static BillingScenario workedExample(CallbillStack stack) {
    BillingScenario scenario = new BillingScenario(stack.client());
    scenario.levelConfig(1, WORKED_EXAMPLE_LEVEL);
    scenario.platformConfig("""
        {"minCallCoins": 0, "adminSharePercentage": 60}""");
    return scenario;
  }

  /** A fresh id, so tests sharing a stack never share a caller, receiver or call. */
  static String unique(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
  }

  void levelConfig(int level, String json) {
    expectOk(api.put("/admin/level-configs/" + level, admin, json));
  }

  void platformConfig(String json) {
    expectOk(api.put("/admin/platform-config", admin, json));
  }

  void caller(String callerId, String json) {
    expectOk(api.put("/admin/callers/" + callerId, admin, json));
  }

  void receiver(String receiverId, String json) {
    expectOk(api.put("/admin/receivers/" + receiverId, admin, json));
  }

  /** An online, reviewed, non-agency receiver at the level. */
  String onlineReceiver(int level) {
    String receiverId = unique("r");
    receiver(receiverId, """
        {"name": "Rita", "onlineStatus": true, "currentLevel": %d, "reviewAccepted": true, "blockList": []}"""
        .formatted(level));
    return receiverId;
  }

  /** A caller with a profile and {@code coins} credited (once the credit is answered). */
  String fundedCaller(long coins) {
    String callerId = unique("c");
    caller(callerId, """
        {"firstName": "Carl", "blockList": []}""");
    if (coins > 0) {
      Answer credit = until(() -> credit(callerId, coins, unique("purchase")), answer -> answer.status() == 200);
      assertThat(credit.data().path("coinBalance").asLong()).isEqualTo(coins);
    }
    return callerId;
  }

  Answer credit(String callerId, long amount, String reference) {
    return api.post("/admin/callers/" + callerId + "/coins", admin, """
        {"amount": %d, "reference": "%s"}""".formatted(amount, reference));
  }

  Answer start(String callerId, String receiverId, String callType) {
    return api.post("/male-user/calls/start", tokens.caller(callerId), """
        {"receiverId": "%s", "callType": "%s"}""".formatted(receiverId, callType));
  }

  /** Starts once billing knows caller, receiver and level: repeats a refused start (refusals change nothing). */
  Answer startWhenKnown(String callerId, String receiverId, String callType, Predicate<Answer> expected) {
    return until(() -> start(callerId, receiverId, callType), expected);
  }

  /** Starts an audio call once billing knows both parties (answered 200) and returns its call id. */
  String startedAudioCall(String callerId, String receiverId) {
    return startWhenKnown(callerId, receiverId, "audio", status(200)).data().path("callId").asString();
  }

  Answer endByCaller(String callerId, String receiverId, String callId, long duration) {
    return api.post("/male-user/calls/end", tokens.caller(callerId), endByCallerBody(receiverId, callId, duration));
  }

  static String endByCallerBody(String receiverId, String callId, long duration) {
    return """
        {"receiverId": "%s", "duration": %d, "callType": "audio", "callId": "%s"}"""
        .formatted(receiverId, duration, callId);
  }

  Answer endByReceiver(String receiverId, String callerId, String callId, long duration) {
    return api.post("/female-user/calls/end", tokens.receiver(receiverId), """
        {"callerId": "%s", "duration": %d, "callType": "audio", "callId": "%s"}"""
        .formatted(callerId, duration, callId));
  }

  /** The receiver answers the call (she names it by id only). */
  Answer accept(String receiverId, String callId) {
    return api.post("/female-user/calls/accept", tokens.receiver(receiverId), callIdBody(callId));
  }

  Answer heartbeatByCaller(String callerId, String callId) {
    return api.post("/male-user/calls/heartbeat", tokens.caller(callerId), callIdBody(callId));
  }

  Answer heartbeatByReceiver(String receiverId, String callId) {
    return api.post("/female-user/calls/heartbeat", tokens.receiver(receiverId), callIdBody(callId));
  }

  Answer acceptByPlatform(String callerId, String callId) {
    return api.post("/platform/calls/accept", tokens.platform("media-1"), """
        {"callId": "%s", "callerId": "%s"}""".formatted(callId, callerId));
  }

  Answer endByPlatform(String callerId, String callId, long duration) {
    return api.post("/platform/calls/end", tokens.platform("media-1"), """
        {"callId": "%s", "callerId": "%s", "duration": %d}""".formatted(callId, callerId, duration));
  }

  private static String callIdBody(String callId) {
    return """
        {"callId": "%s"}""".formatted(callId);
  }

  Answer active(String callerId) {
    return api.get("/male-user/calls/active", tokens.caller(callerId));
  }

  long callerCoins(String callerId) {
    Answer wallet = api.get("/male-user/wallet", tokens.caller(callerId));
    assertThat(wallet.status()).as("wallet %s", wallet).isEqualTo(200);
    return wallet.data().path("balance").asLong();
  }

  /** The receiver's wallet once it shows {@code expected} (balances arrive from another partition). */
  void awaitReceiverBalance(String receiverId, String expected) {
    until(() -> api.get("/admin/wallets/receiver/" + receiverId, admin),
        answer -> answer.status() == 200
            && answer.data().path("balance").decimalValue().compareTo(new BigDecimal(expected)) == 0);
  }

  BigDecimal platformBalance() {
    return api.get("/admin/wallets/platform", admin).data().path("balance").decimalValue();
  }

  /** Repeats {@code request} until its answer matches, within {@link #PROPAGATION}. */
  static Answer until(Supplier<Answer> request, Predicate<Answer> expected) {
    AtomicReference<Answer> last = new AtomicReference<>();
    try {
      await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(50)).until(() -> {
        Answer answer = request.get();
        last.set(answer);
        return expected.test(answer);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no matching answer within " + PROPAGATION + "; last: " + last.get(), e);
    }
    return last.get();
  }

  static void expectOk(Answer answer) {
    assertThat(answer.status()).as("answer %s", answer).isEqualTo(200);
    assertThat(answer.success()).as("answer %s", answer).isTrue();
  }

  static Predicate<Answer> status(int status) {
    return answer -> answer.status() == status;
  }

  static Predicate<Answer> status(int status, String message) {
    return answer -> answer.status() == status && message.equals(answer.message());
  }
}
