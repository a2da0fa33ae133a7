package io.callbill.api.web.reply;

import java.math.BigDecimal;

/** data of a payout: the wallet's key and its balance after the payout (or, refused, the balance it has). */
public record WalletBalanceView(String accountKey, BigDecimal balance) {
}
