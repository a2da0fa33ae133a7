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
 * and the JSON envelope.
 */
public final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
  private final JsonErrorWriter errors;

  public JsonAuthenticationEntryPoint(JsonErrorWriter errors) {
    this.errors = errors;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    bearer.commence(request, response, failure);
    String message = failure instanceof InvalidBearerTokenException
        ? "Invalid or expired token"
        : "Authentication required: send Authorization: Bearer <token>";
    errors.write(response, HttpServletResponse.SC_UNAUTHORIZED, message);
  }
}
