package io.callbill.api.history;

/**
 * data of GET /female-user/calls/stats, over the completed calls made to the receiver: how many, the seconds of
 * {@code duration}, the coins their callers were charged ({@code totalCoins}, as the seed's aggregate sums it) and
 * the coins the receiver earned ({@code femaleEarning}).
 */
public record ReceiverStats(long totalCalls, long totalDuration, long totalCoinsSpent, long totalEarnings) {
}
