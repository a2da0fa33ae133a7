package io.callbill.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.api.UnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A database that does not answer is a 503 with a retry message on every read, never a 500. */
class JdbcCallHistoryRepositoryTest {

  @Test
  void anUnreachableDatabaseIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var repository = new JdbcCallHistoryRepository(JdbcClient.create(
        new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/callbill", "u", "p")));

    for (Runnable read : new Runnable[] {
        () -> repository.callerHistory("c1", new PageRequest(50, 0)),
        () -> repository.receiverHistory("r1", new PageRequest(50, 0)),
        () -> repository.callerStats("c1"),
        () -> repository.receiverStats("r1"),
        () -> repository.callerOfCallReceivedBy("call-1", "r1")}) {
      assertThatThrownBy(read::run)
          .isInstanceOf(UnavailableException.class)
          .hasMessage("History is not available right now, please retry");
    }
  }

  @Test
  void namesAndDurationsFollowTheSeed() {
    assertThat(HistoryItem.callerName("Carl", "Smith")).isEqualTo("Carl Smith");
    assertThat(HistoryItem.callerName(" Carl ", null)).isEqualTo("Carl");
    assertThat(HistoryItem.callerName(null, "Smith")).isEqualTo("Smith");
    assertThat(HistoryItem.callerName(null, null)).isEqualTo("Unknown User");
    assertThat(HistoryItem.callerName(" ", "")).isEqualTo("Unknown User");
    assertThat(HistoryItem.receiverName("Rita")).isEqualTo("Rita");
    assertThat(HistoryItem.receiverName("")).isEqualTo("Unknown User");
    assertThat(HistoryItem.receiverName(null)).isEqualTo("Unknown User");
    assertThat(HistoryItem.shownBillableDuration("completed", 180)).isEqualTo(180);
    assertThat(HistoryItem.shownBillableDuration("insufficient_coins", 180)).isZero();
    assertThat(HistoryItem.shownBillableDuration("expired", 30)).isZero();
  }
}
