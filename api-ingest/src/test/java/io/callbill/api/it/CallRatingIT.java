package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static io.callbill.api.it.BillingScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.billing.reply.Messages;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * POST /female-user/calls/rate end to end: a call settled by the real topology on a real KRaft broker, written to a
 * real PostgreSQL by a stand-in for the JDBC sink ({@link SinkStandIn}, upserting the committed records of the
 * call-history, callers and receivers topics when the test says so). The API finds the call's caller in the
 * database, billing rates the call once and republishes its record, and the history shows the rating once the sink
 * wrote that record.
 */
class CallRatingIT {

  @RegisterExtension
  static final SinkDatabase DATABASE = new SinkDatabase();

  private static CallbillStack stack;
  private static BillingScenario scenario;
  private static SinkStandIn sink;

  @BeforeAll
  static void startPipeline() {
    stack = CallbillStack.start(Map.of(), DATABASE.apiArguments().toArray(String[]::new));
    scenario = BillingScenario.workedExample(stack);
    sink = new SinkStandIn(stack.bootstrapServers(), CallbillStack.PREFIX, DATABASE);
  }

  @AfterAll
  static void stopPipeline() {
    if (sink != null) {
      sink.close();
    }
    CallbillStack.stop(stack);
  }

  @Test
  void theReceiverRatesASettledCallOnceAndTheHistoryShowsItOnceTheSinkWroteIt() {
    SettledCall call = settledCall();

    Answer beforeTheSink = rate(call.receiverId(), call.callId(), 4);
    assertThat(beforeTheSink.status()).as("%s", beforeTheSink).isEqualTo(404);
    assertThat(beforeTheSink.message()).isEqualTo(Messages.RATING_CALL_NOT_FOUND);

    sink.drain();
    assertThat(receiversView(call).path("rating").isNull()).isTrue();
    assertThat(receiversView(call).path("name").asString()).isEqualTo("Carl");
    assertThat(receiversView(call).path("billableDuration").asLong()).isEqualTo(180);

    Answer rated = rate(call.receiverId(), call.callId(), 4);
    assertThat(rated.status()).as("%s", rated).isEqualTo(200);
    assertThat(rated.success()).isTrue();
    assertThat(rated.message()).isEqualTo("Rating submitted successfully");
    assertThat(rated.data().path("stars").asInt()).isEqualTo(4);
    assertThat(rated.data().path("message").asString()).isEqualTo("Good");
    // The database has the rating only once the sink wrote the republished call record.
    assertThat(receiversView(call).path("rating").isNull()).isTrue();

    sink.drain();
    assertThat(receiversView(call).path("rating").asString()).isEqualTo("Good");
    assertThat(callersView(call).path("rating").asString()).isEqualTo("Good");
    assertThat(callersView(call).path("name").asString()).isEqualTo("Rita");
    assertThat(DATABASE.count("SELECT count(*) FROM call_history WHERE call_id = ? AND rating_stars = 4 "
        + "AND rating_message = 'Good' AND rated_by = 'female' AND total_coins = 126", call.callId())).isEqualTo(1);

    Answer again = rate(call.receiverId(), call.callId(), 5);
    assertThat(again.status()).as("%s", again).isEqualTo(400);
    assertThat(again.message()).isEqualTo(Messages.ALREADY_RATED);
    sink.drain();
    assertThat(receiversView(call).path("rating").asString()).isEqualTo("Good");
  }

  @Test
  void anotherReceiverCannotRateTheCall() {
    SettledCall call = settledCall();
    String otherReceiver = scenario.onlineReceiver(1);
    sink.drain();

    Answer byAnother = rate(otherReceiver, call.callId(), 1);
    Answer byTheCallsReceiver = rate(call.receiverId(), call.callId(), 2);

    assertThat(byAnother.status()).as("%s", byAnother).isEqualTo(404);
    assertThat(byAnother.message()).isEqualTo(Messages.RATING_CALL_NOT_FOUND);
    assertThat(byTheCallsReceiver.status()).as("%s", byTheCallsReceiver).isEqualTo(200);
    assertThat(byTheCallsReceiver.data().path("message").asString()).isEqualTo("Bad");
  }

