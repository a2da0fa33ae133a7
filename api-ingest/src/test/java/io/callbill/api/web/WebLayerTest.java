package io.callbill.api.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.config.WebConfig;
import io.callbill.api.security.SecurityConfig;
import io.callbill.api.support.FakeCallHistory;
import io.callbill.api.support.FakeCommandGateway;
import io.callbill.api.support.FakeOngoingCalls;
import io.callbill.api.support.FakeReferenceData;
import io.callbill.api.support.FakeWalletBalances;
import io.callbill.api.support.TestTokens;
import io.callbill.api.support.WebLayerFakes;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The web layer with its real security, JSON settings, filters and controllers, and fakes behind the gateway
 * interfaces: no Kafka. One Spring context is shared by every subclass.
 */
@WebMvcTest
@Import({SecurityConfig.class, WebConfig.class, JsonErrorWriter.class, CommandSender.class,
    WebLayerFakes.class})
// Limits out of the way of the tests that fire many requests as one user; RateLimitWebTest sets its own.
@TestPropertySource(properties = {"callbill.jwt.secret=" + TestTokens.SECRET,
    "callbill.rate-limit.user-writes=100000", "callbill.rate-limit.user-reads=100000",
    "callbill.rate-limit.address-writes=100000", "callbill.rate-limit.address-reads=100000"})
abstract class WebLayerTest {

  static final Instant NOW = WebLayerFakes.NOW;

  @Autowired
  MockMvc mvc;
  @Autowired
  FakeCommandGateway gateway;
  @Autowired
  FakeReferenceData referenceData;
  @Autowired
  FakeWalletBalances wallets;
  @Autowired
  FakeCallHistory history;
  @Autowired
  FakeOngoingCalls ongoingCalls;

  final TestTokens tokens = TestTokens.standard();

  @BeforeEach
  void resetFakes() {
    gateway.reset();
    referenceData.reset();
    wallets.reset();
    history.reset();
    ongoingCalls.reset();
  }

  /** Performs the request and, when the controller answered asynchronously, the async dispatch too. */
  ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
    ResultActions first = mvc.perform(request);
    var result = first.andReturn();
    if (result.getRequest().isAsyncStarted()) {
      result.getAsyncResult(5_000);
      return mvc.perform(asyncDispatch(result));
    }
    return first;
  }

  ResultActions post(String path, String token, String json) throws Exception {
    return perform(withToken(MockMvcRequestBuilders.post(path), token)
        .contentType(MediaType.APPLICATION_JSON).content(json));
  }

  ResultActions put(String path, String token, String json) throws Exception {
    return perform(withToken(MockMvcRequestBuilders.put(path), token)
        .contentType(MediaType.APPLICATION_JSON).content(json));
  }

  ResultActions get(String path, String token) throws Exception {
    return perform(withToken(MockMvcRequestBuilders.get(path), token));
  }

  /** The answer to refused input: 400, naming {@code field}, with a message that contains {@code message}. */
  static ResultMatcher badInput(String field, String message) {
    return result -> {
      status().isBadRequest().match(result);
      jsonPath("$.field").value(field).match(result);
      jsonPath("$.message", containsString(message)).match(result);
    };
  }

  static MockHttpServletRequestBuilder withToken(MockHttpServletRequestBuilder request, String token) {
    return token == null ? request : request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
  }
}
