package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.UnavailableException;
import io.callbill.avro.AcceptCall;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallProgress;
import io.callbill.avro.CallType;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.Settlement;
import io.callbill.billing.reply.Messages;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metering routes of both sides: the receiver's accept and heartbeat (she names the call only; the API finds its
 * caller among her ongoing calls), the caller's heartbeat, and how billing's CallProgress, settlements and the active
 * call are answered.
 */
class CallProgressWebTest extends WebLayerTest {

  private static final String ACCEPT = "/female-user/calls/accept";
  private static final String RECEIVER_HEARTBEAT = "/female-user/calls/heartbeat";
  private static final String CALLER_HEARTBEAT = "/male-user/calls/heartbeat";
  private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant ACCEPTED = Instant.parse("2026-01-01T00:00:04.250Z");

  @BeforeEach
  void reviewedReceiverWithAnOngoingCall() {
    referenceData.seed(AdminWebTest.receiver("r1", true));
    ongoingCalls.ongoing("call-1", "c1", "r1");
  }

  @Test
  void theReceiversAcceptIsKeyedByTheCallsCallerAndNamesHer() throws Exception {
    post(ACCEPT, tokens.receiver("r1"), """
        {"callId": "call-1"}""").andExpect(status().isOk());

    CallCommand sent = gateway.last();
    assertThat(sent.getCallerId()).isEqualTo("c1");
    assertThat(sent.getIssuedAt()).isEqualTo(NOW);
    assertThat(sent.getCommand()).isEqualTo(new AcceptCall("call-1", CallParty.receiver, "r1"));
  }

  @Test
  void theReceiversHeartbeatIsKeyedByTheCallsCallerAndNamesHer() throws Exception {
    post(RECEIVER_HEARTBEAT, tokens.receiver("r1"), """
        {"callId": "call-1"}""").andExpect(status().isOk());

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isEqualTo(new Heartbeat("call-1", CallParty.receiver, "r1"));
  }

  @Test
  void theCallersHeartbeatIsKeyedByTheTokenSubjectAndNamesNoReceiver() throws Exception {
    post(CALLER_HEARTBEAT, tokens.caller("c1"), """
        {"callId": "call-1"}""").andExpect(status().isOk());

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isEqualTo(new Heartbeat("call-1", CallParty.caller, null));
  }

