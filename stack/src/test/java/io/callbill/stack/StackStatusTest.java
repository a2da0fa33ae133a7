package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStatusTest {

  private static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private static String stackJson(Map<String, PartWatch.PartStatus> parts) {
    return new StackInfo("http://127.0.0.1:8080", "127.0.0.1:9092", "jdbc:postgresql://x", "u", "p",
        "http://127.0.0.1:8082/metrics", "http://127.0.0.1:8081/actuator/prometheus").toJson(parts);
  }

  @Test
  void everyPartRunningExitsZero() {
    Map<String, PartWatch.PartStatus> parts = new LinkedHashMap<>();
    parts.put("billing-streams", new PartWatch.PartStatus("running", 11, 2, SINCE));
    parts.put("api-ingest", new PartWatch.PartStatus("running", 12, 0, SINCE));

    int code = StackStatus.print(stackJson(parts), pid -> true, out);

    assertThat(code).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("billing-streams +running +11 +2  2026-12-01T00:00:00Z")
        .containsPattern("api-ingest +running +12 +0")
        .contains("billing metrics  http://127.0.0.1:8082/metrics",
            "api metrics      http://127.0.0.1:8081/actuator/prometheus");
  }

  @Test
  void aRestartingPartOrARunningPartWhoseProcessIsGoneExitsOne() {
    Map<String, PartWatch.PartStatus> parts = new LinkedHashMap<>();
    parts.put("billing-streams", new PartWatch.PartStatus("restarting", 11, 0, SINCE));
    parts.put("kafka-connect", new PartWatch.PartStatus("running", 13, 0, SINCE));

    int code = StackStatus.print(stackJson(parts), pid -> pid != 13, out);

    assertThat(code).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("billing-streams +restarting")
        .containsPattern("kafka-connect +gone +13");
  }

  @Test
  void theLastLinesOfALogAreTheEndOfIt(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("part.log");
    Files.writeString(log, "one\ntwo\nthree\nfour\n");

    assertThat(PartWatch.lastLines(log, 2)).containsExactly("three", "four");
    assertThat(PartWatch.lastLines(log, 10)).containsExactly("one", "two", "three", "four");
    assertThat(PartWatch.lastLines(dir.resolve("missing.log"), 2)).singleElement().asString()
        .startsWith("(cannot read the log");
  }
}
