package io.callbill.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One log line per request: method, route template (e.g. {@code /admin/callers/{id}}, never the ids), status and
 * time taken. No headers (so no token), no query string, no body: nothing personal. Asynchronous requests are logged
 * when their answer is written. Requests refused by the rate limit (429) are only counted, with one summary line every
 * {@value #TOO_MANY_SUMMARY_SECONDS} s at most (see {@link TooManyRequestsTally}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLoggingFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger("io.callbill.api.requests");
  private static final String STARTED_AT = RequestLoggingFilter.class.getName() + ".startedAt";
  static final int TOO_MANY_SUMMARY_SECONDS = 10;

  private final TooManyRequestsTally tooMany =
      new TooManyRequestsTally(Duration.ofSeconds(TOO_MANY_SUMMARY_SECONDS), System::nanoTime);

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(STARTED_AT) == null) {
      request.setAttribute(STARTED_AT, System.nanoTime());
    }
    try {
      chain.doFilter(request, response);
    } finally {
      if (!request.isAsyncStarted() && log.isInfoEnabled()) {
        logAnswer(request, response);
      }
    }
  }

  private void logAnswer(HttpServletRequest request, HttpServletResponse response) {
    if (response.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
      long refused = tooMany.countAndReport();
      if (refused > 0) {
        log.info("{} request(s) answered 429 Too Many Requests (rate limit) since the last such line", refused);
      }
      return;
    }
    long micros = (System.nanoTime() - (Long) request.getAttribute(STARTED_AT)) / 1_000;
    log.info("{} {} {} {} ms", request.getMethod(), route(request), response.getStatus(),
        String.format("%.1f", micros / 1000.0));
  }

  private static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern != null) {
      return pattern.toString();
    }
    // Unrouted (e.g. refused before the handler): only the first path segment, never an id.
    String path = request.getRequestURI();
    int second = path.indexOf('/', 1);
    return (second > 0 ? path.substring(0, second) + "/..." : path) + " (unrouted)";
  }
}
