package io.callbill.api.web.reply;

/** data of a coin credit: the caller's new balance. */
public record CoinBalanceView(long coinBalance) {
}
