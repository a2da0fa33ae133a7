package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.history.CallExplanation;
import io.callbill.avro.Receiver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One call explained: the admin sees every entry; a caller or receiver only her own call and her own entries. */
class CallExplanationWebTest extends WebLayerTest {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  @BeforeEach
  void aRefundedCall() {
    // Receivers use their routes once reviewed.
    referenceData.seed(new Receiver("r1", "Rita", null, null, true, 1, null, true, List.of()));
    referenceData.seed(new Receiver("r2", "Rosa", null, null, true, 1, null, true, List.of()));
    history.explanation(new CallExplanation(
        new CallExplanation.Call("call_1", "c1", "r1", "audio", "completed", "caller", "measured", null, false, null),
        new CallExplanation.Rates(new BigDecimal("30.0000"), new BigDecimal("12.0000"), new BigDecimal("0.50000000"),
            new BigDecimal("0.20000000"), new BigDecimal("60.0000"), new BigDecimal("0.0000")),
        new CallExplanation.Times(START, START.plusSeconds(2), START.plusSeconds(2), START.plusSeconds(62),
            START.plusSeconds(182), null),
        new CallExplanation.Durations(180, 180L, 180, false),
        new CallExplanation.Charge(126, 90, 36, new BigDecimal("36.00"), new BigDecimal("0.00"), 10),
        List.of(
            entry("call_1:caller", "caller", "c1", "debit", "126.00", "714.00", false),
            entry("call_1:receiver", "receiver", "r1", "credit", "90.00", "90.00", false),
            entry("call_1:platform", "platform", "platform", "credit", "36.00", "36.00", false),
            entry("call_1:refund:d-1:caller", "caller", "c1", "credit", "10.00", "724.00", true),
            entry("call_1:refund:d-1:receiver", "receiver", "r1", "debit", "7.14", "82.86", true),
            entry("call_1:refund:d-1:platform", "platform", "platform", "debit", "2.86", "33.14", true))));
  }

  private static CallExplanation.Entry entry(String id, String type, String user, String action, String amount,
                                             String after, boolean refund) {
    return new CallExplanation.Entry(id, type, user, action, new BigDecimal(amount), new BigDecimal(after),
        "entry " + id, START.plusSeconds(182), refund);
  }

  @Test
  void anAdminSeesTheRecordRatesTimesDurationsAndEveryEntry() throws Exception {
    get("/admin/calls/call_1", tokens.admin("ops"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.call.metering").value("measured"))
        .andExpect(jsonPath("$.data.rates.femaleEarningPerMinute").value(30))
        .andExpect(jsonPath("$.data.rates.adminSharePercentage").value(60))
        .andExpect(jsonPath("$.data.times.startedAt").value("2026-03-01T10:00:00Z"))
        .andExpect(jsonPath("$.data.times.endedAt").value("2026-03-01T10:03:02Z"))
        .andExpect(jsonPath("$.data.duration.claimed").value(180))
        .andExpect(jsonPath("$.data.duration.measured").value(180))
        .andExpect(jsonPath("$.data.charge.refundedCoins").value(10))
        .andExpect(jsonPath("$.data.entries.length()").value(6))
        .andExpect(jsonPath("$.data.entries[4].balanceAfter").value(82.86))
        .andExpect(jsonPath("$.data.entries[4].refund").value(true));
  }

  @Test
  void theCallerSeesHisCallWithOnlyHisOwnEntries() throws Exception {
    get("/male-user/calls/call_1", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.charge.totalCoins").value(126))
        .andExpect(jsonPath("$.data.entries.length()").value(2))
        .andExpect(jsonPath("$.data.entries[0].userType").value("caller"))
        .andExpect(jsonPath("$.data.entries[1].userType").value("caller"));
  }

  @Test
  void theReceiverSeesHerCallWithOnlyHerOwnEntries() throws Exception {
    get("/female-user/calls/call_1", tokens.receiver("r1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.entries.length()").value(2))
        .andExpect(jsonPath("$.data.entries[1].balanceAfter").value(82.86));
  }

  @Test
  void someoneElsesCallIs404AsAnUnknownOne() throws Exception {
    get("/male-user/calls/call_1", tokens.caller("c2")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.message").value("Call not found"));
    get("/female-user/calls/call_1", tokens.receiver("r2")).andExpect(status().isNotFound());
    get("/admin/calls/call_unknown", tokens.admin("ops")).andExpect(status().isNotFound())
        .andExpect(jsonPath("$.success").value(false));
  }

  @Test
  void aBadCallIdIs400NamingIt() throws Exception {
    get("/admin/calls/call.1", tokens.admin("ops")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("callId"));
    get("/male-user/calls/call_a.b", tokens.caller("c1")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("callId"));
    assertThat(history.reads()).isEmpty();
  }

  @Test
  void eachRouteNeedsItsRole() throws Exception {
    get("/admin/calls/call_1", null).andExpect(status().isUnauthorized());
    get("/admin/calls/call_1", tokens.caller("c1")).andExpect(status().isForbidden());
    get("/male-user/calls/call_1", tokens.receiver("r1")).andExpect(status().isForbidden());
    get("/female-user/calls/call_1", tokens.caller("c1")).andExpect(status().isForbidden());
  }
}
