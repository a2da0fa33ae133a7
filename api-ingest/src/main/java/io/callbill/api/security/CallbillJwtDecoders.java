package io.callbill.api.security;

import io.callbill.api.config.CallbillApiProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the token decoder from {@code callbill.jwt.*}: HS256 with a shared secret by default, a JWK set for
 * production. Every token must be unexpired (with the configured clock skew), carry a {@code sub} that is a valid id,
 * and, when an issuer is configured, come from it.
 */
public final class CallbillJwtDecoders {

  /** HS256 needs a key of at least 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

  private CallbillJwtDecoders() {
  }

  public static JwtDecoder from(CallbillApiProperties.Jwt settings) {
    NimbusJwtDecoder decoder = StringUtils.hasText(settings.jwkSetUri())
        ? jwkSet(settings)
        : sharedSecret(settings.secret());
    decoder.setJwtValidator(validator(settings));
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
    return NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri())
        .jwsAlgorithms(algorithms -> settings.jwsAlgorithms()
            .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
        .build();
  }

  private static OAuth2TokenValidator<Jwt> validator(CallbillApiProperties.Jwt settings) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator(settings.clockSkew()));
    validators.add(CallbillJwtDecoders::requireValidSubject);
    if (StringUtils.hasText(settings.issuer())) {
      validators.add(new JwtIssuerValidator(settings.issuer()));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  private static OAuth2TokenValidatorResult requireValidSubject(Jwt jwt) {
    String subject = jwt.getSubject();
    if (subject != null && SUBJECT.matcher(subject).matches()) {
      return OAuth2TokenValidatorResult.success();
    }
    return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
        "The " + JwtClaimNames.SUB + " claim must be an id matching " + SUBJECT.pattern(), null));
  }
}
