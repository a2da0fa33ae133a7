package io.callbill.proofs.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbill.proofs.load.Api;
import io.callbill.proofs.load.RunningStack;
import io.callbill.stack.Pause;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The test users the hostile requests aim at, created (or found again) through the admin API: two callers, each in
 * an ongoing call with a receiver of their own (accepted by her, so it does not ring out), a receiver whose review
 * is not accepted, and for the money routes a third caller with a settled, charged call with a receiver of his own
 * (what refunds, payouts and the explanation routes aim at), and an id nobody has a profile of (top-ups to nobody).
 * Idempotent: the same ids, level and coin references every run; an ongoing call and a settled call are reused.
 *
 * @param settledCall the settled call's id, in call_history
 * @param settledCoinsLeft what is left of its charge to refund (its charge minus earlier refunds), more than 0
 */
public record BadInputUsers(String callerA, String callerB, String receiverA, String receiverB, String unreviewed,
                            String agency, int level, String callA, String callB, String secret, String admin,
                            String payingCaller, String earningReceiver, String settledCall, long settledCoinsLeft,
                            String nobody) {

  public static final String CALLER_A = "badinput-caller-a";
  public static final String CALLER_B = "badinput-caller-b";
  public static final String RECEIVER_A = "badinput-receiver-a";
  public static final String RECEIVER_B = "badinput-receiver-b";
  public static final String UNREVIEWED = "badinput-receiver-unreviewed";
  public static final String AGENCY = "badinput-agency";
  public static final String PAYING_CALLER = "badinput-caller-paying";
  public static final String EARNING_RECEIVER = "badinput-receiver-earning";
  /** No profile is ever written for this id: a top-up to it must be refused 404 and credit nothing. */
  public static final String NOBODY = "badinput-caller-nobody";
  /** How long the settled call talks: measured from the accept, so it is charged a few coins. */
  static final long SETTLED_CALL_MILLIS = 2_000;
  public static final int LEVEL = 7190;
  public static final String LEVEL_JSON = "{\"isActive\":true,\"audioRatePerMinute\":30,\"videoRatePerMinute\":40,"
      + "\"platformMarginPerMinute\":{\"agency\":12,\"nonAgency\":12}}";

  /** Every caller whose wallet must not change, the one without a profile included. */
  public List<String> callers() {
    return List.of(callerA, callerB, payingCaller, nobody);
  }

  public List<String> receivers() {
    return List.of(receiverA, receiverB, unreviewed, earningReceiver);
  }

  public String token(String subject, String role) {
    return io.callbill.stack.LocalTokens.token(secret, subject, role, Duration.ofHours(1), Instant.now());
  }

  public static BadInputUsers prepare(Api api, RunningStack stack) {
    String admin = stack.token("badinput-admin", "admin");
    ok(api.put("/admin/level-configs/" + LEVEL, admin, LEVEL_JSON));
    ok(api.put("/admin/agencies/" + AGENCY, admin, "{\"name\":\"Bad input agency\"}"));
    ok(api.put("/admin/receivers/" + RECEIVER_A, admin, receiver(true)));
    ok(api.put("/admin/receivers/" + RECEIVER_B, admin, receiver(true)));
    ok(api.put("/admin/receivers/" + UNREVIEWED, admin, receiver(false)));
    for (String caller : List.of(CALLER_A, CALLER_B)) {
      ok(api.put("/admin/callers/" + caller, admin, "{\"firstName\":\"Bad\",\"lastName\":\"Input\","
          + "\"email\":\"bad@example.com\",\"profileImage\":null,\"blockList\":[]}"));
      retry(() -> api.post("/admin/callers/" + caller + "/coins", admin,
          "{\"amount\":100000,\"reference\":\"badinput-seed-" + caller + "\"}"));
    }
    String callA = ongoingCall(api, stack.token(CALLER_A, "caller"), RECEIVER_A);
    String callB = ongoingCall(api, stack.token(CALLER_B, "caller"), RECEIVER_B);
    for (String[] call : new String[][] {{RECEIVER_A, callA}, {RECEIVER_B, callB}}) {
      // Idempotent: an accepted call answers the same again.
      retry(() -> api.post("/female-user/calls/accept", stack.token(call[0], "receiver"),
          "{\"callId\":\"" + call[1] + "\"}"));
    }
    ok(api.put("/admin/receivers/" + EARNING_RECEIVER, admin, receiver(true)));
    ok(api.put("/admin/callers/" + PAYING_CALLER, admin, "{\"firstName\":\"Bad\",\"lastName\":\"Payer\","
        + "\"email\":\"bad@example.com\",\"profileImage\":null,\"blockList\":[]}"));
    retry(() -> api.post("/admin/callers/" + PAYING_CALLER + "/coins", admin,
        "{\"amount\":100000,\"reference\":\"badinput-seed-" + PAYING_CALLER + "\"}"));
    String settledCall = settledCall(api, stack);
    JsonNode charge = retry(() -> api.get("/admin/calls/" + settledCall, admin)).data().path("charge");
    long coinsLeft = charge.path("totalCoins").asLong() - charge.path("refundedCoins").asLong();
    return new BadInputUsers(CALLER_A, CALLER_B, RECEIVER_A, RECEIVER_B, UNREVIEWED, AGENCY, LEVEL, callA, callB,
        stack.jwtSecret(), admin, PAYING_CALLER, EARNING_RECEIVER, settledCall, coinsLeft, NOBODY);
  }

  /**
   * A settled call of the paying caller with something left of its charge: one of an earlier run (his history), or
   * a new one (started, accepted, two seconds of talk, ended), once the sink has written it (the refund route finds
   * the call in call_history).
   */
  private static String settledCall(Api api, RunningStack stack) {
    String admin = stack.token("badinput-admin", "admin");
    String callerToken = stack.token(PAYING_CALLER, "caller");
    for (JsonNode call : retry(() -> api.get("/male-user/calls/history", callerToken)).data()) {
      String callId = call.path("callId").asText();
      JsonNode charge = retry(() -> api.get("/admin/calls/" + callId, admin)).data().path("charge");
      if (charge.path("totalCoins").asLong() > charge.path("refundedCoins").asLong()) {
        return callId;
      }
    }
    String callId = ongoingCall(api, callerToken, EARNING_RECEIVER);
    retry(() -> api.post("/female-user/calls/accept", stack.token(EARNING_RECEIVER, "receiver"),
        "{\"callId\":\"" + callId + "\"}"));
    Pause.orFail(Duration.ofMillis(SETTLED_CALL_MILLIS));
    Api.Answer ended = retry(() -> api.post("/male-user/calls/end", callerToken, "{\"receiverId\":\""
        + EARNING_RECEIVER + "\",\"duration\":2,\"callType\":\"audio\",\"callId\":\"" + callId + "\"}"));
    if (ended.data().path("totalCoins").asLong() <= 0) {
      throw new IllegalStateException("setup failed: the settled call was charged nothing: " + ended.describe());
    }
    retry(() -> api.get("/admin/calls/" + callId, admin));
    return callId;
  }

  private static String receiver(boolean reviewAccepted) {
    return "{\"name\":\"Bad input\",\"email\":\"bad@example.com\",\"profileImage\":null,\"onlineStatus\":true,"
        + "\"currentLevel\":" + LEVEL + ",\"agencyId\":null,\"reviewAccepted\":" + reviewAccepted
        + ",\"blockList\":[]}";
  }

  /** The caller's ongoing call with the receiver: the existing one, or a new one. */
  private static String ongoingCall(Api api, String callerToken, String receiverId) {
    Api.Answer active = retry(() -> api.get("/male-user/calls/active", callerToken));
    String existing = active.data().path("callId").asText(null);
    if (existing != null) {
      return existing;
    }
    Api.Answer started = retry(() -> api.post("/male-user/calls/start", callerToken,
        "{\"receiverId\":\"" + receiverId + "\",\"callType\":\"audio\"}"));
    return started.data().path("callId").asText();
  }

  private static void ok(Api.Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("setup failed: " + answer.describe());
    }
  }

  /** Billing applies reference data moments after the API accepted it: retry until 200 (60 s). */
  private static Api.Answer retry(java.util.function.Supplier<Api.Answer> request) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      Api.Answer answer = request.get();
      if (answer.status() == 200) {
        return answer;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("setup failed: " + answer.describe());
      }
      Pause.orFail(Duration.ofMillis(250));
    }
  }
}
