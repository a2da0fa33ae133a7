package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.UnavailableException;
import io.callbill.api.history.CallerStats;
import io.callbill.api.history.HistoryItem;
import io.callbill.api.history.NoDatabaseCallHistory;
import io.callbill.api.history.PageRequest;
import io.callbill.api.history.ReceiverStats;
import io.callbill.api.support.FakeCallHistory.Read;
import io.callbill.avro.Receiver;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * History and stats of both sides over a fake repository: the seed's shapes, the token's subject as the user,
 * page parameters checked (400 naming the parameter), roles, and 503 when the database is not there.
 */
class CallHistoryWebTest extends WebLayerTest {

  private static final HistoryItem TO_RITA = new HistoryItem("r1", "Rita", "https://img/rita.png", "audio",
      "completed", 180, new BigDecimal("30.0000"), "Good", "2026-01-01T00:03:00Z", "call-2",
      "2026-01-01T00:00:04.500Z", "2026-01-01T00:02:50Z", "cutoff", true);
  private static final HistoryItem UNRATED_NOT_CONNECTED = new HistoryItem("r2", "Unknown User", null, "video",
      "not_connected", 0, new BigDecimal("40.5000"), null, "2026-01-01T00:01:00Z", "call-1", null, null, "caller",
      false);
  private static final HistoryItem MISSED = new HistoryItem("r2", "Unknown User", null, "audio", "missed", 0,
      new BigDecimal("30.0000"), null, "2026-01-01T00:01:00Z", "call-0", null, null, null, false);

  @BeforeEach
  void reviewedReceiver() {
    referenceData.seed(new Receiver("r1", "Rita", null, null, true, 1, null, true, List.of()));
  }

