package io.callbill.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.api.config.CallbillApiProperties;
import io.callbill.api.support.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class CallbillJwtDecodersTest {

  private static CallbillApiProperties.Jwt hs256(String secret, String issuer) {
    return new CallbillApiProperties.Jwt(secret, issuer, null, List.of("RS256"), Duration.ofSeconds(60));
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
  void acceptsATokenSignedWithTheSecretAndReadsSubjectAndRole() {
    var decoder = CallbillJwtDecoders.from(hs256(TestTokens.SECRET, null));

    var jwt = decoder.decode(TestTokens.standard().caller("c1"));

    assertThat(jwt.getSubject()).isEqualTo("c1");
    assertThat(jwt.getClaimAsString("role")).isEqualTo("caller");
  }

  @Test
  void refusesATokenFromAnotherIssuerWhenOneIsConfigured() {
    var decoder = CallbillJwtDecoders.from(hs256(TestTokens.SECRET, "https://issuer.example"));

    assertThatThrownBy(() -> decoder.decode(TestTokens.standard().caller("c1")))
        .isInstanceOf(JwtValidationException.class);
  }
}
