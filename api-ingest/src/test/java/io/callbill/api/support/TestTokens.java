package io.callbill.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** HS256 tokens as the local stack mints them, for tests. */
public final class TestTokens {

  public static final String SECRET = "test-secret-for-callbill-api-tests-0123456789";

  private final String secret;

  public TestTokens(String secret) {
    this.secret = secret;
  }

  public static TestTokens standard() {
    return new TestTokens(SECRET);
  }

  public String caller(String id) {
    return token(id, "caller", Duration.ofMinutes(10));
  }

  public String receiver(String id) {
    return token(id, "receiver", Duration.ofMinutes(10));
  }

  public String admin(String id) {
    return token(id, "admin", Duration.ofMinutes(10));
  }

  /** A service account of the call platform's media layer. */
  public String platform(String id) {
    return token(id, "platform", Duration.ofMinutes(10));
  }

  /** A token valid for {@code ttl} from now (negative: already expired); {@code role} null leaves the claim out. */
  public String token(String subject, String role, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        // An expired token was issued before it expired (a decoder refuses iat after exp outright).
        .issueTime(Date.from(ttl.isNegative() ? now.plus(ttl).minusSeconds(60) : now.minusSeconds(1)))
        .expirationTime(Date.from(now.plus(ttl)));
    if (role != null) {
      claims.claim("role", role);
    }
    return signed(claims.build());
  }

  /** Any claims, signed with this secret: for tokens a real issuer would never mint. */
  public String signed(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