  @Test
  void billingDecidesForACallItDoesNotHold() {
    String caller = scenario.fundedCaller(0);
    String receiver = scenario.onlineReceiver(1);
    String callId = unique("call-not-in-billing");
    // A row billing never settled (or no longer keeps): the API finds its caller, billing refuses.
    DATABASE.upsert(CallRecord.newBuilder()
        .setCallId(callId).setCallerId(caller).setReceiverId(receiver)
        .setCallType(CallType.audio).setStatus(CallStatus.completed)
        .setDuration(60).setReportedDuration(60).setMeasuredDuration(60L).setBillableDuration(60)
        .setFemaleEarningPerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setFemaleEarningPerSecond(new BigDecimal("0.50000000"))
        .setPlatformMarginPerSecond(new BigDecimal("0.20000000"))
        .setTotalCoins(42).setFemaleEarning(30).setPlatformMargin(12)
        .setAdminEarned(new BigDecimal("12.00")).setAgencyEarned(new BigDecimal("0.00"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setAgencySharePercentage(new BigDecimal("0.0000"))
        .setIsAgencyFemale(false).setAgencyId(null).setEndedBy(CallParty.caller)
        .setStartedAt(Instant.parse("2026-01-01T00:00:00Z")).setEndedAt(Instant.parse("2026-01-01T00:01:00Z"))
        .setErrorMessage(null).setRatingStars(null).setRatingMessage(null).setRatedBy(null).setRatedAt(null)
        .build());

    Answer answer = rate(receiver, callId, 3);

    assertThat(answer.status()).as("%s", answer).isEqualTo(404);
    assertThat(answer.message()).isEqualTo(Messages.RATING_CALL_NOT_FOUND);
  }

  @Test
  void aRetriedRatingWithTheSameIdempotencyKeyGetsTheSameAnswer() {
    SettledCall call = settledCall();
    sink.drain();
    String body = """
        {"callId": "%s", "stars": 5}""".formatted(call.callId());
    String token = scenario.tokens.receiver(call.receiverId());

    Answer first = scenario.api.post("/female-user/calls/rate", token, body, "rate-" + call.callId());
    Answer retried = scenario.api.post("/female-user/calls/rate", token, body, "rate-" + call.callId());
    Answer withoutKey = scenario.api.post("/female-user/calls/rate", token, body);

    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(retried.status()).as("%s", retried).isEqualTo(200);
    assertThat(retried.data()).isEqualTo(first.data());
    assertThat(retried.data().path("message").asString()).isEqualTo("Very Good");
    assertThat(withoutKey.status()).isEqualTo(400);
    assertThat(withoutKey.message()).isEqualTo(Messages.ALREADY_RATED);
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsLookedUpOrSent() {
    SettledCall call = settledCall();
    sink.drain();
    String token = scenario.tokens.receiver(call.receiverId());
    List<Answer> answers = new ArrayList<>();
    for (String body : List.of("""
        {"callId": "%s", "stars": 0}""", """
        {"callId": "%s", "stars": "4"}""", """
        {"callId": "%s", "stars": 4.5}""", """
        {"callId": "%s"}""")) {
      answers.add(scenario.api.post("/female-user/calls/rate", token, body.formatted(call.callId())));
    }
    Answer noCallId = scenario.api.post("/female-user/calls/rate", token, """
        {"stars": 4}""");

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.status()).as("%s", answer).isEqualTo(400);
      assertThat(answer.message()).isEqualTo(Messages.INVALID_STARS);
    });
    assertThat(noCallId.status()).isEqualTo(400);
    assertThat(noCallId.message()).isEqualTo("Call ID is required");
    sink.drain();
    assertThat(receiversView(call).path("rating").isNull()).isTrue();
    assertThat(rate(call.receiverId(), call.callId(), 3).status()).isEqualTo(200);
  }

  private record SettledCall(String callerId, String receiverId, String callId) {
  }

  /** 840 coins, 180 s at 30 + 12 per minute: 126 charged, 90 earned (the seed's worked example). */
  private static SettledCall settledCall() {
    String caller = scenario.fundedCaller(840);
    String receiver = scenario.onlineReceiver(1);
    String callId = scenario.startedAudioCall(caller, receiver);
    Answer end = scenario.endByCaller(caller, receiver, callId, 180);
    assertThat(end.status()).as("%s", end).isEqualTo(200);
    assertThat(end.data().path("totalCoins").asLong()).isEqualTo(126);
    return new SettledCall(caller, receiver, callId);
  }

  /**
   * Payouts end to end: the receiver's 90 coins of earnings paid out in part once per reference, a payout above
   * the balance refused with it, and the one debit in the ledger table with the balance after.
   */
  @Test
  void aReceiverIsPaidOutOncePerReferenceNeverBelowZeroAndTheLedgerTableHasTheDebit() {
    SettledCall call = settledCall();
    String route = "/admin/receivers/" + call.receiverId() + "/payouts";
    String body = """
        {"amount": 40.50, "reference": "bank-%s"}""".formatted(call.callId());

    Answer paid = scenario.api.post(route, scenario.admin, body);
    Answer again = scenario.api.post(route, scenario.admin, body);
    Answer tooMuch = scenario.api.post(route, scenario.admin, """
        {"amount": 60, "reference": "bank-2-%s"}""".formatted(call.callId()));

    assertThat(paid.status()).as("%s", paid).isEqualTo(200);
    assertThat(paid.data().path("balance").decimalValue()).isEqualByComparingTo("49.50");
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.message()).isEqualTo("Payout already made for this reference");
    assertThat(again.data().path("balance").decimalValue()).isEqualByComparingTo("49.50");
    assertThat(tooMuch.status()).as("%s", tooMuch).isEqualTo(400);
    assertThat(tooMuch.message()).isEqualTo("Insufficient balance for payout");
    assertThat(tooMuch.data().path("balance").decimalValue()).isEqualByComparingTo("49.50");
    scenario.awaitReceiverBalance(call.receiverId(), "49.50");

