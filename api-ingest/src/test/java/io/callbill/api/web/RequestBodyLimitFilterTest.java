package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.api.config.CallbillApiProperties;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The body limit also holds when no Content-Length announces the size (chunked requests). */
class RequestBodyLimitFilterTest {

  private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(
      new CallbillApiProperties("callbill.", Duration.ofSeconds(5), DataSize.ofBytes(16),
          new CallbillApiProperties.Jwt(null, null, null, null, List.of(), Duration.ZERO),
          new CallbillApiProperties.Jdbc(null, null, null, Duration.ofSeconds(5)),
          new CallbillApiProperties.RateLimit(false, Duration.ofSeconds(1), 1, 1, 1, 1)),
      new JsonErrorWriter(JsonMapper.builder().build()));

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/male-user/calls/start");
    request.setContent(new byte[17]);
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, (req, res) -> {
      throw new AssertionError("must not reach the application");
    });

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).contains("\"field\":\"body\"");
  }

  @Test
  void anUndeclaredBodyIsCutWhenReadingPassesTheLimit() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/male-user/calls/start") {
      @Override
      public long getContentLengthLong() {
        return -1;
      }
    };
    request.setContent("{\"receiverId\":\"r1\",\"callType\":\"audio\"}".getBytes(StandardCharsets.UTF_8));
    AtomicReference<ServletRequest> seen = new AtomicReference<>();

    filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(req));

    assertThatThrownBy(() -> ((HttpServletRequest) seen.get()).getInputStream().readAllBytes())
        .isInstanceOf(RequestBodyLimitFilter.BodyTooLargeException.class)
        .hasMessage("Request body must not exceed 16 bytes");
  }
}
