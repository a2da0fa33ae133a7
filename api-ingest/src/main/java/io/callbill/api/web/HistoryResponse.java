package io.callbill.api.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.callbill.api.history.HistoryItem;
import io.callbill.api.history.HistoryPage;
import io.callbill.api.history.PageRequest;
import java.util.List;

/** The seed's history answer: {@code {"success": true, "data": [calls], "pagination": {total, limit, skip}}}. */
@JsonPropertyOrder({"success", "data", "pagination"})
public record HistoryResponse(boolean success, List<HistoryItem> data, Pagination pagination) {

  public record Pagination(long total, int limit, long skip) {
  }

  public static HistoryResponse of(HistoryPage page, PageRequest request) {
    return new HistoryResponse(true, page.items(), new Pagination(page.total(), request.limit(), request.skip()));
  }
}
