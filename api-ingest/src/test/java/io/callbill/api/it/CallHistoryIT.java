package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.api.it.ApiClient.Answer;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.Receiver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * History and stats over HTTP against a real PostgreSQL holding the sink's tables (its own migrations), with rows
 * written as the JDBC sink writes them: the seed's shapes, newest first with a stable tie-break, pagination, totals
 * over completed calls, the other party's name and image, the rating message, billableDuration 0 unless completed,
 * and nobody sees another user's calls. The API runs whole (real broker for its Kafka side: receivers must be
 * reviewed to use their routes).
 */
class CallHistoryIT {

  private static final Logger log = LoggerFactory.getLogger(CallHistoryIT.class);
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @RegisterExtension
  static final SinkDatabase DATABASE = new SinkDatabase();

  private static CallbillStack stack;
  private static BillingScenario scenario;

  @BeforeAll
  static void startPipeline() {
    List<String> arguments = new ArrayList<>(DATABASE.apiArguments());
    arguments.add("--management.endpoint.health.show-components=always");
    stack = CallbillStack.start(Map.of(), arguments.toArray(String[]::new));
    scenario = new BillingScenario(stack.client());
  }

  @AfterAll
  static void stopPipeline() {
    CallbillStack.stop(stack);
  }

  @Test
  void callerHistoryIsNewestFirstWithEachReceiversProfile() {
    String caller = unique("c");
    String rita = receiverRow("Rita", "https://img.example/rita.png");
    String nameless = receiverRow(null, null);
    String unknown = unique("r-no-profile");
    String a = unique("call-a");
    String b = unique("call-b");
    String sameTime1 = a + "-1";
    String sameTime2 = a + "-2";
    DATABASE.upsert(completed(a, caller, rita, T0.plusSeconds(60), 180, 126, 90, "30.0000", 4, "Good"));
    DATABASE.upsert(record(b, caller, nameless, CallStatus.insufficient_coins, T0.plusSeconds(120))
        .setBillableDuration(45).build());
    DATABASE.upsert(completed(sameTime1, caller, unknown, T0.plusSeconds(180), 30, 19, 15, "30.5000", null, null));
    DATABASE.upsert(completed(sameTime2, caller, rita, T0.plusSeconds(180), 60, 37, 30, "30.0000", null, null));
    // Another caller's call to the same receiver, later than all of them.
    DATABASE.upsert(completed(unique("call-other"), unique("c-other"), rita, T0.plusSeconds(600), 90, 63, 45,
        "30.0000", 5, "Very Good"));

    Answer answer = scenario.api.get("/male-user/calls/history", scenario.tokens.caller(caller));

    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(answer.success()).isTrue();
    assertThat(answer.body().has("message")).isFalse();
    assertThat(callIds(answer)).containsExactly(sameTime2, sameTime1, b, a);
    JsonNode newest = answer.data().get(0);
    assertThat(newest.path("userId").asString()).isEqualTo(rita);
    assertThat(newest.path("name").asString()).isEqualTo("Rita");
    assertThat(newest.path("profileImage").asString()).isEqualTo("https://img.example/rita.png");
    assertThat(newest.path("callType").asString()).isEqualTo("audio");
    assertThat(newest.path("status").asString()).isEqualTo("completed");
    assertThat(newest.path("billableDuration").asLong()).isEqualTo(60);
    assertThat(newest.path("femaleEarningPerMinute").decimalValue()).isEqualByComparingTo("30");
    assertThat(newest.path("rating").isNull()).isTrue();
    assertThat(newest.path("createdAt").asString()).isEqualTo("2026-03-01T10:03:00Z");
    JsonNode noProfile = answer.data().get(1);
    assertThat(noProfile.path("userId").asString()).isEqualTo(unknown);
    assertThat(noProfile.path("name").asString()).isEqualTo("Unknown User");
    assertThat(noProfile.path("profileImage").isNull()).isTrue();
    assertThat(noProfile.path("femaleEarningPerMinute").decimalValue()).isEqualByComparingTo("30.5");
    JsonNode unpaid = answer.data().get(2);
    assertThat(unpaid.path("name").asString()).isEqualTo("Unknown User");
    assertThat(unpaid.path("status").asString()).isEqualTo("insufficient_coins");
    assertThat(unpaid.path("billableDuration").asLong()).isZero();
    JsonNode rated = answer.data().get(3);
    assertThat(rated.path("rating").asString()).isEqualTo("Good");
    assertThat(rated.path("billableDuration").asLong()).isEqualTo(180);
    assertThat(rated.path("createdAt").asString()).isEqualTo("2026-03-01T10:01:00Z");
    assertThat(fieldNames(newest)).containsExactly("userId", "name", "profileImage", "callType", "status",
        "billableDuration", "femaleEarningPerMinute", "rating", "createdAt", "callId", "acceptedAt",
        "lastHeartbeatAt", "endedBy", "durationDisputed");
    assertThat(answer.body().path("pagination").path("total").asLong()).isEqualTo(4);
    assertThat(answer.body().path("pagination").path("limit").asInt()).isEqualTo(50);
    assertThat(answer.body().path("pagination").path("skip").asLong()).isZero();
  }

