package io.callbill.api.web.reply;

/**
 * data of a refund: the coins this refund gave back, the call's refunds so far, what is left to refund and the
 * caller's coins after (refused: coins 0 and coinsLeft what may still be refunded).
 */
public record RefundAcceptedView(String callId, long coins, long refundedCoins, long coinsLeft, long callerBalance) {
}
