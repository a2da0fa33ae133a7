package io.callbill.api.history;

/**
 * data of GET /male-user/calls/stats, over the caller's completed calls: how many, the seconds of {@code duration}
 * and the coins charged ({@code totalCoins}), as the seed sums them.
 */
public record CallerStats(long totalCalls, long totalDuration, long totalCoinsSpent) {
}
