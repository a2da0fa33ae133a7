package io.callbill.api.web.reply;

import java.math.BigDecimal;

/** data of the wallet routes: {@code {"balance": ...}}, coins for callers, hundredths for the others. */
public record BalanceView(BigDecimal balance) {

  public static BalanceView coins(long coins) {
    return new BalanceView(BigDecimal.valueOf(coins));
  }
}
