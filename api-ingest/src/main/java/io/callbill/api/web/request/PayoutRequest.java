package io.callbill.api.web.request;

import io.callbill.avro.AccountType;
import io.callbill.avro.Payout;
import java.math.BigDecimal;

/**
 * Body of {@code POST /admin/receivers/{id}/payouts} and {@code /admin/agencies/{id}/payouts}: the amount to the
 * hundredth and the transfer's reference (paid once).
 */
public record PayoutRequest(BigDecimal amount, String reference) {

  public Payout toCommand(AccountType accountType, String accountId) {
    return new Payout(accountType, accountId, Inputs.money("amount", amount), Inputs.reference("reference", reference));
  }
}
