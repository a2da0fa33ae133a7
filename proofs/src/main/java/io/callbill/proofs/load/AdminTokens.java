package io.callbill.proofs.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The load's admin identities, taken in turn. The API budgets requests per user (20 writes and 50 reads a second by
 * default), so one admin setting up and checking the thousands of callers an open loop needs would be paced by 429s
 * for minutes; {@link #COUNT} admins share that work. Each is still a real admin under the same budget.
 */
final class AdminTokens {

  static final int COUNT = 16;

  private final List<String> tokens;
  private final AtomicLong next = new AtomicLong();

  AdminTokens(RunningStack stack) {
    this.tokens = IntStream.rangeClosed(1, COUNT)
        .mapToObj(n -> stack.token(n == 1 ? "callbill-load-admin" : "callbill-load-admin-" + n, "admin")).toList();
  }

  /** The next admin's token. */
  String next() {
    return tokens.get((int) (next.getAndIncrement() % COUNT));
  }
}
