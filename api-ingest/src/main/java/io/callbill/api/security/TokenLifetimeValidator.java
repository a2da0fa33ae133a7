package io.callbill.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token is valid only within its lifetime: {@code exp} is required (a token without one would never expire) and
 * must be ahead of now, {@code nbf} and {@code iat}, when present, must not be ahead of now; each with the configured
 * clock skew. Spring's own timestamp validator accepts a token without {@code exp} and ignores {@code iat}.
 */
public final class TokenLifetimeValidator implements OAuth2TokenValidator<Jwt> {

  private final Duration clockSkew;
  private final Clock clock;

  public TokenLifetimeValidator(Duration clockSkew, Clock clock) {
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    Instant now = clock.instant();
    Instant expiresAt = token.getExpiresAt();
    if (expiresAt == null) {
      return TokenRefusal.of("the exp claim is required");
    }
    if (!now.minus(clockSkew).isBefore(expiresAt)) {
      return TokenRefusal.of("the token expired (exp)");
    }
    Instant notBefore = token.getNotBefore();
    if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
      return TokenRefusal.of("the token is not valid yet (nbf)");
    }
    Instant issuedAt = token.getIssuedAt();
    if (issuedAt != null && now.plus(clockSkew).isBefore(issuedAt)) {
      return TokenRefusal.of("the token was issued in the future (iat)");
    }
    return OAuth2TokenValidatorResult.success();
  }
}