  @Test
  void receiverHistoryShowsEachCallersNameAndImageAndOnlyHerCalls() {
    String receiver = reviewedReceiver();
    String carl = callerRow("Carl", "Smith", "https://img.example/carl.png");
    String firstOnly = callerRow("  Dan ", null, null);
    String blank = callerRow(null, "", null);
    String noProfile = unique("c-no-profile");
    String c1 = unique("call");
    String c2 = unique("call");
    String c3 = unique("call");
    String c4 = unique("call");
    DATABASE.upsert(completed(c1, carl, receiver, T0.plusSeconds(10), 180, 126, 90, "30.0000", 3, "Average"));
    DATABASE.upsert(completed(c2, firstOnly, receiver, T0.plusSeconds(20), 30, 19, 15, "30.0000", null, null));
    DATABASE.upsert(record(c3, blank, receiver, CallStatus.expired, T0.plusSeconds(30)).build());
    DATABASE.upsert(record(c4, noProfile, receiver, CallStatus.not_connected, T0.plusSeconds(40)).build());
    DATABASE.upsert(completed(unique("call"), carl, unique("r-other"), T0.plusSeconds(50), 60, 37, 30, "30.0000",
        null, null));

    Answer answer = scenario.api.get("/female-user/calls/history", scenario.tokens.receiver(receiver));

    assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    assertThat(callIds(answer)).containsExactly(c4, c3, c2, c1);
    assertThat(names(answer)).containsExactly("Unknown User", "Unknown User", "Dan", "Carl Smith");
    assertThat(answer.data().get(3).path("userId").asString()).isEqualTo(carl);
    assertThat(answer.data().get(3).path("profileImage").asString()).isEqualTo("https://img.example/carl.png");
    assertThat(answer.data().get(3).path("rating").asString()).isEqualTo("Average");
    assertThat(answer.data().get(0).path("status").asString()).isEqualTo("not_connected");
    assertThat(answer.data().get(0).path("billableDuration").asLong()).isZero();
    assertThat(answer.body().path("pagination").path("total").asLong()).isEqualTo(4);
  }

