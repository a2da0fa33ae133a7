package io.callbill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local stack's JWTs: HS256 over a secret generated once and kept in {@code .callbill/jwt-secret}, the same
 * secret the stack hands to api-ingest ({@code CALLBILL_JWT_SECRET}). For the local stack only: production uses the
 * platform's identity provider (api-ingest's issuer / JWK set settings).
 */
public final class LocalTokens {

  public static final Set<String> ROLES = Set.of("caller", "receiver", "admin", "platform");
  /**
   * The audience and issuer the local stack's API requires (CALLBILL_JWT_AUDIENCE / CALLBILL_JWT_ISSUER), as a
   * production API would: a token minted for something else is refused even when signed with the same secret.
   */
  public static final String AUDIENCE = "callbill-api";
  public static final String ISSUER = "callbill-local-stack";
  /** The longest lifetime a local token may have: a leaked token stops working within a day. */
  public static final Duration MAX_TTL = Duration.ofHours(24);
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private LocalTokens() {
  }

  /** The stack's secret, created on first use (48 random bytes, base64url: 64 ASCII characters). */
  public static String secret(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      String secret = randomSecret();
      PrivateFiles.write(file, secret + "\n");
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** 48 random bytes, base64url: 64 ASCII characters. */
  static String randomSecret() {
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    return URL.encodeToString(random);
  }

  /** A signed token for {@code subject} in {@code role}, valid for {@code ttl} from {@code now}, for this stack. */
  public static String token(String secret, String subject, String role, Duration ttl, Instant now) {
    return token(secret, subject, role, ttl, now, AUDIENCE, ISSUER);
  }

  /**
   * A signed token for {@code subject} in {@code role}, valid for {@code ttl} (at most {@link #MAX_TTL}) from
   * {@code now}, with the {@code aud} and {@code iss} claims when given (null: left out), as an API configured with
   * {@code CALLBILL_JWT_AUDIENCE} / {@code CALLBILL_JWT_ISSUER} requires.
   */
  public static String token(String secret, String subject, String role, Duration ttl, Instant now,
      String audience, String issuer) {
    if (!subject.matches("^[A-Za-z0-9_-]{1,64}$")) {
      throw new IllegalArgumentException("--sub must match ^[A-Za-z0-9_-]{1,64}$: " + subject);
    }
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("--role must be one of caller, receiver, admin, platform: " + role);
    }
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("--ttl must be a number of seconds from 1 to " + MAX_TTL.toSeconds());
    }
    String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String claims = encode("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\""
        + claim("aud", audience) + claim("iss", issuer)
        + ",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(ttl).getEpochSecond() + "}");
    String signingInput = header + "." + claims;
    return signingInput + "." + URL.encodeToString(hmac(secret, signingInput));
  }

  /** {@code ,"name":"value"} (JSON-escaped), or nothing for a null value. */
  private static String claim(String name, String value) {
    if (value == null) {
      return "";
    }
    if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\')) {
      throw new IllegalArgumentException("--" + name + " must be a non-empty string without quotes, backslashes or"
          + " control characters");
    }
    return ",\"" + name + "\":\"" + value + "\"";
  }

  static byte[] hmac(String secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
