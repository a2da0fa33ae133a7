package io.callbill.api.history;

/**
 * One page of a history: at most {@code limit} calls after skipping the {@code skip} newest. Values are checked by
 * the web layer ({@link io.callbill.api.web.request.HistoryQuery}).
 */
public record PageRequest(int limit, long skip) {

  public PageRequest {
    if (limit < 1 || skip < 0) {
      throw new IllegalArgumentException("limit must be positive and skip not negative: " + limit + ", " + skip);
    }
  }
}
