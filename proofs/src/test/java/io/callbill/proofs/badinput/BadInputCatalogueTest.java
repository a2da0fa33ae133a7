package io.callbill.proofs.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.LocalTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BadInputCatalogueTest {

  private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-for-hs256";
  private static final BadInputUsers USERS = new BadInputUsers(BadInputUsers.CALLER_A, BadInputUsers.CALLER_B,
      BadInputUsers.RECEIVER_A, BadInputUsers.RECEIVER_B, BadInputUsers.UNREVIEWED, BadInputUsers.AGENCY,
      BadInputUsers.LEVEL, "call_a", "call_b", SECRET, "admin-token", BadInputUsers.PAYING_CALLER,
      BadInputUsers.EARNING_RECEIVER, "call_settled", 3, BadInputUsers.NOBODY);

  @Test
  void aBoundedCatalogueOfAFewHundredDistinctRequests() {
    List<Probe> probes = BadInputCatalogue.of(USERS);
    assertThat(probes.size()).isBetween(300, 1500);
    assertThat(probes.stream().map(Probe::name).collect(Collectors.toSet())).hasSameSizeAs(probes);
  }

  @Test
  void everyRouteIsHitWithEveryHostileTokenAndEveryWrongRole() {
    List<Probe> probes = BadInputCatalogue.of(USERS);
    Set<String> routes = probes.stream().map(p -> p.method() + " " + p.path()).collect(Collectors.toSet());
    assertThat(routes).contains("POST /male-user/calls/start", "POST /male-user/calls/end",
        "GET /male-user/calls/active", "GET /male-user/wallet", "GET /male-user/calls/history",
        "GET /male-user/calls/stats", "POST /female-user/calls/end", "PUT /female-user/status",
        "GET /female-user/wallet", "GET /female-user/calls/history", "GET /female-user/calls/stats",
        "POST /female-user/calls/rate", "PUT /admin/platform-config", "GET /admin/wallets/platform",
        "PUT /admin/level-configs/" + BadInputUsers.LEVEL, "POST /admin/callers/" + BadInputUsers.CALLER_A + "/coins");
    for (String route : List.of("POST /male-user/calls/end", "GET /admin/wallets/platform")) {
      for (String attack : List.of("missing token", "forged signature", "expired token", "alg none",
          "wrong role", "no exp (never expires)", "role list with admin", "space-separated roles", "unknown role",
          "wrong audience", "no audience", "wrong issuer", "nbf in the future", "iat in the future",
          "no role claim", "wrong role platform")) {
        assertThat(probes).as(route + ": " + attack)
            .anyMatch(p -> p.name().startsWith(route + ": " + attack));
      }
    }
    assertThat(probes).anyMatch(p -> p.name().contains("oversized body") && p.body().length() > 16 * 1024);
    assertThat(probes).anyMatch(p -> p.name().equals("POST /male-user/calls/start: wrong role platform"))
        .anyMatch(p -> p.name().equals("GET /admin/wallets/platform: wrong role platform"));
    assertThat(probes).anyMatch(p -> "text/plain".equals(p.headers().get("Content-Type")));
    assertThat(probes).anyMatch(p -> p.name().endsWith("another caller's callId")
        && p.body().contains("call_b") && p.path().equals("/male-user/calls/end"));
  }

  @Test
  void everyMeteringRouteIsHitWithBadTokensWrongRolesBadBodiesAndOtherPeoplesCalls() {
    List<Probe> probes = BadInputCatalogue.of(USERS);
    for (String route : List.of("POST /female-user/calls/accept", "POST /male-user/calls/heartbeat",
        "POST /female-user/calls/heartbeat", "POST /platform/calls/accept", "POST /platform/calls/heartbeat",
        "POST /platform/calls/end")) {
      for (String attack : List.of("missing token", "forged signature", "expired token", "wrong role",
          "broken JSON", "oversized body", "unknown callId")) {
        assertThat(probes).as(route + ": " + attack).anyMatch(p -> p.name().startsWith(route + ": " + attack));
      }
    }
    assertThat(probes).anyMatch(p -> p.name().equals("POST /female-user/calls/accept: another caller's call")
        && p.body().contains("call_b"));
    assertThat(probes).anyMatch(p -> p.name().equals("POST /platform/calls/end: negative duration")
        && p.body().contains("\"duration\":-1") && p.body().contains("call_a"));
    assertThat(probes).anyMatch(p -> p.name().equals("POST /platform/calls/accept: the call with another caller")
        && p.body().contains("call_a") && p.body().contains(BadInputUsers.CALLER_B));
    assertThat(probes).anyMatch(p -> p.name().equals("POST /platform/calls/accept: wrong role receiver"));
    assertThat(probes).anyMatch(p -> p.name().equals("POST /female-user/calls/accept: receiver without accepted review"));
  }

  @Test
  void everyMoneyRouteIsHitWithBadTokensBadBodiesBadAmountsAndOtherPeoplesCalls() {
    List<Probe> probes = BadInputCatalogue.of(USERS);
    String refund = "POST /admin/calls/call_settled/refund";
    String receiverPayouts = "POST /admin/receivers/" + BadInputUsers.EARNING_RECEIVER + "/payouts";
    String agencyPayouts = "POST /admin/agencies/" + BadInputUsers.AGENCY + "/payouts";
    for (String route : List.of(refund, receiverPayouts, agencyPayouts, "GET /admin/calls/call_settled",
        "GET /male-user/calls/call_settled", "GET /female-user/calls/call_settled")) {
      for (String attack : List.of("missing token", "forged signature", "expired token", "wrong role")) {
        assertThat(probes).as(route + ": " + attack).anyMatch(p -> p.name().startsWith(route + ": " + attack));
      }
    }
    assertThat(probes).anyMatch(p -> p.name().equals(refund + ": wrong role caller"))
        .anyMatch(p -> p.name().equals(refund + ": wrong role receiver"))
        .anyMatch(p -> p.name().equals(refund + ": missing token") && p.token() == null);
    for (String attack : List.of("coins 0", "coins negative", "coins fractional", "coins huge", "coins a string",
        "missing reason", "blank reason", "reason of 501 characters", "missing reference", "empty reference",
        "reference of 1000 characters", "broken JSON")) {
      assertThat(probes).as(refund + ": " + attack).anyMatch(p -> p.name().equals(refund + ": " + attack));
    }
    // Above what is left of the charge (3 coins here): 4.
    assertThat(probes).anyMatch(p -> p.name().equals(refund + ": coins above what is left of the charge")
        && p.body().contains("\"coins\":4,"));
    assertThat(probes).anyMatch(p -> p.path().equals("/admin/calls/call_badinput_no_such_call/refund"));
    for (String payouts : List.of(receiverPayouts, agencyPayouts)) {
      for (String attack : List.of("amount 0", "amount negative", "amount with 3 decimals", "amount above the balance",
          "missing reference")) {
        assertThat(probes).as(payouts + ": " + attack).anyMatch(p -> p.name().equals(payouts + ": " + attack));
      }
    }
    assertThat(probes).anyMatch(p -> p.path().equals("/admin/receivers/badinput-nobody/payouts"))
        .anyMatch(p -> p.path().equals("/admin/agencies/badinput-nobody/payouts"));
    assertThat(probes).anyMatch(p -> p.name().endsWith(": another caller's call")
        && p.path().equals("/male-user/calls/call_settled"))
        .anyMatch(p -> p.name().endsWith(": another receiver's call")
            && p.path().equals("/female-user/calls/call_settled"));
    assertThat(probes).anyMatch(p -> p.method().equals("POST")
        && p.path().equals("/admin/callers/" + BadInputUsers.NOBODY + "/coins"));
  }

  @Test
  void theCallerWithoutAProfileIsAmongTheWalletsThatMustNotChange() {
    assertThat(USERS.callers()).contains(BadInputUsers.NOBODY, BadInputUsers.PAYING_CALLER);
    assertThat(USERS.receivers()).contains(BadInputUsers.EARNING_RECEIVER);
  }

  @Test
  void hostileTokensAreWhatTheySayTheyAre() {
    Instant now = Instant.now();
    Map<String, String> tokens = HostileTokens.all(SECRET, "u1", "caller", now);
    assertThat(tokens.get("missing token")).isNull();
    String forged = tokens.get("forged signature");
    String[] parts = forged.split("\\.");
    assertThat(Base64.getUrlDecoder().decode(parts[2]))
        .isNotEqualTo(LocalTokensAccess.hmac(SECRET, parts[0] + "." + parts[1]));
    String expired = new String(Base64.getUrlDecoder().decode(tokens.get("expired token").split("\\.")[1]),
        StandardCharsets.UTF_8);
    assertThat(expired).contains("\"exp\":" + (now.getEpochSecond() - 3600));
    assertThat(tokens.get("alg none")).endsWith(".");
    String tampered = new String(Base64.getUrlDecoder().decode(tokens.get("tampered claims").split("\\.")[1]),
        StandardCharsets.UTF_8);
    assertThat(tampered).contains("\"role\":\"admin\"");
    assertThat(LocalTokens.ROLES).doesNotContain("root");
    assertThat(claims(tokens.get("no exp (never expires)"))).doesNotContain("\"exp\"").contains("\"aud\"");
    assertThat(claims(tokens.get("role list with admin"))).contains("\"role\":[\"caller\",\"admin\"]");
    assertThat(claims(tokens.get("space-separated roles"))).contains("\"role\":\"caller admin\"");
    assertThat(claims(tokens.get("wrong audience"))).contains("\"aud\":\"another-service\"");
    assertThat(claims(tokens.get("no audience"))).doesNotContain("\"aud\"").contains("\"iss\"");
    assertThat(claims(tokens.get("wrong issuer"))).contains("\"iss\":\"https://evil.example\"")
        .contains("\"aud\":\"" + LocalTokens.AUDIENCE + "\"");
    assertThat(claims(tokens.get("nbf in the future"))).contains("\"nbf\":" + (now.getEpochSecond() + 3600));
    assertThat(claims(tokens.get("iat in the future"))).contains("\"iat\":" + (now.getEpochSecond() + 3600));
  }

  private static String claims(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  /** LocalTokens.hmac is package-private in io.callbill.stack; recomputed here the same way. */
  static final class LocalTokensAccess {
    static byte[] hmac(String secret, String input) {
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