    sink.drain();
    List<Map<String, Object>> entries = DATABASE.rows("""
        select action, amount, balance_after, related_model from ledger_entries
        where account_key = ? order by created_at, entry_id""", "receiver:" + call.receiverId());
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("action")).isEqualTo("credit");
    assertThat((BigDecimal) entries.get(0).get("balance_after")).isEqualByComparingTo("90.00");
    assertThat(entries.get(1).get("action")).isEqualTo("debit");
    assertThat(entries.get(1).get("related_model")).isEqualTo("Payout");
    assertThat((BigDecimal) entries.get(1).get("amount")).isEqualByComparingTo("40.50");
    assertThat((BigDecimal) entries.get(1).get("balance_after")).isEqualByComparingTo("49.50");
  }

  /**
   * A refund end to end: the admin names the call, the API finds its caller in call_history, billing gives back 10
   * of the 126 coins and takes 7.14 back from the receiver and 2.86 from the platform; the ledger table's entries of
   * the refund balance (the caller's credit = the sum of the debits) and the row shows refundedCoins.
   */
  @Test
  void anAdminRefundsPartOfACallAndTheLedgerTableHasBalancedEntries() {
    SettledCall call = settledCall();
    String route = "/admin/calls/" + call.callId() + "/refund";
    String body = """
        {"coins": 10, "reason": "dropped audio", "reference": "dispute-%s"}""".formatted(call.callId());
    Answer beforeTheSink = scenario.api.post(route, scenario.admin, body);
    assertThat(beforeTheSink.status()).as("%s", beforeTheSink).isEqualTo(404);
    sink.drain();

    Answer refunded = scenario.api.post(route, scenario.admin, body);
    Answer again = scenario.api.post(route, scenario.admin, body);
    Answer tooMuch = scenario.api.post(route, scenario.admin, """
        {"coins": 117, "reason": "dropped audio", "reference": "dispute-2-%s"}""".formatted(call.callId()));

    assertThat(refunded.status()).as("%s", refunded).isEqualTo(200);
    assertThat(refunded.data().path("coinsLeft").asLong()).isEqualTo(116);
    assertThat(refunded.data().path("callerBalance").asLong()).isEqualTo(840 - 126 + 10);
    assertThat(again.message()).isEqualTo("Refund already made for this reference");
    assertThat(tooMuch.status()).as("%s", tooMuch).isEqualTo(400);
    assertThat(tooMuch.message()).contains("116 coins left");
    scenario.awaitReceiverBalance(call.receiverId(), "82.86");

    sink.drain();
    List<Map<String, Object>> entries = DATABASE.rows("""
        select user_type, action, amount from ledger_entries where related_id = ? and entry_id like '%:refund:%'
        order by user_type""", call.callId());
    assertThat(entries).extracting(row -> row.get("user_type") + " " + row.get("action") + " "
        + ((BigDecimal) row.get("amount")).toPlainString())
        .containsExactly("caller credit 10.00", "platform debit 2.86", "receiver debit 7.14");
    assertThat(DATABASE.count("select refunded_coins from call_history where call_id = ?", call.callId()))
        .isEqualTo(10);

    // The explanation reads the same tables: every entry for the admin, only his own for the caller.
    Answer explained = scenario.api.get("/admin/calls/" + call.callId(), scenario.admin);
    assertThat(explained.status()).as("%s", explained).isEqualTo(200);
    assertThat(explained.data().path("charge").path("refundedCoins").asLong()).isEqualTo(10);
    assertThat(explained.data().path("duration").path("billable").asLong()).isEqualTo(180);
    assertThat(explained.data().path("rates").path("femaleEarningPerMinute").decimalValue())
        .isEqualByComparingTo("30");
    assertThat(explained.data().path("times").path("startedAt").asString()).isNotEmpty();
    assertThat(explained.data().path("entries")).hasSize(6);
    Answer callersView = scenario.api.get("/male-user/calls/" + call.callId(), scenario.tokens.caller(call.callerId()));
    assertThat(callersView.data().path("entries")).hasSize(2);
    assertThat(scenario.api.get("/male-user/calls/" + call.callId(), scenario.tokens.caller("someone-else")).status())
        .isEqualTo(404);
  }

  private static Answer rate(String receiverId, String callId, int stars) {
    return scenario.api.post("/female-user/calls/rate", scenario.tokens.receiver(receiverId), """
        {"callId": "%s", "stars": %d}""".formatted(callId, stars));
  }

  private static JsonNode receiversView(SettledCall call) {
    return onlyItem(scenario.api.get("/female-user/calls/history", scenario.tokens.receiver(call.receiverId())),
        call.callId());
  }

  private static JsonNode callersView(SettledCall call) {
    return onlyItem(scenario.api.get("/male-user/calls/history", scenario.tokens.caller(call.callerId())),
        call.callId());
  }

  private static JsonNode onlyItem(Answer history, String callId) {
    assertThat(history.status()).as("%s", history).isEqualTo(200);
    assertThat(history.data().size()).as("%s", history).isEqualTo(1);
    JsonNode item = history.data().get(0);
    assertThat(item.path("callId").asString()).isEqualTo(callId);
    return item;
  }
}