  @Test
  void pagesFollowEachOtherWithoutGapOrOverlap() {
    String caller = unique("c");
    String receiver = receiverRow("Rita", null);
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String callId = unique("call") + "-" + i;
      // Pairs of calls end at the same second: the call id decides their order.
      DATABASE.upsert(completed(callId, caller, receiver, T0.plusSeconds(i / 2), 30, 19, 15, "30.0000", null,
          null));
      newestFirst.add(callId);
    }
    newestFirst.sort(Comparator.comparing((String id) -> Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) / 2)
        .thenComparing(Comparator.naturalOrder()).reversed());

    List<String> paged = new ArrayList<>();
    for (int skip = 0; skip < 9; skip += 3) {
      Answer page = scenario.api.get("/male-user/calls/history?limit=3&skip=" + skip,
          scenario.tokens.caller(caller));
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      assertThat(page.body().path("pagination").path("total").asLong()).isEqualTo(7);
      assertThat(page.body().path("pagination").path("limit").asInt()).isEqualTo(3);
      assertThat(page.body().path("pagination").path("skip").asLong()).isEqualTo(skip);
      paged.addAll(callIds(page));
    }
    Answer pastTheEnd = scenario.api.get("/male-user/calls/history?skip=7", scenario.tokens.caller(caller));

    assertThat(paged).containsExactlyElementsOf(newestFirst);
    assertThat(pastTheEnd.data().isArray()).isTrue();
    assertThat(pastTheEnd.data().size()).isZero();
    assertThat(pastTheEnd.body().path("pagination").path("total").asLong()).isEqualTo(7);
  }

  @Test
  void bothSidesSeeWhenACallWasAcceptedItsLastHeartbeatWhoEndedItAndWhetherItsClaimWasDisputed() {
    String caller = unique("c");
    String receiver = reviewedReceiver();
    String cutOff = unique("call-cutoff");
    String abandoned = unique("call-abandoned");
    String missed = unique("call-missed");
    DATABASE.upsert(CallRecord.newBuilder(completed(cutOff, caller, receiver, T0.plusSeconds(40), 34, 24, 17,
            "30.0000", null, null))
        .setReportedDuration(45).setEndedBy(CallParty.cutoff).setAcceptedAt(T0.plusSeconds(2))
        .setConnectedAt(T0.plusSeconds(2)).setLastHeartbeatAt(T0.plusSeconds(35)).setDurationDisputed(true)
        .setMetering("measured").build());
    DATABASE.upsert(CallRecord.newBuilder(completed(abandoned, caller, receiver, T0.plusSeconds(80), 6, 21, 15,
            "30.0000", null, null))
        .setEndedBy(CallParty.abandoned).setAcceptedAt(T0.plusSeconds(50)).setLastHeartbeatAt(T0.plusSeconds(56))
        .setMetering("measured").build());
    DATABASE.upsert(record(missed, caller, receiver, CallStatus.missed, T0.plusSeconds(200)).setEndedBy(null)
        .setMetering("measured").build());

    for (Answer answer : List.of(
        scenario.api.get("/male-user/calls/history", scenario.tokens.caller(caller)),
        scenario.api.get("/female-user/calls/history", scenario.tokens.receiver(receiver)))) {
      assertThat(answer.status()).as("%s", answer).isEqualTo(200);
      assertThat(callIds(answer)).containsExactly(missed, abandoned, cutOff);
      JsonNode missedCall = answer.data().get(0);
      assertThat(missedCall.path("status").asString()).isEqualTo("missed");
      assertThat(missedCall.path("billableDuration").asLong()).isZero();
      assertThat(missedCall.path("acceptedAt").isNull()).isTrue();
      assertThat(missedCall.path("endedBy").isNull()).isTrue();
      assertThat(missedCall.path("durationDisputed").asBoolean(true)).isFalse();
      JsonNode abandonedCall = answer.data().get(1);
      assertThat(abandonedCall.path("endedBy").asString()).isEqualTo("abandoned");
      assertThat(abandonedCall.path("acceptedAt").asString()).isEqualTo("2026-03-01T10:00:50Z");
      assertThat(abandonedCall.path("lastHeartbeatAt").asString()).isEqualTo("2026-03-01T10:00:56Z");
      assertThat(abandonedCall.path("billableDuration").asLong()).isEqualTo(30);
      JsonNode cutOffCall = answer.data().get(2);
      assertThat(cutOffCall.path("endedBy").asString()).isEqualTo("cutoff");
      assertThat(cutOffCall.path("durationDisputed").asBoolean()).isTrue();
      assertThat(cutOffCall.path("acceptedAt").asString()).isEqualTo("2026-03-01T10:00:02Z");
      assertThat(cutOffCall.path("lastHeartbeatAt").asString()).isEqualTo("2026-03-01T10:00:35Z");
      assertThat(cutOffCall.path("billableDuration").asLong()).isEqualTo(34);
    }
  }

  @Test
  void aCallerNeverSeesAnotherCallersCalls() {
    String alice = unique("c");
    String bob = unique("c");
    String receiver = receiverRow("Rita", null);
    String alicesCall = unique("call");
    DATABASE.upsert(completed(alicesCall, alice, receiver, T0, 180, 126, 90, "30.0000", null, null));
    DATABASE.upsert(completed(unique("call"), bob, receiver, T0.plusSeconds(1), 180, 126, 90, "30.0000", null,
        null));

    Answer alices = scenario.api.get("/male-user/calls/history", scenario.tokens.caller(alice));
    Answer stranger = scenario.api.get("/male-user/calls/history", scenario.tokens.caller(unique("c-new")));
    // A receiver id used as a caller's token subject sees no calls made to that receiver.
    Answer receiverAsCaller = scenario.api.get("/male-user/calls/history", scenario.tokens.caller(receiver));

    assertThat(callIds(alices)).containsExactly(alicesCall);
    assertThat(alices.body().path("pagination").path("total").asLong()).isEqualTo(1);
    assertThat(stranger.data().size()).isZero();
    assertThat(stranger.body().path("pagination").path("total").asLong()).isZero();
    assertThat(receiverAsCaller.data().size()).isZero();
  }

  @Test
  void statsSumTheCompletedCallsOfEachSide() {
    String caller = unique("c");
    String otherCaller = unique("c");
    String receiver = reviewedReceiver();
    DATABASE.upsert(completed(unique("call"), caller, receiver, T0, 180, 126, 90, "30.0000", null, null));
    DATABASE.upsert(completed(unique("call"), caller, receiver, T0.plusSeconds(1), 20, 19, 15, "30.0000", null,
        null));
    DATABASE.upsert(completed(unique("call"), otherCaller, receiver, T0.plusSeconds(2), 60, 37, 30, "30.0000", null,
        null));
    DATABASE.upsert(completed(unique("call"), caller, unique("r-other"), T0.plusSeconds(3), 600, 420, 300,
        "30.0000", null, null));
    DATABASE.upsert(record(unique("call"), caller, receiver, CallStatus.insufficient_coins, T0.plusSeconds(4))
        .setDuration(500).build());
    DATABASE.upsert(record(unique("call"), caller, receiver, CallStatus.expired, T0.plusSeconds(5)).build());

    Answer callerStats = scenario.api.get("/male-user/calls/stats", scenario.tokens.caller(caller));
    Answer receiverStats = scenario.api.get("/female-user/calls/stats", scenario.tokens.receiver(receiver));
    Answer nobody = scenario.api.get("/male-user/calls/stats", scenario.tokens.caller(unique("c-new")));

    assertThat(callerStats.status()).as("%s", callerStats).isEqualTo(200);
    assertThat(callerStats.success()).isTrue();
    // 180 + 20 + 600 seconds of duration (the seed sums duration, not billableDuration); 126 + 19 + 420 coins.
    assertThat(fieldNames(callerStats.data())).containsExactly("totalCalls", "totalDuration", "totalCoinsSpent");
    assertThat(callerStats.data().path("totalCalls").asLong()).isEqualTo(3);
    assertThat(callerStats.data().path("totalDuration").asLong()).isEqualTo(800);
    assertThat(callerStats.data().path("totalCoinsSpent").asLong()).isEqualTo(565);
    assertThat(receiverStats.status()).as("%s", receiverStats).isEqualTo(200);
    assertThat(fieldNames(receiverStats.data()))
        .containsExactly("totalCalls", "totalDuration", "totalCoinsSpent", "totalEarnings");
    assertThat(receiverStats.data().path("totalCalls").asLong()).isEqualTo(3);
    assertThat(receiverStats.data().path("totalDuration").asLong()).isEqualTo(260);
    assertThat(receiverStats.data().path("totalCoinsSpent").asLong()).isEqualTo(182);
    assertThat(receiverStats.data().path("totalEarnings").asLong()).isEqualTo(135);
    assertThat(nobody.data().path("totalCalls").asLong()).isZero();
    assertThat(nobody.data().path("totalDuration").asLong()).isZero();
    assertThat(nobody.data().path("totalCoinsSpent").asLong()).isZero();
  }

  @Test
  void badPageParametersAre400AndUnreviewedReceiversAre403() {
    Answer badLimit = scenario.api.get("/male-user/calls/history?limit=101", scenario.tokens.caller("c1"));
    Answer badSkip = scenario.api.get("/male-user/calls/history?skip=-1", scenario.tokens.caller("c1"));
    Answer unknownReceiver = scenario.api.get("/female-user/calls/history", scenario.tokens.receiver(unique("r")));

    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().path("field").asString()).isEqualTo("limit");
    assertThat(badSkip.status()).isEqualTo(400);
    assertThat(badSkip.body().path("field").asString()).isEqualTo("skip");
    assertThat(unknownReceiver.status()).isEqualTo(403);
  }

  @Test
  void healthIncludesTheDatabase() {
    assertThat(scenario.api.get("/actuator/health", null).status()).isEqualTo(200);
    Answer health = stack.management().get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
    assertThat(health.body().path("components").path("billingKafka").path("status").asString()).isEqualTo("UP");
  }

  /** Pages of a caller with thousands of calls among many: first and deep pages, timed. */
  @Test
  void aLongHistoryIsPagedQuickly() {
    String caller = unique("c-busy");
    String receiver = receiverRow("Rita", "https://img.example/rita.png");
    int calls = 3_000;
    DATABASE.execute("""
        INSERT INTO call_history (call_id, caller_id, receiver_id, call_type, status, duration, reported_duration,
            measured_duration, billable_duration, female_earning_per_minute, platform_margin_per_minute,
            female_earning_per_second, platform_margin_per_second, total_coins, female_earning, platform_margin,
            admin_earned, agency_earned, admin_share_percentage, agency_share_percentage, is_agency_female,
            agency_id, ended_by, started_at, ended_at)
        SELECT ? || '-' || lpad(n::text, 5, '0'), CASE WHEN n % 2 = 0 THEN ? ELSE ? || '-' || (n % 50) END, ?,
               'audio', 'completed', 180, 180, 180, 180, 30.0000, 12.0000, 0.50000000, 0.20000000, 126, 90, 36,
               36.00, 0.00, 100.0000, 0.0000, false, NULL, 'caller',
               ?::timestamptz + make_interval(secs => n) - interval '180 seconds',
               ?::timestamptz + make_interval(secs => n)
          FROM generate_series(1, ?) AS n""", caller, caller, unique("c-crowd"), receiver, T0, T0, calls * 2);
    DATABASE.execute("ANALYZE call_history");

    long[] firstPage = new long[20];
    long[] deepPage = new long[20];
    Answer first = null;
    Answer deep = null;
    for (int i = 0; i < firstPage.length; i++) {
      first = scenario.api.get("/male-user/calls/history?limit=100", scenario.tokens.caller(caller));
      deep = scenario.api.get("/male-user/calls/history?limit=100&skip=2900", scenario.tokens.caller(caller));
      firstPage[i] = first.micros();
      deepPage[i] = deep.micros();
    }

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().path("pagination").path("total").asLong()).isEqualTo(calls);
    assertThat(first.data().size()).isEqualTo(100);
    assertThat(first.data().get(0).path("callId").asString()).isEqualTo(caller + "-06000");
    assertThat(deep.data().size()).isEqualTo(100);
    assertThat(deep.data().get(0).path("callId").asString()).isEqualTo(caller + "-00200");
    assertThat(deep.data().get(99).path("callId").asString()).isEqualTo(caller + "-00002");
    assertThat(deep.data().get(99).path("name").asString()).isEqualTo("Rita");
    log.info("history of {} calls ({} in the table): first page of 100 p50 {} ms, page at skip 2900 p50 {} ms "
            + "(HTTP round trip, {} requests each)", calls,
        DATABASE.count("SELECT count(*) FROM call_history"), p50Millis(firstPage), p50Millis(deepPage),
        firstPage.length);
  }

  private static String receiverRow(String name, String image) {
    String receiverId = unique("r");
    DATABASE.upsert(new Receiver(receiverId, name, null, image, true, 1, null, true, List.of()));
    return receiverId;
  }

  private static String callerRow(String firstName, String lastName, String image) {
    String callerId = unique("c");
    DATABASE.upsert(new Caller(callerId, firstName, lastName, null, image, List.of()));
    return callerId;
  }

  /** A receiver whose review is accepted, known to the API (Kafka) and in the receivers table (the sink). */
  private static String reviewedReceiver() {
    String receiverId = unique("r");
    scenario.receiver(receiverId, """
        {"name": "Rita", "onlineStatus": true, "currentLevel": 1, "reviewAccepted": true, "blockList": []}""");
    DATABASE.upsert(new Receiver(receiverId, "Rita", null, null, true, 1, null, true, List.of()));
    return receiverId;
  }

  /** A completed call as billing records it (for 30/min + 12/min margin; amounts given by the test). */
  private static CallRecord completed(String callId, String callerId, String receiverId, Instant endedAt,
      long duration, long coins, long earning, String ratePerMinute, Integer stars, String ratingMessage) {
    return record(callId, callerId, receiverId, CallStatus.completed, endedAt)
        .setDuration(duration).setReportedDuration(duration).setMeasuredDuration(duration)
        .setBillableDuration(Math.max(30, duration))
        .setFemaleEarningPerMinute(new BigDecimal(ratePerMinute))
        .setTotalCoins(coins).setFemaleEarning(earning).setPlatformMargin(coins - earning)
        .setAdminEarned(new BigDecimal(coins - earning).setScale(2))
        .setRatingStars(stars).setRatingMessage(ratingMessage)
        .setRatedBy(stars == null ? null : "female").setRatedAt(stars == null ? null : endedAt.plusSeconds(5))
        .build();
  }

  /** A call record with nothing charged, as billing writes a call that was not completed. */
  private static CallRecord.Builder record(String callId, String callerId, String receiverId, CallStatus status,
      Instant endedAt) {
    return CallRecord.newBuilder()
        .setCallId(callId).setCallerId(callerId).setReceiverId(receiverId)
        .setCallType(CallType.audio).setStatus(status)
        .setDuration(0).setReportedDuration(0).setMeasuredDuration(null).setBillableDuration(0)
        .setFemaleEarningPerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setFemaleEarningPerSecond(new BigDecimal("0.50000000"))
        .setPlatformMarginPerSecond(new BigDecimal("0.20000000"))
        .setTotalCoins(0).setFemaleEarning(0).setPlatformMargin(0)
        .setAdminEarned(new BigDecimal("0.00")).setAgencyEarned(new BigDecimal("0.00"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setAgencySharePercentage(new BigDecimal("0.0000"))
        .setIsAgencyFemale(false).setAgencyId(null).setEndedBy(CallParty.caller)
        .setStartedAt(endedAt.minusSeconds(200)).setEndedAt(endedAt)
        .setErrorMessage(null).setRatingStars(null).setRatingMessage(null).setRatedBy(null).setRatedAt(null);
  }

  private static List<String> callIds(Answer answer) {
    return stream(answer.data()).map(item -> item.path("callId").asString()).toList();
  }

  private static List<String> names(Answer answer) {
    return stream(answer.data()).map(item -> item.path("name").asString()).toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.propertyNames().stream().toList();
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static double p50Millis(long[] micros) {
    long[] sorted = Arrays.copyOf(micros, micros.length);
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1000.0;
  }
}