  @Test
  void anAcceptOrHeartbeatOfACallThatIsNotHersIsTheEndsMessageAndSendsNothing() throws Exception {
    ongoingCalls.ongoing("call-2", "c2", "r2");
    for (String path : new String[] {ACCEPT, RECEIVER_HEARTBEAT}) {
      for (String callId : new String[] {"call-2", "no-such-call"}) {
        post(path, tokens.receiver("r1"), """
            {"callId": "%s"}""".formatted(callId))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.success").value(false))
            .andExpect(jsonPath("$.message").value(ReceiverCallsController.CALL_NOT_FOUND));
      }
    }

    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void theApisNotFoundMessageIsBillingsWordForWord() {
    assertThat(ReceiverCallsController.CALL_NOT_FOUND).isEqualTo(Messages.SESSION_NOT_FOUND);
  }

  @Test
  void ongoingCallsStillLoadingIs503AndSendsNothing() throws Exception {
    ongoingCalls.fail(new UnavailableException("The API is still loading ongoing calls from Kafka; retry shortly."));

    post(ACCEPT, tokens.receiver("r1"), """
        {"callId": "call-1"}""")
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.message").value("The API is still loading ongoing calls from Kafka; retry shortly."));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void aViewThatCouldNotCatchUpInTimeIs503AndSendsNothing() throws Exception {
    ongoingCalls.failAfterWaiting(new UnavailableException("The API's copy of ongoing calls is behind; retry shortly."));

    post(RECEIVER_HEARTBEAT, tokens.receiver("r1"), """
        {"callId": "call-just-started"}""")
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("The API's copy of ongoing calls is behind; retry shortly."));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void acceptAnswersWhereTheCallStands() throws Exception {
    gateway.answer(200, true, "Call accepted", new CallProgress("call-1", "c1", "r1", CallType.audio, STARTED,
        ACCEPTED, null, 1200L, 0L, 1200L));

    String body = post(ACCEPT, tokens.receiver("r1"), """
        {"callId": "call-1"}""")
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();

    assertThat(body).isEqualTo("{\"success\":true,\"message\":\"Call accepted\",\"data\":{\"callId\":\"call-1\","
        + "\"callerId\":\"c1\",\"receiverId\":\"r1\",\"callType\":\"audio\",\"startedAt\":\"2026-01-01T00:00:00Z\","
        + "\"acceptedAt\":\"2026-01-01T00:00:04.250Z\",\"lastHeartbeatAt\":null,\"maxSeconds\":1200,"
        + "\"confirmedSeconds\":0,\"secondsLeft\":1200}}");
  }

  @Test
  void heartbeatAnswersTheSecondsConfirmedAndLeft() throws Exception {
    gateway.answer(200, true, "Heartbeat recorded", new CallProgress("call-1", "c1", "r1", CallType.video, STARTED,
        ACCEPTED, ACCEPTED.plusSeconds(40), 1200L, 40L, 1160L));

    post(CALLER_HEARTBEAT, tokens.caller("c1"), """
        {"callId": "call-1"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.lastHeartbeatAt").value("2026-01-01T00:00:44.250Z"))
        .andExpect(jsonPath("$.data.confirmedSeconds").value(40))
        .andExpect(jsonPath("$.data.secondsLeft").value(1160));
  }

  @Test
  void aHeartbeatRefusedByBillingIsAnsweredAsIs() throws Exception {
    gateway.answer(400, false, Messages.SESSION_NOT_FOUND, null);

    post(CALLER_HEARTBEAT, tokens.caller("c1"), """
        {"callId": "call-ended"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(Messages.SESSION_NOT_FOUND))
        .andExpect(jsonPath("$.data").doesNotExist());
  }

  @Test
  void aSettlementShowsWhetherTheClaimWasDisputedAndWhoEndedTheCall() throws Exception {
    gateway.answer(200, true, "Call ended successfully", new Settlement("call-1", 34L, 45L, 34L, 34L,
        dec("0.50000000"), dec("0.20000000"), 24L, 24L, 17L, 7L, dec("7.00"), dec("0.00"), 0L, 17L, true, true,
        CallParty.cutoff));

    post("/male-user/calls/end", tokens.caller("c1"), """
        {"receiverId": "r1", "duration": 45, "callId": "call-1"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.durationDisputed").value(true))
        .andExpect(jsonPath("$.data.endedBy").value("cutoff"))
        .andExpect(jsonPath("$.data.totalCoins").value(24))
        .andExpect(jsonPath("$.data.callerRemainingBalance").value(0));
  }

  @Test
  void theActiveCallShowsItsCurrentMaxSecondsAndWhenItWasAccepted() throws Exception {
    gateway.answer(200, true, "Active call",
        new ActiveSessionInfo("call-1", "r1", CallType.audio, STARTED, 2400L, ACCEPTED));

    get("/male-user/calls/active", tokens.caller("c1"))
        .andExpect(jsonPath("$.data.maxSeconds").value(2400))
        .andExpect(jsonPath("$.data.acceptedAt").value("2026-01-01T00:00:04.250Z"));
  }

  @Test
  void aRingingCallHasNoAcceptedAt() throws Exception {
    gateway.answer(200, true, "Active call",
        new ActiveSessionInfo("call-1", "r1", CallType.audio, STARTED, 1200L, null));

    get("/male-user/calls/active", tokens.caller("c1"))
        .andExpect(jsonPath("$.data.maxSeconds").value(1200))
        .andExpect(jsonPath("$.data.acceptedAt").isEmpty());
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
