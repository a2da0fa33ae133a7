package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jwt.JWTClaimsSet;
import io.callbill.api.support.TestTokens;
import io.callbill.avro.Receiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** 401 for a missing or bad token, 403 for a wrong role or an unreviewed receiver; both in the JSON envelope. */
class AuthWebTest extends WebLayerTest {

  private static final String START_BODY = """
      {"receiverId": "r1", "callType": "audio"}""";

  @AfterEach
  void nothingWasSentOrWritten() {
    assertThat(gateway.submitted()).isEmpty();
    assertThat(referenceData.written()).isEmpty();
  }

  @Test
  void noTokenIs401WithTheEnvelopeAndABearerChallenge() throws Exception {
    post("/male-user/calls/start", null, START_BODY)
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")))
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Authentication required: send Authorization: Bearer <token>"))
        .andExpect(jsonPath("$.data").doesNotExist());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"not-a-jwt", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjMSIsInJvbGUiOiJjYWxsZXIifQ."})
  void aMalformedOrUnsignedTokenIs401(String token) throws Exception {
    post("/male-user/calls/start", token, START_BODY)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Invalid or expired token"));
  }

  @Test
  void anExpiredTokenIs401NamingTheClaim() throws Exception {
    String expired = tokens.token("c1", "caller", Duration.ofMinutes(-5));

    post("/male-user/calls/start", expired, START_BODY)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.message").value("Invalid token: the token expired (exp)"));
  }

  @Test
  void aTokenWithoutExpIs401EvenOnAdminRoutes() throws Exception {
    String neverExpires = tokens.signed(new JWTClaimsSet.Builder().subject("ops").claim("role", "admin").build());

    get("/admin/wallets/platform", neverExpires)
        .andExpect(status().isUnauthorized())
        .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")))
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Invalid token: the exp claim is required"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"caller admin", "admin caller", "superuser", "ADMIN", "Platform"})
  void aSpaceSeparatedOrUnknownRoleIs401AndNotEchoed(String role) throws Exception {
    String token = tokens.token("ops", role, Duration.ofMinutes(5));

    var answer = get("/admin/wallets/platform", token)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.message").value("Invalid token: the role claim must be exactly one of caller,"
            + " receiver, admin, platform, as a single string"))
        .andReturn().getResponse().getContentAsString();
    assertThat(answer).doesNotContain(token).doesNotContain(role);
  }

  @Test
  void aRoleListIs401() throws Exception {
    String token = tokens.signed(new JWTClaimsSet.Builder().subject("ops").claim("role", List.of("caller", "admin"))
        .expirationTime(java.util.Date.from(java.time.Instant.now().plusSeconds(300))).build());

    get("/admin/wallets/platform", token)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.containsString("role claim")));
  }

  @Test
  void aTokenSignedWithAnotherSecretIs401() throws Exception {
    String forged = new TestTokens("another-secret-of-at-least-32-bytes-long!").caller("c1");

    post("/male-user/calls/start", forged, START_BODY).andExpect(status().isUnauthorized());
  }

  @Test
  void aTokenWhoseSubjectIsNotAnIdIs401() throws Exception {
    post("/male-user/calls/start", tokens.caller("c1; drop"), START_BODY).andExpect(status().isUnauthorized());
  }

  @ParameterizedTest(name = "{0} on {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      receiver | POST | /male-user/calls/start
      admin    | POST | /male-user/calls/end
      receiver | GET  | /male-user/calls/active
      admin    | GET  | /male-user/wallet
      caller   | POST | /female-user/calls/end
      admin    | PUT  | /female-user/status
      caller   | GET  | /female-user/wallet
      caller   | PUT  | /admin/level-configs/1
      receiver | PUT  | /admin/receivers/r1
      caller   | POST | /admin/callers/c1/coins
      receiver | GET  | /admin/wallets/platform
      receiver | POST | /male-user/calls/heartbeat
      admin    | POST | /male-user/calls/heartbeat
      caller   | POST | /female-user/calls/accept
      admin    | POST | /female-user/calls/heartbeat
      caller   | POST | /platform/calls/accept
      receiver | POST | /platform/calls/heartbeat
      admin    | POST | /platform/calls/end
      platform | GET  | /admin/wallets/platform
      platform | POST | /male-user/calls/start
      """)
  void aWrongRoleIs403WithTheEnvelope(String role, String method, String path) throws Exception {
    perform(withToken(MockMvcRequestBuilders.request(method, java.net.URI.create(path)),
        tokens.token("u1", role, Duration.ofMinutes(5)))
        .contentType("application/json").content("{}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.startsWith("Access denied")));
  }

  /** Was 403 before issue 13: a token must name exactly one role, so one without any is not a valid token. */
  @Test
  void aTokenWithoutRoleIs401() throws Exception {
    post("/male-user/calls/start", tokens.token("c1", null, Duration.ofMinutes(5)), START_BODY)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.containsString("role claim")));
  }

  @Test
  void aReceiverWhoseReviewIsNotAcceptedIs403() throws Exception {
    referenceData.seed(new Receiver("r1", null, null, null, true, 1, null, false, List.of()));

    post("/female-user/calls/end", tokens.receiver("r1"), """
        {"callerId": "c1", "duration": 180, "callId": "call-1"}""")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.startsWith("Review not accepted")));
  }

  @Test
  void aReceiverWhoseReviewIsNotAcceptedCannotAcceptOrHeartbeat() throws Exception {
    referenceData.seed(new Receiver("r1", null, null, null, true, 1, null, false, List.of()));
    ongoingCalls.ongoing("call-1", "c1", "r1");

    for (String path : List.of("/female-user/calls/accept", "/female-user/calls/heartbeat")) {
      post(path, tokens.receiver("r1"), """
          {"callId": "call-1"}""")
          .andExpect(status().isForbidden())
          .andExpect(jsonPath("$.message", org.hamcrest.Matchers.startsWith("Review not accepted")));
    }
  }

  @Test
  void noTokenOrAnExpiredOneIs401OnTheMeteringRoutes() throws Exception {
    String expired = tokens.token("media-1", "platform", Duration.ofMinutes(-5));
    for (String path : List.of("/male-user/calls/heartbeat", "/female-user/calls/accept",
        "/female-user/calls/heartbeat", "/platform/calls/accept", "/platform/calls/heartbeat",
        "/platform/calls/end")) {
      post(path, null, """
          {"callId": "call-1", "callerId": "c1", "duration": 5}""").andExpect(status().isUnauthorized());
      post(path, expired, """
          {"callId": "call-1", "callerId": "c1", "duration": 5}""").andExpect(status().isUnauthorized());
    }
  }

  @Test
  void anUnknownReceiverIs403OnEveryReceiverRoute() throws Exception {
    get("/female-user/wallet", tokens.receiver("nobody")).andExpect(status().isForbidden());
    put("/female-user/status", tokens.receiver("nobody"), """
        {"onlineStatus": true}""").andExpect(status().isForbidden());
  }

  @Test
  void anUnknownRouteWithAValidTokenIs404InTheEnvelope() throws Exception {
    get("/male-user/calls/history-of-everyone", tokens.caller("c1"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.success").value(false));
  }

  @Test
  void aWrongMethodIs405InTheEnvelope() throws Exception {
    get("/male-user/calls/start", tokens.caller("c1"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.success").value(false));
  }
}
