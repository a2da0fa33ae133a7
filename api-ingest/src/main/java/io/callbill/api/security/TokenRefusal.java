package io.callbill.api.security;

import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Why a correctly signed token was refused, in words of our own that name the claim ("the exp claim is required").
 * Only these descriptions reach the 401 answer: the parser's own messages may quote parts of the token, ours never do.
 */
public final class TokenRefusal {

  private TokenRefusal() {
  }

  static OAuth2TokenValidatorResult of(String description) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
  }

  /** The claim descriptions of a validation failure somewhere in {@code failure}'s causes, if it is one. */
  public static Optional<String> describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JwtValidationException invalid && !invalid.getErrors().isEmpty()) {
        return Optional.of(invalid.getErrors().stream().map(OAuth2Error::getDescription)
            .collect(Collectors.joining("; ")));
      }
    }
    return Optional.empty();
  }
}
