package io.callbill.api.security;

import io.callbill.api.web.JsonErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a missing, malformed, invalid or expired token: the {@code WWW-Authenticate: Bearer ...} header of RFC 6750
 * and the JSON envelope; a signed token refused for a claim names the claim ({@link TokenRefusal}).
 */
public final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
  private final JsonErrorWriter errors;
  private final RequestRateLimits limits;

  public JsonAuthenticationEntryPoint(JsonErrorWriter errors, RequestRateLimits limits) {
    this.errors = errors;
    this.limits = limits;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    if (failure instanceof InvalidBearerTokenException) {
      // A refused token never reached RateLimitFilter: it spends its address's budget here, so a flood of bad
      // tokens is limited like any other unauthenticated flood.
      var refusal = limits.refusal(RequestRateLimits.Budget.of(false, request.getMethod()), request.getRemoteAddr());
      if (refusal.isPresent()) {
        RateLimitFilter.tooManyRequests(response, refusal.get(), errors);
        return;
      }
    }
    bearer.commence(request, response, failure);
    // A signed token with a wrong claim says which; any other bad token gets one fixed answer (the parser's messages
    // may quote the token).
    String message = failure instanceof InvalidBearerTokenException
        ? TokenRefusal.describe(failure).map(why -> "Invalid token: " + why).orElse("Invalid or expired token")
        : "Authentication required: send Authorization: Bearer <token>";
    errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, message);
  }
}
