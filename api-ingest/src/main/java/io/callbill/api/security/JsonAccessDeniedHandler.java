package io.callbill.api.security;

import io.callbill.api.web.JsonErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 with the JSON envelope when the token is valid but its role may not use the route. */
public final class JsonAccessDeniedHandler implements AccessDeniedHandler {

  private final JsonErrorWriter errors;

  public JsonAccessDeniedHandler(JsonErrorWriter errors) {
    this.errors = errors;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    errors.write(response, HttpServletResponse.SC_FORBIDDEN, "Access denied: "
        + Role.requiredFor(request.getRequestURI()).map(role -> "this route is for the " + role.claim() + " role")
            .orElse("not allowed"));
  }
}
