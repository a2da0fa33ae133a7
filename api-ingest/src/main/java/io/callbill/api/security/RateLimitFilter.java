package io.callbill.api.security;

import io.callbill.api.web.JsonErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs right after the bearer token was read: an authenticated request spends its user's budget (token {@code sub}),
 * any other its client address's, before anything reaches Kafka. Past the budget: 429 with {@code Retry-After} and
 * the JSON envelope. A request whose token is refused never gets here; {@link JsonAuthenticationEntryPoint} counts
 * it against its address. Health probes are not limited (a load balancer must always get its answer).
 */
public final class RateLimitFilter extends OncePerRequestFilter {

  private final RequestRateLimits limits;
  private final JsonErrorWriter errors;

  public RateLimitFilter(RequestRateLimits limits, JsonErrorWriter errors) {
    this.limits = limits;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path != null && (path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    Optional<Duration> refusal = authentication != null && authentication.getPrincipal() instanceof Jwt user
        ? limits.refusal(RequestRateLimits.Budget.of(true, request.getMethod()), user.getSubject())
        : limits.refusal(RequestRateLimits.Budget.of(false, request.getMethod()), request.getRemoteAddr());
    if (refusal.isPresent()) {
      tooManyRequests(response, refusal.get(), errors);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The 429 answer: {@code Retry-After} in whole seconds and the envelope. */
  static void tooManyRequests(HttpServletResponse response, Duration retryAfter, JsonErrorWriter errors)
      throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    errors.write(response, 429, "Too many requests: retry after " + retryAfter.toSeconds() + " s");
  }
}
