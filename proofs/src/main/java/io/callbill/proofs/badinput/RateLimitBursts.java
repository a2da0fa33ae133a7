package io.callbill.proofs.badinput;

import io.callbill.proofs.load.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Floods past the rate limits, each with requests the API refuses anyway (broken JSON), so nothing can change
 * whatever gets through: one caller's burst (his user budget) and a burst without a token (the client address's).
 * Each must be cut off with 429 and {@code Retry-After}, never answered 2xx or 5xx. Concurrent, so the burst
 * exceeds a per-second budget however slow the machine.
 */
final class RateLimitBursts {

  static final int REQUESTS = 120;
  private static final int THREADS = 12;
  static final String FLOODER = "badinput-flooder";

  /** One burst: how it was answered, and how many 429s came without a Retry-After. */
  record Burst(String name, Map<Integer, Integer> byStatus, int withoutRetryAfter) {

    boolean cutOff() {
      return byStatus.getOrDefault(429, 0) > 0 && withoutRetryAfter == 0
          && byStatus.keySet().stream().allMatch(status -> status >= 400 && status < 500);
    }

    String describe() {
      StringBuilder text = new StringBuilder(name).append(": ").append(REQUESTS).append(" requests,");
      byStatus.forEach((status, count) -> text.append(' ').append(status).append(" x").append(count));
      return text.append(cutOff() ? ", cut off with 429 + Retry-After" : ", NOT cut off").toString();
    }
  }

  private RateLimitBursts() {
  }

  static List<Burst> run(Api api, BadInputUsers users) {
    String broken = "{\"receiverId\":";
    return List.of(
        burst("rate limit: one caller's burst (per user)", () ->
            api.sendOnce("POST", "/male-user/calls/start", users.token(FLOODER, "caller"), broken, Map.of())),
        burst("rate limit: a burst without a token (per address)", () ->
            api.sendOnce("POST", "/male-user/calls/start", null, broken, Map.of())));
  }

  private static Burst burst(String name, java.util.function.Supplier<Api.Answer> request) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Api.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        answers.add(pool.submit(request::get));
      }
      Map<Integer, Integer> byStatus = new TreeMap<>();
      int withoutRetryAfter = 0;
      for (Future<Api.Answer> future : answers) {
        Api.Answer answer = future.get(60, TimeUnit.SECONDS);
        byStatus.merge(answer.status(), 1, Integer::sum);
        if (answer.status() == 429 && !answer.hadRetryAfter()) {
          withoutRetryAfter++;
        }
      }
      return new Burst(name, byStatus, withoutRetryAfter);
    } catch (Exception e) {
      throw new IllegalStateException(name + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }
}
