package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.avro.AccountType;
import io.callbill.avro.Payout;
import io.callbill.avro.WalletBalance;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Payout routes: sent under the wallet's accountKey; bad input 400 naming the field; admins only. */
class PayoutWebTest extends WebLayerTest {

  @Test
  void aReceiversPayoutIsSentUnderHerAccountKeyAndAnswersTheBalanceAfter() throws Exception {
    gateway.answer(200, true, "Payout made", new WalletBalance("receiver:r1", new BigDecimal("49.50")));

    post("/admin/receivers/r1/payouts", tokens.admin("ops"), """
        {"amount": 40.5, "reference": "bank-transfer-1"}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.message").value("Payout made"))
        .andExpect(jsonPath("$.data.accountKey").value("receiver:r1"))
        .andExpect(jsonPath("$.data.balance").value(49.5));

    assertThat(gateway.last().getCallerId()).isEqualTo("receiver:r1");
    assertThat(gateway.last().getCommand())
        .isEqualTo(new Payout(AccountType.receiver, "r1", new BigDecimal("40.50"), "bank-transfer-1"));
  }

  @Test
  void anAgencysPayoutIsSentUnderItsAccountKey() throws Exception {
    gateway.answer(200, true, "Payout made", new WalletBalance("agency:a1", new BigDecimal("0.00")));

    post("/admin/agencies/a1/payouts", tokens.admin("ops"), """
        {"amount": 14.40, "reference": "bank-transfer-2"}""")
        .andExpect(status().isOk());

    assertThat(gateway.last().getCallerId()).isEqualTo("agency:a1");
    assertThat(((Payout) gateway.last().getCommand()).getAccountType()).isEqualTo(AccountType.agency);
  }

  @Test
  void aPayoutTheWalletDoesNotCoverIsBillingsAnswer400WithTheBalance() throws Exception {
    gateway.answer(400, false, "Insufficient balance for payout",
        new WalletBalance("receiver:r1", new BigDecimal("90.00")));

    post("/admin/receivers/r1/payouts", tokens.admin("ops"), """
        {"amount": 90.01, "reference": "bank-transfer-1"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.data.balance").value(90));
  }

  @ParameterizedTest(name = "payout {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"reference": "t-1"}                      | amount    | amount is required
      {"amount": 0, "reference": "t-1"}         | amount    | more than 0
      {"amount": -5, "reference": "t-1"}        | amount    | more than 0
      {"amount": 1.005, "reference": "t-1"}     | amount    | at most 2 decimal places
      {"amount": 1e12, "reference": "t-1"}      | amount    | at most 1000000000
      {"amount": "ten", "reference": "t-1"}     | amount    | amount
      {"amount": 10}                            | reference | reference
      {"amount": 10, "reference": "a b"}        | reference | reference
      {"amount": 10, "reference": "t-1"         | body      | Malformed JSON
      """)
  void aPayoutRefusesBadInput(String body, String field, String message) throws Exception {
    post("/admin/receivers/r1/payouts", tokens.admin("ops"), body)
        .andExpect(badInput(field, message))
        .andExpect(jsonPath("$.success").value(false));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void aBadAccountIdIs400NamingIt() throws Exception {
    post("/admin/agencies/a.1/payouts", tokens.admin("ops"), """
        {"amount": 10, "reference": "t-1"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("agencyId"));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void onlyAnAdminPaysOut() throws Exception {
    String body = """
        {"amount": 10, "reference": "t-1"}""";
    post("/admin/receivers/r1/payouts", null, body).andExpect(status().isUnauthorized());
    post("/admin/receivers/r1/payouts", tokens.receiver("r1"), body).andExpect(status().isForbidden());
    post("/admin/agencies/a1/payouts", tokens.caller("c1"), body).andExpect(status().isForbidden());
    assertThat(gateway.submitted()).isEmpty();
  }
}
