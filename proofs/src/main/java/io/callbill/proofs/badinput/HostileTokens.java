package io.callbill.proofs.badinput;

import io.callbill.stack.LocalTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens the API must refuse with 401: unsigned, signed with another secret, expired, not valid yet, issued in the
 * future, never expiring (no {@code exp}), without a role, with a list of roles, several space-separated roles or a
 * role that does not exist, for another audience or from another issuer, with a subject that is not an id, or not a
 * JWT at all. Apart from the one thing each gets wrong, every token is one the local stack would mint (its audience
 * and issuer included), so each is refused for that one thing.
 */
public final class HostileTokens {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final String OTHER_SECRET = "not-the-stacks-secret-but-long-enough-for-hs256!!";

  private HostileTokens() {
  }

  /** Name → token ({@code null} value: no Authorization header at all). */
  public static Map<String, String> all(String secret, String subject, String role, Instant now) {
    long iat = now.getEpochSecond();
    long exp = now.plusSeconds(3600).getEpochSecond();
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("missing token", null);
    tokens.put("not a JWT", "not-a-jwt");
    tokens.put("forged signature", signed(OTHER_SECRET, claims(subject, role, iat, exp)));
    tokens.put("expired token", signed(secret, claims(subject, role, iat - 7200, iat - 3600)));
    tokens.put("alg none", URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "." + encode(claims(subject, role, iat, exp)) + ".");
    tokens.put("no role claim", signed(secret, "{\"sub\":\"" + subject + "\"" + audienceAndIssuer() + ",\"iat\":" + iat
        + ",\"exp\":" + exp + "}"));
    tokens.put("unknown role", signed(secret, claims(subject, "root", iat, exp)));
    tokens.put("no exp (never expires)", signed(secret, "{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\""
        + audienceAndIssuer() + ",\"iat\":" + iat + "}"));
    tokens.put("role list with admin", signed(secret, "{\"sub\":\"" + subject + "\",\"role\":[\"" + role
        + "\",\"admin\"]" + audienceAndIssuer() + ",\"iat\":" + iat + ",\"exp\":" + exp + "}"));
    tokens.put("space-separated roles", signed(secret, claims(subject, role + " admin", iat, exp)));
    tokens.put("wrong audience", signed(secret, claims(subject, role, iat, exp)
        .replace("\"aud\":\"" + LocalTokens.AUDIENCE + "\"", "\"aud\":\"another-service\"")));
    tokens.put("no audience", signed(secret, claims(subject, role, iat, exp)
        .replace(",\"aud\":\"" + LocalTokens.AUDIENCE + "\"", "")));
    tokens.put("wrong issuer", signed(secret, claims(subject, role, iat, exp)
        .replace("\"iss\":\"" + LocalTokens.ISSUER + "\"", "\"iss\":\"https://evil.example\"")));
    tokens.put("nbf in the future", signed(secret, claims(subject, role, iat, exp)
        .replace("}", ",\"nbf\":" + (iat + 3600) + "}")));
    tokens.put("iat in the future", signed(secret, claims(subject, role, iat + 3600, iat + 7200)));
    tokens.put("subject breaking the id pattern", signed(secret, claims("../../etc/passwd", role, iat, exp)));
    tokens.put("tampered claims", tamper(signed(secret, claims(subject, role, iat, exp)), subject, role, iat, exp));
    return tokens;
  }

  static String claims(String subject, String role, long iat, long exp) {
    return "{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\"" + audienceAndIssuer() + ",\"iat\":" + iat
        + ",\"exp\":" + exp + "}";
  }

  private static String audienceAndIssuer() {
    return ",\"aud\":\"" + LocalTokens.AUDIENCE + "\",\"iss\":\"" + LocalTokens.ISSUER + "\"";
  }

  static String signed(String secret, String claimsJson) {
    String input = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(claimsJson);
    return input + "." + URL.encodeToString(hmac(secret, input));
  }

  /** A valid token whose role was changed to admin after signing. */
  private static String tamper(String token, String subject, String role, long iat, long exp) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + encode(claims(subject, role.equals("admin") ? "caller" : "admin", iat, exp)) + "."
        + parts[2];
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
