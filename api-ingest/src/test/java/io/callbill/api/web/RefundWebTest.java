package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.avro.RefundAccepted;
import io.callbill.avro.RefundCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The refund route: keyed by the call's caller from the history; bad input 400 naming the field; admins only. */
class RefundWebTest extends WebLayerTest {

  @Test
  void aRefundIsSentToTheCallersPartitionFoundInTheHistory() throws Exception {
    history.call("call_1", "c1", "r1");
    gateway.answer(200, true, "Call refunded", new RefundAccepted("call_1", 10L, 10L, 116L, 724L));

    post("/admin/calls/call_1/refund", tokens.admin("ops"), """
        {"coins": 10, "reason": "dropped call", "reference": "dispute-1"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.message").value("Call refunded"))
        .andExpect(jsonPath("$.data.coins").value(10))
        .andExpect(jsonPath("$.data.coinsLeft").value(116))
        .andExpect(jsonPath("$.data.callerBalance").value(724));

    assertThat(gateway.last().getCallerId()).isEqualTo("c1");
    assertThat(gateway.last().getCommand()).isEqualTo(new RefundCall("call_1", 10L, "dropped call", "dispute-1"));
  }

  @Test
  void withoutCoinsTheRestIsAskedFor() throws Exception {
    history.call("call_1", "c1", "r1");
    gateway.answer(200, true, "Call refunded", new RefundAccepted("call_1", 126L, 126L, 0L, 840L));

    post("/admin/calls/call_1/refund", tokens.admin("ops"), """
        {"reason": "dropped call", "reference": "dispute-1"}""")
        .andExpect(status().isOk());

    assertThat(((RefundCall) gateway.last().getCommand()).getCoins()).isNull();
  }

  @Test
  void aCallNotInTheHistoryIs404AndNothingIsSent() throws Exception {
    post("/admin/calls/call_unknown/refund", tokens.admin("ops"), """
        {"coins": 10, "reason": "dropped call", "reference": "dispute-1"}""")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Call not found"));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void billingsRefusalAboveWhatIsLeftIsAnswered400() throws Exception {
    history.call("call_1", "c1", "r1");
    gateway.answer(400, false, "Refund exceeds what is left of the call's charge: 116 coins left",
        new RefundAccepted("call_1", 0L, 10L, 116L, 724L));

    post("/admin/calls/call_1/refund", tokens.admin("ops"), """
        {"coins": 117, "reason": "dropped call", "reference": "dispute-2"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.containsString("116 coins left")))
        .andExpect(jsonPath("$.data.coinsLeft").value(116));
  }

  @ParameterizedTest(name = "refund {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"coins": 0, "reason": "x", "reference": "d-1"}      | coins     | coins must be a whole number
      {"coins": -1, "reason": "x", "reference": "d-1"}     | coins     | coins must be a whole number
      {"coins": 1.5, "reason": "x", "reference": "d-1"}    | coins     | coins
      {"coins": 10, "reference": "d-1"}                    | reason    | reason is required
      {"coins": 10, "reason": " ", "reference": "d-1"}     | reason    | reason is required
      {"coins": 10, "reason": "x"}                         | reference | reference
      {"coins": 10, "reason": "x", "reference": "a b"}     | reference | reference
      {"coins": 10, "reason": "x", "reference": "d-1"      | body      | Malformed JSON
      """)
  void aRefundRefusesBadInput(String body, String field, String message) throws Exception {
    history.call("call_1", "c1", "r1");
    post("/admin/calls/call_1/refund", tokens.admin("ops"), body)
        .andExpect(badInput(field, message));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void aBadCallIdIs400NamingIt() throws Exception {
    post("/admin/calls/call.1/refund", tokens.admin("ops"), """
        {"coins": 10, "reason": "x", "reference": "d-1"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("callId"));
  }

  @Test
  void onlyAnAdminRefunds() throws Exception {
    String body = """
        {"coins": 10, "reason": "x", "reference": "d-1"}""";
    post("/admin/calls/call_1/refund", null, body).andExpect(status().isUnauthorized());
    post("/admin/calls/call_1/refund", tokens.caller("c1"), body).andExpect(status().isForbidden());
    post("/admin/calls/call_1/refund", tokens.platform("media-1"), body).andExpect(status().isForbidden());
    assertThat(gateway.submitted()).isEmpty();
  }
}