  @Test
  void callerHistoryHasTheSeedsShape() throws Exception {
    history.callerPage("c1", 7, TO_RITA, UNRATED_NOT_CONNECTED);

    get("/male-user/calls/history", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.message").doesNotExist())
        .andExpect(jsonPath("$.data.length()").value(2))
        .andExpect(jsonPath("$.data[0].userId").value("r1"))
        .andExpect(jsonPath("$.data[0].name").value("Rita"))
        .andExpect(jsonPath("$.data[0].profileImage").value("https://img/rita.png"))
        .andExpect(jsonPath("$.data[0].callType").value("audio"))
        .andExpect(jsonPath("$.data[0].status").value("completed"))
        .andExpect(jsonPath("$.data[0].billableDuration").value(180))
        .andExpect(jsonPath("$.data[0].femaleEarningPerMinute").value(30))
        .andExpect(jsonPath("$.data[0].rating").value("Good"))
        .andExpect(jsonPath("$.data[0].createdAt").value("2026-01-01T00:03:00Z"))
        .andExpect(jsonPath("$.data[0].callId").value("call-2"))
        .andExpect(jsonPath("$.data[0].acceptedAt").value("2026-01-01T00:00:04.500Z"))
        .andExpect(jsonPath("$.data[0].lastHeartbeatAt").value("2026-01-01T00:02:50Z"))
        .andExpect(jsonPath("$.data[0].endedBy").value("cutoff"))
        .andExpect(jsonPath("$.data[0].durationDisputed").value(true))
        .andExpect(jsonPath("$.data[1].femaleEarningPerMinute").value(40.5))
        .andExpect(jsonPath("$.data[1].endedBy").value("caller"))
        .andExpect(jsonPath("$.data[1].durationDisputed").value(false))
        .andExpect(jsonPath("$.pagination.total").value(7))
        .andExpect(jsonPath("$.pagination.limit").value(50))
        .andExpect(jsonPath("$.pagination.skip").value(0));

    assertThat(history.reads()).containsExactly(new Read("callerHistory", "c1", new PageRequest(50, 0)));
  }

  @Test
  void nullsAreWrittenAsJsonNullsAsTheSeedDoes() throws Exception {
    history.callerPage("c1", 1, UNRATED_NOT_CONNECTED);

    String body = get("/male-user/calls/history", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();

    assertThat(body).contains("\"profileImage\":null", "\"rating\":null")
        .contains("\"data\":[{\"userId\":\"r2\",\"name\":\"Unknown User\"")
        .endsWith("\"pagination\":{\"total\":1,\"limit\":50,\"skip\":0}}");
  }

  @Test
  void aMissedCallShowsItsStatusAndNoAcceptNoHeartbeatNoEnd() throws Exception {
    history.callerPage("c1", 1, MISSED);

    String body = get("/male-user/calls/history", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();

    assertThat(body).contains("\"status\":\"missed\",\"billableDuration\":0,")
        .contains("\"callId\":\"call-0\",\"acceptedAt\":null,\"lastHeartbeatAt\":null,\"endedBy\":null,"
            + "\"durationDisputed\":false}");
  }

  @Test
  void anEmptyHistoryIsAnEmptyList() throws Exception {
    get("/male-user/calls/history?limit=10&skip=20", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data").isArray())
        .andExpect(jsonPath("$.data.length()").value(0))
        .andExpect(jsonPath("$.pagination.total").value(0))
        .andExpect(jsonPath("$.pagination.limit").value(10))
        .andExpect(jsonPath("$.pagination.skip").value(20));
  }

  @Test
  void receiverHistoryReadsTheTokensReceiverWithTheGivenPage() throws Exception {
    history.receiverPage("r1", 3, new HistoryItem("c1", "Carl Smith", null, "audio", "completed", 30,
        new BigDecimal("30"), null, "2026-01-01T00:03:00Z", "call-9", "2026-01-01T00:00:02Z", null, "abandoned",
        false));

    get("/female-user/calls/history?limit=1&skip=2", tokens.receiver("r1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data[0].userId").value("c1"))
        .andExpect(jsonPath("$.data[0].name").value("Carl Smith"))
        .andExpect(jsonPath("$.data[0].acceptedAt").value("2026-01-01T00:00:02Z"))
        .andExpect(jsonPath("$.data[0].endedBy").value("abandoned"))
        .andExpect(jsonPath("$.pagination.total").value(3))
        .andExpect(jsonPath("$.pagination.limit").value(1))
        .andExpect(jsonPath("$.pagination.skip").value(2));

    assertThat(history.reads()).containsExactly(new Read("receiverHistory", "r1", new PageRequest(1, 2)));
  }

  @Test
  void pageBoundsAreAccepted() throws Exception {
    get("/male-user/calls/history?limit=100&skip=100000", tokens.caller("c1")).andExpect(status().isOk());
    get("/male-user/calls/history?limit=1", tokens.caller("c1")).andExpect(status().isOk());

    assertThat(history.reads()).extracting(Read::page)
        .containsExactly(new PageRequest(100, 100_000), new PageRequest(1, 0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      limit=0          | limit | limit must be a whole number from 1 to 100
      limit=101        | limit | limit must be a whole number from 1 to 100
      limit=-5         | limit | limit must be a whole number from 1 to 100
      limit=abc        | limit | limit must be a whole number from 1 to 100
      limit=2.5        | limit | limit must be a whole number from 1 to 100
      limit=           | limit | limit must be a whole number from 1 to 100
      limit=1&limit=2  | limit | limit must be a whole number from 1 to 100
      limit=99999999999999999999 | limit | limit must be a whole number from 1 to 100
      skip=-1          | skip  | skip must be a whole number from 0 to 100000
      skip=100001      | skip  | skip must be a whole number from 0 to 100000
      skip=1e3         | skip  | skip must be a whole number from 0 to 100000
      """)
  void badPageParametersAre400NamingTheParameter(String query, String field, String message) throws Exception {
    get("/male-user/calls/history?" + query, tokens.caller("c1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value(message))
        .andExpect(jsonPath("$.field").value(field));
    get("/female-user/calls/history?" + query, tokens.receiver("r1"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));

    assertThat(history.reads()).isEmpty();
  }

  @Test
  void callerStatsHaveTheSeedsShape() throws Exception {
    history.callerStats("c1", new CallerStats(10, 1800, 1260));

    get("/male-user/calls/stats", tokens.caller("c1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.totalCalls").value(10))
        .andExpect(jsonPath("$.data.totalDuration").value(1800))
        .andExpect(jsonPath("$.data.totalCoinsSpent").value(1260))
        .andExpect(jsonPath("$.data.totalEarnings").doesNotExist());

    assertThat(history.reads()).containsExactly(new Read("callerStats", "c1", null));
  }

  @Test
  void receiverStatsHaveTheSeedsShape() throws Exception {
    history.receiverStats("r1", new ReceiverStats(15, 2700, 1890, 1350));

    get("/female-user/calls/stats", tokens.receiver("r1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.data.totalCalls").value(15))
        .andExpect(jsonPath("$.data.totalDuration").value(2700))
        .andExpect(jsonPath("$.data.totalCoinsSpent").value(1890))
        .andExpect(jsonPath("$.data.totalEarnings").value(1350));

    assertThat(history.reads()).containsExactly(new Read("receiverStats", "r1", null));
  }

  @Test
  void noCallsAreZeroTotals() throws Exception {
    get("/male-user/calls/stats", tokens.caller("c-new"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.totalCalls").value(0))
        .andExpect(jsonPath("$.data.totalDuration").value(0))
        .andExpect(jsonPath("$.data.totalCoinsSpent").value(0));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', textBlock = """
      receiver | /male-user/calls/history
      admin    | /male-user/calls/stats
      caller   | /female-user/calls/history
      admin    | /female-user/calls/stats
      """)
  void aWrongRoleIs403(String role, String path) throws Exception {
    get(path, tokens.token("r1", role, Duration.ofMinutes(5)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.success").value(false));

    assertThat(history.reads()).isEmpty();
  }

  @Test
  void noTokenIs401() throws Exception {
    perform(MockMvcRequestBuilders.get("/male-user/calls/history")).andExpect(status().isUnauthorized());
    perform(MockMvcRequestBuilders.get("/female-user/calls/stats")).andExpect(status().isUnauthorized());

    assertThat(history.reads()).isEmpty();
  }

  @Test
  void aReceiverWhoseReviewIsNotAcceptedIs403() throws Exception {
    referenceData.seed(new Receiver("r2", "Rae", null, null, true, 1, null, false, List.of()));

    get("/female-user/calls/history", tokens.receiver("r2")).andExpect(status().isForbidden());
    get("/female-user/calls/stats", tokens.receiver("r2")).andExpect(status().isForbidden());
    get("/female-user/calls/stats", tokens.receiver("unknown")).andExpect(status().isForbidden());

    assertThat(history.reads()).isEmpty();
  }

  @Test
  void withoutADatabaseTheReadsAre503() throws Exception {
    history.fail(new UnavailableException(NoDatabaseCallHistory.NOT_CONFIGURED));

    get("/male-user/calls/history", tokens.caller("c1"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("History is not available"));
    get("/female-user/calls/stats", tokens.receiver("r1"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.message").value("History is not available"));
  }
}
