package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.UnavailableException;
import io.callbill.avro.ActiveCallQuery;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.EndCall;
import io.callbill.avro.EndShortfall;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.avro.StartShortfall;
import io.callbill.avro.WalletQuery;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The caller's routes: what is sent to billing-streams and how its replies are answered (the seed's shapes). */
class CallerCallsWebTest extends WebLayerTest {

  private static final String START = "/male-user/calls/start";
  private static final String END = "/male-user/calls/end";

  @Test
  void startSendsStartCallKeyedByTheTokenSubjectAndIssuedNow() throws Exception {
    post(START, tokens.caller("c1"), """
        {"receiverId": "r1", "callType": "audio"}""").andExpect(status().isOk());

    CallCommand sent = gateway.last();
    assertThat(sent.getCallerId()).isEqualTo("c1");
    assertThat(sent.getIssuedAt()).isEqualTo(NOW);
    assertThat(sent.getCommand()).isEqualTo(new StartCall("r1", CallType.audio));
  }

  @Test
  void startAnswersTheSeedsShapeWithDecimalsAsPlainNumbers() throws Exception {
    gateway.answer(200, true, "Call can start", new StartAccepted("call-1", 1200L, dec("0.50000000"),
        dec("0.20000000"), dec("0.70000000"), 840L, false, 1, dec("30.0000"), dec("40.0000"), dec("12.0000")));

    post(START, tokens.caller("c1"), """
        {"receiverId": "r1", "callType": "audio"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.message").value("Call can start"))
        .andExpect(jsonPath("$.data.callId").value("call-1"))
        .andExpect(jsonPath("$.data.maxSeconds").value(1200))
        .andExpect(jsonPath("$.data.malePayPerSecond").value(0.7))
        .andExpect(jsonPath("$.data.femaleRatePerSecond").value(0.5))
        .andExpect(jsonPath("$.data.platformRatePerSecond").value(0.2))
        .andExpect(jsonPath("$.data.callerCoinBalance").value(840))
        .andExpect(jsonPath("$.data.isAgencyFemale").value(false))
        .andExpect(jsonPath("$.data.receiverLevel").value(1))
        .andExpect(jsonPath("$.data.levelConfig.audioRatePerMinute").value(30))
        .andExpect(jsonPath("$.data.levelConfig.platformMarginPerMinute").value(12));
  }

  @Test
  void decimalsAreWrittenWithoutTrailingZerosOrExponent() throws Exception {
    gateway.answer(200, true, "Call can start", new StartAccepted("call-1", 1200L, dec("0.50000000"),
        dec("0.20000000"), dec("0.70000000"), 840L, false, 1, null, dec("40.0000"), dec("100.0000")));

    String body = post(START, tokens.caller("c1"), """
        {"receiverId": "r1", "callType": "video"}""").andReturn().getResponse().getContentAsString();

    assertThat(body).contains("\"malePayPerSecond\":0.7,").contains("\"platformMarginPerMinute\":100}")
        .contains("\"audioRatePerMinute\":null");
  }

  @Test
  void secondStartAnswers409WithTheExistingSession() throws Exception {
    gateway.answer(409, false, "You already have an active call session",
        new ActiveSessionInfo("call-1", "r1", CallType.video, Instant.parse("2026-01-01T00:00:00Z"), null, null));

    post(START, tokens.caller("c1"), """
        {"receiverId": "r2", "callType": "audio"}""")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.data.callId").value("call-1"))
        .andExpect(jsonPath("$.data.callType").value("video"))
        .andExpect(jsonPath("$.data.startedAt").value("2026-01-01T00:00:00Z"));
  }

  @Test
  void minCallCoinsShortfallAnswersOnlyAvailableAndRequired() throws Exception {
    gateway.answer(400, false, "Insufficient balance to start call. Please recharge.",
        new StartShortfall(10L, 50L, null, null, null, null));

    String body = post(START, tokens.caller("c1"), """
        {"receiverId": "r1", "callType": "audio"}""")
        .andExpect(status().isBadRequest())
        .andReturn().getResponse().getContentAsString();

    assertThat(body).isEqualTo("{\"success\":false,\"message\":\"Insufficient balance to start call. Please "
        + "recharge.\",\"data\":{\"available\":10,\"required\":50}}");
  }

  @Test
  void endSendsEndCallByTheCallerWithTheReportedDurationAndNotTheCallType() throws Exception {
    post(END, tokens.caller("c1"), """
        {"receiverId": "r1", "duration": 180, "callType": "video", "callId": "call-1"}""")
        .andExpect(status().isOk());

    CallCommand sent = gateway.last();
    assertThat(sent.getCallerId()).isEqualTo("c1");
    assertThat(sent.getCommand()).isEqualTo(new EndCall("call-1", "r1", CallParty.caller, 180L));
  }

  @Test
  void endAnswersTheSettlementWithTheSeedsFields() throws Exception {
    gateway.answer(200, true, "Call ended successfully", new Settlement("call-1", 180L, 180L, 181L, 180L,
        dec("0.50000000"), dec("0.20000000"), 126L, 126L, 90L, 36L, dec("36.00"), dec("0.00"), 714L, 90L, true, false, null));

    post(END, tokens.caller("c1"), """
        {"receiverId": "r1", "duration": 180, "callId": "call-1"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.message").value("Call ended successfully"))
        .andExpect(jsonPath("$.data.callId").value("call-1"))
        .andExpect(jsonPath("$.data.duration").value(180))
        .andExpect(jsonPath("$.data.billableDuration").value(180))
        .andExpect(jsonPath("$.data.femaleEarningPerSecond").value(0.5))
        .andExpect(jsonPath("$.data.platformMarginPerSecond").value(0.2))
        .andExpect(jsonPath("$.data.totalCoins").value(126))
        .andExpect(jsonPath("$.data.coinsDeducted").value(126))
        .andExpect(jsonPath("$.data.femaleEarning").value(90))
        .andExpect(jsonPath("$.data.platformMargin").value(36))
        .andExpect(jsonPath("$.data.adminEarned").value(36))
        .andExpect(jsonPath("$.data.callerRemainingBalance").value(714))
        .andExpect(jsonPath("$.data.receiverNewBalance").value(90))
        .andExpect(jsonPath("$.data.ratingRequired").value(true));
  }

  @Test
  void endShortfallAnswers400WithTheShortfall() throws Exception {
    gateway.answer(400, false, "Insufficient coins", new EndShortfall(841L, 840L, 1L, "call-1"));

    post(END, tokens.caller("c1"), """
        {"receiverId": "r1", "duration": 1201, "callId": "call-1"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.data.required").value(841))
        .andExpect(jsonPath("$.data.shortfall").value(1))
        .andExpect(jsonPath("$.data.callId").value("call-1"));
  }

  @Test
  void activeCallIsAskedOfBillingAndNoneAnswersDataNull() throws Exception {
    gateway.answer(200, true, "No active call", null);

    String body = get("/male-user/calls/active", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();

    assertThat(gateway.last().getCommand()).isInstanceOf(ActiveCallQuery.class);
    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(body).isEqualTo("{\"success\":true,\"message\":\"No active call\",\"data\":null}");
  }

  @Test
  void activeCallAnswersTheSession() throws Exception {
    gateway.answer(200, true, "Active call",
        new ActiveSessionInfo("call-1", "r1", CallType.audio, Instant.parse("2026-01-01T00:00:00.123Z"), null, null));

    get("/male-user/calls/active", tokens.caller("c1"))
        .andExpect(jsonPath("$.data.callId").value("call-1"))
        .andExpect(jsonPath("$.data.receiverId").value("r1"))
        .andExpect(jsonPath("$.data.callType").value("audio"))
        .andExpect(jsonPath("$.data.startedAt").value("2026-01-01T00:00:00.123Z"));
  }

  @Test
  void walletAnswersTheCoinBalanceAsBalance() throws Exception {
    gateway.answer(200, true, "Wallet balance", new CoinBalance(714L));

    get("/male-user/wallet", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.balance").value(714));

    assertThat(gateway.last().getCommand()).isInstanceOf(WalletQuery.class);
    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
  }

  @Test
  void sameIdempotencyKeyGivesTheSameCommandIdAndOtherwiseAFreshOne() throws Exception {
    String body = """
        {"receiverId": "r1", "duration": 180, "callId": "call-1"}""";
    for (int i = 0; i < 2; i++) {
      perform(withToken(MockMvcRequestBuilders.post(END), tokens.caller("c1"))
          .header("Idempotency-Key", "end-call-1").contentType("application/json").content(body));
    }
    perform(withToken(MockMvcRequestBuilders.post(END), tokens.caller("c2"))
        .header("Idempotency-Key", "end-call-1").contentType("application/json").content(body));
    post(END, tokens.caller("c1"), body);
    post(END, tokens.caller("c1"), body);

    var ids = gateway.submitted().stream().map(CallCommand::getCommandId).toList();
    assertThat(ids.get(0)).isEqualTo(ids.get(1));
    assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    assertThat(ids.get(3)).isNotEqualTo(ids.get(4)).isNotEqualTo(ids.get(0));
  }

  @Test
  void anIdempotencyKeyThatIsNotVisibleAsciiOrTooLongIs400() throws Exception {
    perform(withToken(MockMvcRequestBuilders.post(END), tokens.caller("c1"))
        .header("Idempotency-Key", "x".repeat(129)).contentType("application/json").content("""
            {"receiverId": "r1", "duration": 180, "callId": "call-1"}"""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Idempotency-Key"));

    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void noAnswerInTimeIs503WithAClearMessage() throws Exception {
    gateway.fail(new UnavailableException("Billing did not answer within 5 s. Retry the same request."));

    post(END, tokens.caller("c1"), """
        {"receiverId": "r1", "duration": 180, "callId": "call-1"}""")
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Billing did not answer within 5 s. Retry the same request."));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
