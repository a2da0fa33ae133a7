package io.callbill.api.security;

import io.callbill.api.config.CallbillApiProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the token decoder from {@code callbill.jwt.*}: HS256 with a shared secret by default, a JWK set for
 * production. Every token must be within its lifetime ({@code exp} required, {@code nbf} and {@code iat} honoured,
 * with the configured clock skew), carry a {@code sub} that is a valid id and exactly one known {@code role} as a
 * single string, and, when an audience or an issuer is configured, name it. With a JWK set (an identity provider
 * that signs tokens for many services) both are required: the decoder refuses to be built without them.
 * Each refusal says which claim was wrong; none repeats the token.
 */
public final class CallbillJwtDecoders {

  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

  private CallbillJwtDecoders() {
  }

  public static JwtDecoder from(CallbillApiProperties.Jwt settings) {
    return from(settings, Clock.systemUTC());
  }

  public static JwtDecoder from(CallbillApiProperties.Jwt settings, Clock clock) {
    NimbusJwtDecoder decoder = StringUtils.hasText(settings.jwkSetUri())
        ? jwkSet(settings)
        : sharedSecret(settings.secret());
    decoder.setJwtValidator(validator(settings, clock));
    return decoder;
  }

  /** The HS256 key of a secret, refusing one shorter than {@value #MIN_SECRET_BYTES} bytes. */
  public static SecretKey secretKey(String secret) {
    byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new IllegalStateException("callbill.jwt.secret (env CALLBILL_JWT_SECRET) must be at least "
          + MIN_SECRET_BYTES + " bytes for HS256, got " + bytes.length
          + "; or set callbill.jwt.jwk-set-uri to verify tokens against a JWK set");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  private static NimbusJwtDecoder sharedSecret(String secret) {
    return NimbusJwtDecoder.withSecretKey(secretKey(secret)).macAlgorithm(MacAlgorithm.HS256).build();
  }

  private static NimbusJwtDecoder jwkSet(CallbillApiProperties.Jwt settings) {
    // An identity provider's key signs tokens for every service it serves: without an audience and an issuer, a
    // token it minted for another service (or another tenant) would be honoured here.
    if (!StringUtils.hasText(settings.audience()) || !StringUtils.hasText(settings.issuer())) {
      throw new IllegalStateException("callbill.jwt.jwk-set-uri (env CALLBILL_JWT_JWK_SET_URI) needs"
          + " callbill.jwt.audience (CALLBILL_JWT_AUDIENCE) and callbill.jwt.issuer (CALLBILL_JWT_ISSUER)");
    }
    return NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri())
        .jwsAlgorithms(algorithms -> settings.jwsAlgorithms()
            .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
        .build();
  }

  private static OAuth2TokenValidator<Jwt> validator(CallbillApiProperties.Jwt settings, Clock clock) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new TokenLifetimeValidator(settings.clockSkew(), clock));
    validators.add(CallbillJwtDecoders::requireValidSubject);
    validators.add(CallbillJwtDecoders::requireOneKnownRole);
    if (StringUtils.hasText(settings.audience())) {
      String audience = settings.audience();
      validators.add(token -> token.getAudience() != null && token.getAudience().contains(audience)
          ? OAuth2TokenValidatorResult.success()
          : TokenRefusal.of("the aud claim does not name this API"));
    }
    if (StringUtils.hasText(settings.issuer())) {
      String issuer = settings.issuer();
      validators.add(token -> issuer.equals(token.getClaimAsString(JwtClaimNames.ISS))
          ? OAuth2TokenValidatorResult.success()
          : TokenRefusal.of("the iss claim is not the configured issuer"));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  private static OAuth2TokenValidatorResult requireOneKnownRole(Jwt jwt) {
    return Role.ofClaim(jwt.getClaims().get(SecurityConfig.ROLE_CLAIM)).isPresent()
        ? OAuth2TokenValidatorResult.success()
        : TokenRefusal.of("the " + SecurityConfig.ROLE_CLAIM + " claim must be exactly one of "
            + Role.claims() + ", as a single string");
  }

  private static OAuth2TokenValidatorResult requireValidSubject(Jwt jwt) {
    String subject = jwt.getSubject();
    if (subject != null && SUBJECT.matcher(subject).matches()) {
      return OAuth2TokenValidatorResult.success();
    }
    return TokenRefusal.of("the " + JwtClaimNames.SUB + " claim must be an id matching "
        + SUBJECT.pattern());
  }
}
