package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.EndCall;
import io.callbill.avro.Heartbeat;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The platform role (the call platform's media layer): accept, heartbeat and end of any call, keyed by the caller it
 * names; and nothing else.
 */
class PlatformWebTest extends WebLayerTest {

  private String platform() {
    return tokens.token("media-1", "platform", Duration.ofMinutes(5));
  }

  @Test
  void acceptIsThePlatformsKeyedByTheCallerItNames() throws Exception {
    post("/platform/calls/accept", platform(), """
        {"callId": "call-1", "callerId": "c1"}""").andExpect(status().isOk());

    CallCommand sent = gateway.last();
    assertThat(sent.getCallerId()).isEqualTo("c1");
    assertThat(sent.getIssuedAt()).isEqualTo(NOW);
    assertThat(sent.getCommand()).isEqualTo(new AcceptCall("call-1", CallParty.platform, null));
  }

  @Test
  void heartbeatIsThePlatformsKeyedByTheCallerItNames() throws Exception {
    post("/platform/calls/heartbeat", platform(), """
        {"callId": "call-1", "callerId": "c1"}""").andExpect(status().isOk());

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isEqualTo(new Heartbeat("call-1", CallParty.platform, null));
  }

  @Test
  void endCarriesTheConnectedDurationAndNamesNoReceiver() throws Exception {
    post("/platform/calls/end", platform(), """
        {"callId": "call-1", "callerId": "c1", "duration": 95}""").andExpect(status().isOk());

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isEqualTo(new EndCall("call-1", null, CallParty.platform, 95L));
  }

  @Test
  void billingsRefusalIsAnsweredAsIs() throws Exception {
    gateway.answer(400, false, ReceiverCallsController.CALL_NOT_FOUND, null);

    post("/platform/calls/end", platform(), """
        {"callId": "call-9", "callerId": "c1", "duration": 95}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value(ReceiverCallsController.CALL_NOT_FOUND));
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyIsTheSameCommand() throws Exception {
    for (int i = 0; i < 2; i++) {
      perform(withToken(MockMvcRequestBuilders.post("/platform/calls/end"), platform())
          .header("Idempotency-Key", "media-end-call-1").contentType("application/json").content("""
              {"callId": "call-1", "callerId": "c1", "duration": 95}"""));
    }

    assertThat(gateway.submitted()).hasSize(2);
    assertThat(gateway.submitted().get(0).getCommandId()).isEqualTo(gateway.submitted().get(1).getCommandId());
  }

  @ParameterizedTest(name = "platform on {0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      POST | /male-user/calls/start
      POST | /male-user/calls/end
      POST | /male-user/calls/heartbeat
      GET  | /male-user/wallet
      POST | /female-user/calls/accept
      POST | /female-user/calls/end
      PUT  | /female-user/status
      POST | /admin/callers/c1/coins
      PUT  | /admin/receivers/r1
      GET  | /admin/wallets/platform
      """)
  void aPlatformTokenCannotStartCallsMoveCoinsOrUseAnyOtherRoute(String method, String path) throws Exception {
    perform(withToken(MockMvcRequestBuilders.request(method, java.net.URI.create(path)), platform())
        .contentType("application/json").content("""
            {"receiverId": "r1", "callType": "audio", "amount": 100, "reference": "p1", "callId": "call-1"}"""))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.startsWith("Access denied")));

    assertThat(gateway.submitted()).isEmpty();
    assertThat(referenceData.written()).isEmpty();
  }
}
