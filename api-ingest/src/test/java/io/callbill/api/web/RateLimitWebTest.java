package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * 429 past a budget: per user for authenticated requests, per client address for the others, writes and reads apart.
 * The period is an hour, so a budget never refills during the test (no timing); each test uses its own users and
 * addresses, as the limiters live as long as the shared context.
 */
@TestPropertySource(properties = {"callbill.rate-limit.period=1h",
    "callbill.rate-limit.user-writes=3", "callbill.rate-limit.user-reads=5",
    "callbill.rate-limit.address-writes=2", "callbill.rate-limit.address-reads=4"})
class RateLimitWebTest extends WebLayerTest {

  private static final String START_BODY = """
      {"receiverId": "r1", "callType": "audio"}""";

  private ResultActions start(String token, String address) throws Exception {
    return perform(withToken(MockMvcRequestBuilders.post("/male-user/calls/start"), token)
        .with(request -> {
          request.setRemoteAddr(address);
          return request;
        })
        .contentType(MediaType.APPLICATION_JSON).content(START_BODY));
  }

  private ResultActions platformWallet(String token, String address) throws Exception {
    return perform(withToken(MockMvcRequestBuilders.get("/admin/wallets/platform"), token)
        .with(request -> {
          request.setRemoteAddr(address);
          return request;
        }));
  }

  @Test
  void aCallerPastHisWriteBudgetGets429WithRetryAfterAndNothingIsSent() throws Exception {
    String flooder = tokens.caller("flooder-1");
    for (int i = 0; i < 3; i++) {
      start(flooder, "10.0.1.1").andExpect(status().isOk());
    }

    String retryAfter = start(flooder, "10.0.1.1")
        .andExpect(status().isTooManyRequests())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message", org.hamcrest.Matchers.startsWith("Too many requests: retry after")))
        .andExpect(jsonPath("$.data").doesNotExist())
        .andReturn().getResponse().getHeader(HttpHeaders.RETRY_AFTER);

    assertThat(Long.parseLong(retryAfter)).isBetween(1L, 3600L);
    assertThat(gateway.submitted()).hasSize(3);
  }

  @Test
  void theBudgetIsPerUserNotPerAddress() throws Exception {
    String flooder = tokens.caller("flooder-2");
    for (int i = 0; i < 3; i++) {
      start(flooder, "10.0.2.1");
    }
    start(flooder, "10.0.2.1").andExpect(status().isTooManyRequests());

    // Another caller behind the same address (a carrier NAT, an office) keeps his own budget.
    start(tokens.caller("neighbour-2"), "10.0.2.1").andExpect(status().isOk());
    // The same caller from another address does not get a new one.
    start(flooder, "10.0.2.2").andExpect(status().isTooManyRequests());
  }

  @Test
  void readsAndWritesHaveSeparateBudgets() throws Exception {
    String admin = tokens.admin("ops-3");
    for (int i = 0; i < 5; i++) {
      platformWallet(admin, "10.0.3.1").andExpect(status().isOk());
    }
    platformWallet(admin, "10.0.3.1").andExpect(status().isTooManyRequests())
        .andExpect(header().exists(HttpHeaders.RETRY_AFTER));

    put("/admin/platform-config", admin, """
        {"minCallCoins": 0, "adminSharePercentage": 60}""").andExpect(status().isOk());
  }

  @Test
  void requestsWithoutATokenSpendTheirAddressBudget() throws Exception {
    start(null, "10.0.4.1").andExpect(status().isUnauthorized());
    start(null, "10.0.4.1").andExpect(status().isUnauthorized());

    start(null, "10.0.4.1").andExpect(status().isTooManyRequests())
        .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
        .andExpect(jsonPath("$.success").value(false));
    start(null, "10.0.4.2").andExpect(status().isUnauthorized());
  }

  @Test
  void refusedTokensSpendTheirAddressBudgetToo() throws Exception {
    String forged = new TestTokens("another-secret-of-at-least-32-bytes-long!").caller("c1");
    start(forged, "10.0.5.1").andExpect(status().isUnauthorized());
    start(forged, "10.0.5.1").andExpect(status().isUnauthorized());

    start(forged, "10.0.5.1").andExpect(status().isTooManyRequests());
    start(tokens.token("c1", "caller admin", java.time.Duration.ofMinutes(5)), "10.0.5.1")
        .andExpect(status().isTooManyRequests());
    assertThat(gateway.submitted()).isEmpty();
  }
}
