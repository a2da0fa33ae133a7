package io.callbill.api.history;

import java.util.List;

/** One page of calls and the number of calls of the user in all (for the seed's {@code pagination.total}). */
public record HistoryPage(List<HistoryItem> items, long total) {

  public HistoryPage {
    items = List.copyOf(items);
  }
}
