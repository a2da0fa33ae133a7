package io.callbill.api.web.request;

import io.callbill.api.history.PageRequest;
import io.callbill.api.web.BadRequestException;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /male-user/calls/history} and {@code /female-user/calls/history}: {@code limit} (default
 * 50, 1 to {@link #MAX_LIMIT}) and {@code skip} (default 0, at most {@link #MAX_SKIP}). Each is a plain decimal
 * whole number; anything else is a 400 naming the parameter.
 */
public record HistoryQuery(String limit, String skip) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 100;
  /** Deeper pages cost the database a scan of every skipped row; nobody pages this far by hand. */
  public static final long MAX_SKIP = 100_000;

  private static final Pattern WHOLE_NUMBER = Pattern.compile("^-?[0-9]{1,18}$");

  public PageRequest toPage() {
    int pageLimit = (int) whole("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    long pageSkip = whole("skip", skip, 0, 0, MAX_SKIP);
    return new PageRequest(pageLimit, pageSkip);
  }

  private static long whole(String field, String value, long absent, long min, long max) {
    if (value == null) {
      return absent;
    }
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      throw outOfRange(field, min, max);
    }
    long number = Long.parseLong(value);
    if (number < min || number > max) {
      throw outOfRange(field, min, max);
    }
    return number;
  }

  private static BadRequestException outOfRange(String field, long min, long max) {
    return new BadRequestException(field, field + " must be a whole number from " + min + " to " + max);
  }
}
