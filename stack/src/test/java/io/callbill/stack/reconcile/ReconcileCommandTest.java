package io.callbill.stack.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.stack.StackLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./callbill reconcile}'s arguments: what it reads from where, and the clear refusals. */
class ReconcileCommandTest {

  @TempDir
  Path home;

  @Test
  void helpPrintsTheUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = ReconcileCommand.run(List.of("--help"), layout(), false, new PrintStream(out), System.err);
    assertThat(status).isZero();
    assertThat(out.toString()).contains("usage: ./callbill reconcile").contains("Exit 0 when clean, 1 on drift");
  }

  @Test
  void withoutOptionsItReadsTheRunningStack() throws Exception {
    Files.createDirectories(layout().stackJson().getParent());
    Files.writeString(layout().stackJson(), "{\"apiUrl\":\"http://127.0.0.1:8080\",\"bootstrapServers\":"
        + "\"127.0.0.1:9092\",\"jdbcUrl\":\"jdbc:postgresql://127.0.0.1:5432/postgres\",\"jdbcUser\":\"u\","
        + "\"jdbcPassword\":\"p\"}");
    assertThat(ReconcileCommand.target(Map.of(), layout())).isEqualTo(new ReconcileCommand.Target("127.0.0.1:9092",
        "callbill.", "jdbc:postgresql://127.0.0.1:5432/postgres", "u", "p"));
  }

  @Test
  void anyKafkaAndPostgresPairMayBeGiven() {
    Map<String, String> options = Map.of("--bootstrap-servers", "kafka:9092", "--jdbc-url", "jdbc:postgresql://db/x",
        "--jdbc-user", "reader", "--jdbc-password", "secret", "--topic-prefix", "acme.");
    assertThat(ReconcileCommand.target(options, layout()))
        .isEqualTo(new ReconcileCommand.Target("kafka:9092", "acme.", "jdbc:postgresql://db/x", "reader", "secret"));
  }

  @Test
  void halfAConnectionIsRefused() {
    assertThatThrownBy(() -> ReconcileCommand.target(Map.of("--jdbc-url", "jdbc:postgresql://db/x"), layout()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("or none");
  }

  @Test
  void noStackAndNoOptionsSaysWhatToDo() {
    assertThatThrownBy(() -> ReconcileCommand.target(Map.of(), layout()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("./callbill up");
  }

  @Test
  void sinceIsAnInstant() {
    assertThat(ReconcileCommand.since("2026-12-01T00:00:00Z")).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThatThrownBy(() -> ReconcileCommand.since("yesterday")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--since");
    assertThatThrownBy(() -> ReconcileCommand.run(List.of("--nope", "x"), layout(), false, System.out, System.err))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option for reconcile");
  }

  private StackLayout layout() {
    return StackLayout.of(home, Map.of());
  }
}
