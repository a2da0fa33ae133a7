package io.callbill.api.web;

import io.callbill.api.command.CommandIds;
import io.callbill.api.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a command request and how to name the command: a fresh id, or, with an {@code Idempotency-Key} header,
 * the id derived from role, user, method + path and key, so that a retry is the same command.
 */
public record CommandOrigin(Role role, String subject, String method, String path, String idempotencyKey) {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

  public static CommandOrigin of(Role role, Jwt user, HttpServletRequest request) {
    String key = request.getHeader(IDEMPOTENCY_KEY);
    if (key != null && !KEY.matcher(key).matches()) {
      throw new BadRequestException(IDEMPOTENCY_KEY,
          IDEMPOTENCY_KEY + " must be 1 to 128 visible ASCII characters");
    }
    return new CommandOrigin(role, user.getSubject(), request.getMethod(), request.getRequestURI(), key);
  }

  public String commandId() {
    return idempotencyKey == null ? CommandIds.random()
        : CommandIds.fromIdempotencyKey(role.claim(), subject, method, path, idempotencyKey);
  }
}
