package io.callbill.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callbill.api.config.CallbillApiProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The four request budgets of {@code callbill.rate-limit}: per user and per client address, writes and reads apart
 * (a client polling its wallet does not use up its starts). One Resilience4j rate limiter per user or address and
 * kind, never waiting: a request past the budget is refused at once with the time until the next permit. Limiters
 * idle for a while are dropped (a fresh one starts with a full budget), and there are at most
 * {@value #MAX_LIMITERS} per kind, so many distinct addresses cannot grow the memory.
 */
public final class RequestRateLimits {

  /** Most limiters kept per kind; the least recently used go first. */
  static final int MAX_LIMITERS = 100_000;

  private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /** Whose budget a request uses. */
  public enum Budget {
    USER_WRITES, USER_READS, ADDRESS_WRITES, ADDRESS_READS;

    public static Budget of(boolean authenticated, String method) {
      boolean read = READ_METHODS.contains(method);
      if (authenticated) {
        return read ? USER_READS : USER_WRITES;
      }
      return read ? ADDRESS_READS : ADDRESS_WRITES;
    }
  }

  private final boolean enabled;
  private final Duration period;
  private final Map<Budget, Kind> kinds = new EnumMap<>(Budget.class);

  private record Kind(RateLimiterConfig config, Cache<String, RateLimiter> limiters) {
  }

  public RequestRateLimits(CallbillApiProperties.RateLimit settings) {
    this.enabled = settings.enabled();
    this.period = settings.period();
    kinds.put(Budget.USER_WRITES, kind(settings.userWrites()));
    kinds.put(Budget.USER_READS, kind(settings.userReads()));
    kinds.put(Budget.ADDRESS_WRITES, kind(settings.addressWrites()));
    kinds.put(Budget.ADDRESS_READS, kind(settings.addressReads()));
  }

  private Kind kind(int permits) {
    if (permits < 1) {
      throw new IllegalStateException("callbill.rate-limit.* must allow at least 1 request per period, got " + permits);
    }
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(permits)
        .limitRefreshPeriod(period)
        .timeoutDuration(Duration.ZERO)
        .build();
    // Idle for ten periods (at least a minute): its budget is full again anyway.
    Duration idle = period.multipliedBy(10).compareTo(Duration.ofMinutes(1)) > 0
        ? period.multipliedBy(10) : Duration.ofMinutes(1);
    return new Kind(config, Caffeine.newBuilder().maximumSize(MAX_LIMITERS).expireAfterAccess(idle).build());
  }

  /**
   * Takes one permit from {@code who}'s {@code budget}: empty when the request may go on, otherwise how long until
   * the next permit (at least a second, as {@code Retry-After} counts whole seconds).
   */
  public Optional<Duration> refusal(Budget budget, String who) {
    if (!enabled) {
      return Optional.empty();
    }
    Kind kind = kinds.get(budget);
    RateLimiter limiter = kind.limiters().get(who, key -> RateLimiter.of(budget + ":" + key, kind.config()));
    if (limiter.acquirePermission()) {
      return Optional.empty();
    }
    long nanos = limiter instanceof AtomicRateLimiter atomic
        ? atomic.getDetailedMetrics().getNanosToWait()
        : period.toNanos();
    return Optional.of(Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L)));
  }
}
