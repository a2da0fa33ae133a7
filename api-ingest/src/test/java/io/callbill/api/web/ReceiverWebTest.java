package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.EndCall;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver's routes: end a call made to them, switch online status, read their wallet. */
class ReceiverWebTest extends WebLayerTest {

  @BeforeEach
  void reviewedReceiver() {
    referenceData.seed(new Receiver("r1", "Rita", null, null, false, 2, "a1", true, List.of("c9")));
  }

  @Test
  void endIsKeyedByTheCallerInTheBodyAndEndedByTheTokenReceiver() throws Exception {
    post("/female-user/calls/end", tokens.receiver("r1"), """
        {"callerId": "c1", "duration": 180, "callType": "audio", "callId": "call-1"}""")
        .andExpect(status().isOk());

    CallCommand sent = gateway.last();
    assertThat(sent.getCallerId()).isEqualTo("c1");
    assertThat(sent.getCommand()).isEqualTo(new EndCall("call-1", "r1", CallParty.receiver, 180L));
  }

  @Test
  void endRefusedByBillingIsAnsweredAsIs() throws Exception {
    gateway.answer(400, false, "Call session not found or invalid. Call may have expired or already ended.", null);

    post("/female-user/calls/end", tokens.receiver("r1"), """
        {"callerId": "c1", "duration": 180, "callId": "someone-elses-call"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message")
            .value("Call session not found or invalid. Call may have expired or already ended."));
  }

  /** Before issue 13 the switch republished her whole profile, which could undo an admin's change made meanwhile. */
  @Test
  void statusSwitchWritesOnlyHerStatusNeverTheProfile() throws Exception {
    put("/female-user/status", tokens.receiver("r1"), """
        {"onlineStatus": true}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.onlineStatus").value(true));

    assertThat(referenceData.written()).containsExactly(new ReceiverStatus("r1", true, NOW));
  }

  @Test
  void walletIsTheReceiversBalance() throws Exception {
    wallets.setReceiver("r1", "1090.00");

    get("/female-user/wallet", tokens.receiver("r1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.balance").value(1090));
  }
}
