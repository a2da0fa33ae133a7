package io.callbill.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.callbill.api.config.CallbillApiProperties;
import io.callbill.api.support.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CallbillJwtDecodersTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final TestTokens TOKENS = TestTokens.standard();

  private static CallbillApiProperties.Jwt hs256(String secret, String issuer) {
    return settings(secret, issuer, null, null);
  }

  private static CallbillApiProperties.Jwt settings(String secret, String issuer, String audience, String jwkSetUri) {
    return new CallbillApiProperties.Jwt(secret, issuer, audience, jwkSetUri, List.of("RS256"), SKEW);
  }

  private static JwtDecoder decoder(String issuer, String audience) {
    return CallbillJwtDecoders.from(settings(TestTokens.SECRET, issuer, audience, null), CLOCK);
  }

  /** A caller token valid at NOW (issued an hour before, expiring in 10 minutes), changed by {@code edit}. */
  private static String token(UnaryOperator<JWTClaimsSet.Builder> edit) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject("c1")
        .claim("role", "caller")
        .issueTime(Date.from(NOW.minusSeconds(3600)))
        .expirationTime(Date.from(NOW.plusSeconds(600)));
    return TOKENS.signed(edit.apply(claims).build());
  }

  private static void assertRefused(JwtDecoder decoder, String token, String because) {
    assertThatThrownBy(() -> decoder.decode(token))
        .isInstanceOfSatisfying(JwtValidationException.class,
            refused -> assertThat(TokenRefusal.describe(refused)).hasValueSatisfying(
                description -> assertThat(description).contains(because)));
  }

  @Test
  void refusesToStartWithASecretShorterThan32Bytes() {
    assertThatThrownBy(() -> CallbillJwtDecoders.from(hs256("too-short-secret", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> CallbillJwtDecoders.from(hs256(null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CALLBILL_JWT_SECRET");
  }

  @Test
  void refusesToStartWithAJwkSetButNoAudienceOrIssuer() {
    String jwks = "https://idp.example/.well-known/jwks.json";
    assertThatThrownBy(() -> CallbillJwtDecoders.from(settings(null, null, null, jwks)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CALLBILL_JWT_AUDIENCE").hasMessageContaining("CALLBILL_JWT_ISSUER");
    assertThatThrownBy(() -> CallbillJwtDecoders.from(settings(null, "https://idp.example", null, jwks)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CallbillJwtDecoders.from(settings(null, null, "callbill-api", jwks)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(CallbillJwtDecoders.from(settings(null, "https://idp.example", "callbill-api", jwks))).isNotNull();
  }

  @Test
  void acceptsATokenSignedWithTheSecretAndReadsSubjectAndRole() {
    var jwt = decoder(null, null).decode(token(claims -> claims));

    assertThat(jwt.getSubject()).isEqualTo("c1");
    assertThat(jwt.getClaimAsString("role")).isEqualTo("caller");
  }

  @ParameterizedTest
  @ValueSource(strings = {"caller", "receiver", "admin", "platform"})
  void acceptsEachKnownRole(String role) {
    assertThat(decoder(null, null).decode(token(claims -> claims.claim("role", role))).getClaimAsString("role"))
        .isEqualTo(role);
  }

  @Test
  void aTokenWithoutExpIsRefused() {
    assertRefused(decoder(null, null), token(claims -> claims.expirationTime(null)), "the exp claim is required");
  }

  @Test
  void anExpiredTokenIsRefusedOnlyPastTheSkew() {
    assertRefused(decoder(null, null), token(claims -> claims.expirationTime(Date.from(NOW.minusSeconds(61)))),
        "the token expired (exp)");
    assertThat(decoder(null, null).decode(token(claims -> claims.expirationTime(Date.from(NOW.minusSeconds(59))))))
        .isNotNull();
  }

  @Test
  void aTokenNotValidYetIsRefusedOnlyPastTheSkew() {
    assertRefused(decoder(null, null), token(claims -> claims.notBeforeTime(Date.from(NOW.plusSeconds(61)))),
        "the token is not valid yet (nbf)");
    assertThat(decoder(null, null).decode(token(claims -> claims.notBeforeTime(Date.from(NOW.plusSeconds(59))))))
        .isNotNull();
  }

  @Test
  void aTokenIssuedInTheFutureIsRefused() {
    assertRefused(decoder(null, null), token(claims -> claims.issueTime(Date.from(NOW.plusSeconds(3600)))
        .expirationTime(Date.from(NOW.plusSeconds(7200)))),
        "the token was issued in the future (iat)");
  }

  @Test
  void aRoleListIsRefusedEvenWithOneKnownRole() {
    assertRefused(decoder(null, null), token(claims -> claims.claim("role", List.of("caller", "admin"))),
        "the role claim must be exactly one of caller, receiver, admin, platform, as a single string");
    assertRefused(decoder(null, null), token(claims -> claims.claim("role", List.of("admin"))), "role claim");
  }

  @ParameterizedTest
  @ValueSource(strings = {"caller admin", "admin caller", "Admin", "root", "", " admin"})
  void aSpaceSeparatedOrUnknownRoleIsRefused(String role) {
    assertRefused(decoder(null, null), token(claims -> claims.claim("role", role)), "role claim");
  }

  @Test
  void aTokenWithoutRoleIsRefused() {
    assertRefused(decoder(null, null), token(claims -> claims.claim("role", null)), "role claim");
  }

  @Test
  void theAudienceMustBeNamedWhenOneIsConfigured() {
    JwtDecoder decoder = decoder(null, "callbill-api");

    assertRefused(decoder, token(claims -> claims), "the aud claim does not name this API");
    assertRefused(decoder, token(claims -> claims.audience("another-service")), "aud");
    assertThat(decoder.decode(token(claims -> claims.audience(List.of("another-service", "callbill-api")))))
        .isNotNull();
  }

  @Test
  void refusesATokenFromAnotherIssuerWhenOneIsConfigured() {
    JwtDecoder decoder = decoder("https://issuer.example", null);

    assertRefused(decoder, token(claims -> claims), "the iss claim is not the configured issuer");
    assertRefused(decoder, token(claims -> claims.issuer("https://evil.example")), "iss");
    assertThat(decoder.decode(token(claims -> claims.issuer("https://issuer.example")))).isNotNull();
  }

  @Test
  void theRefusalNeverQuotesTheToken() {
    String refused = token(claims -> claims.claim("role", "caller admin").expirationTime(null));

    assertThatThrownBy(() -> decoder(null, null).decode(refused))
        .satisfies(failure -> assertThat(TokenRefusal.describe(failure).orElseThrow())
            .doesNotContain(refused).doesNotContain("caller admin"));
  }
}
