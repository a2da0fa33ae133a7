package io.callbill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private LocalTokens() {
  }

  /** The stack's secret, created on first use (48 random bytes, base64url: 64 ASCII characters). */
  public static String secret(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = URL.encodeToString(random);
      Files.createDirectories(file.getParent());
      Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the file keeps the default permissions
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** A signed token for {@code subject} in {@code role}, valid for {@code ttl} from {@code now}. */
  public static String token(String secret, String subject, String role, Duration ttl, Instant now) {
    if (!subject.matches("^[A-Za-z0-9_-]{1,64}$")) {
      throw new IllegalArgumentException("--sub must match ^[A-Za-z0-9_-]{1,64}$: " + subject);
    }
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("--role must be one of caller, receiver, admin, platform: " + role);
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("--ttl must be a positive number of seconds");
    }
    String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String claims = encode("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iat\":" + now.getEpochSecond()
        + ",\"exp\":" + now.plus(ttl).getEpochSecond() + "}");
    String signingInput = header + "." + claims;
    return signingInput + "." + URL.encodeToString(hmac(secret, signingInput));
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
