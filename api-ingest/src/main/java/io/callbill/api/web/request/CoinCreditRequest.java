package io.callbill.api.web.request;

import io.callbill.avro.CreditCoins;

/** Body of {@code POST /admin/callers/{id}/coins}: whole coins and the payment's reference (credited once). */
public record CoinCreditRequest(Long amount, String reference) {

  public CreditCoins toCommand() {
    return new CreditCoins(Inputs.coins("amount", amount, 1), Inputs.reference("reference", reference));
  }
}
