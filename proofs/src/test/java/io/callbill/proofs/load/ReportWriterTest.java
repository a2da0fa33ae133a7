package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportWriterTest {

  @TempDir
  Path dir;

  static LoadReport report(boolean passed) {
    Histogram micros = new Histogram(LoadStats.HIGHEST_MICROS, 3);
    for (int i = 1; i <= 100; i++) {
      micros.recordValue(i * 1000L);
    }
    return new LoadReport("load-x1", Map.of("concurrency", "6"), 60, 60, 12.5, 4.8, LoadReport.Latency.of(micros),
        LoadReport.Latency.of(micros), Map.of("end: HTTP 503 retry <later>", 2L),
        new LoadReport.Verification(passed, List.of("60 calls settled once"), passed ? List.of() : List.of("bad")),
        List.of(new LoadReport.Bucket(0, 0, 0, 0, 0), new LoadReport.Bucket(1, 5, 1, 12.5, 40),
            new LoadReport.Bucket(2, 7, 0, 11, 33.3)), null, List.of());
  }

  @Test
  void writesTheFiguresAsJsonAndAPlotAsWellFormedSvg() throws Exception {
    Path file = dir.resolve("sub/report.json");
    Path svg = ReportWriter.write(report(true), file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.at("/callsPerSecond").asDouble()).isEqualTo(4.8);
    assertThat(json.at("/start/p50Ms").asDouble()).isCloseTo(50.0, within(0.1));
    assertThat(json.at("/start/p99Ms").asDouble()).isCloseTo(99.0, within(0.1));
    assertThat(json.at("/end/maxMs").asDouble()).isCloseTo(100.0, within(0.1));
    assertThat(json.at("/errors").get("end: HTTP 503 retry <later>").asLong()).isEqualTo(2);
    assertThat(json.at("/verification/passed").asBoolean()).isTrue();
    assertThat(json.at("/timeline").size()).isEqualTo(3);
    assertThat(json.at("/timeline/1/calls").asLong()).isEqualTo(5);

    assertThat(svg).isEqualTo(dir.resolve("sub/report.json.svg"));
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(4);
    assertThat(Files.readString(svg)).contains("calls/s").contains("p99 ms").contains("verification passed");
  }

  @Test
  void theSummaryShowsLatenciesErrorsAndTheVerdict() {
    String passed = report(true).summary();
    assertThat(passed).contains("4.80 calls/s").contains("p50 50.").contains("p99 99.")
        .contains("2  end: HTTP 503 retry <later>").contains("VERIFICATION: PASSED");
    assertThat(report(false).summary()).contains("VERIFICATION: FAILED").contains("FAIL  bad");
  }

  @Test
  void theReportsCarryTheBenchsPercentileKeys() throws Exception {
    Path file = dir.resolve("keys.json");
    ReportWriter.write(report(true), file);
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.at("/startP50Ms").asDouble()).isCloseTo(50.0, within(0.1));
    assertThat(json.at("/startP99Ms").asDouble()).isCloseTo(99.0, within(0.1));
    assertThat(json.at("/endP50Ms").asDouble()).isCloseTo(50.0, within(0.1));
    assertThat(json.at("/endP99Ms").asDouble()).isCloseTo(99.0, within(0.1));
    assertThat(json.at("/schedule").isNull()).as("the closed loop has no schedule").isTrue();
    assertThat(report(true).summary()).contains("startP50Ms 50.").contains("startP99Ms 99.")
        .contains("endP99Ms 99.").doesNotContain("schedule");
  }

  @Test
  void theOpenLoopSaysWhetherItKeptItsSchedule() throws Exception {
    Histogram onTime = new Histogram(LoadStats.HIGHEST_MICROS, 3);
    for (int i = 1; i <= 100; i++) {
      onTime.recordValue(100L * i);
    }
    LoadReport.Schedule kept = LoadReport.Schedule.of(new BigDecimal("200"), 100, onTime);
    assertThat(kept.kept()).isTrue();
    assertThat(kept.lateCalls()).isZero();
    assertThat(kept.maxLagMs()).isCloseTo(10.0, within(0.01));

    Histogram behind = onTime.copy();
    behind.recordValue(49_900);
    behind.recordValue(50_200);
    behind.recordValue(2_000_000);
    LoadReport.Schedule fellBehind = LoadReport.Schedule.of(new BigDecimal("200"), 103, behind);
    assertThat(fellBehind.kept()).isFalse();
    assertThat(fellBehind.lateCalls()).as("up to 50 ms is on time (to HdrHistogram's 0.1 %), past it late").isEqualTo(2);
    assertThat(fellBehind.maxLagMs()).isCloseTo(2000.0, within(2.0));

    LoadReport open = withSchedule(report(true), fellBehind);
    assertThat(open.summary()).contains("103 calls offered at 200/s").contains("FELL BEHIND: 2 calls sent more than"
        + " 50 ms late");
    assertThat(withSchedule(report(true), kept).summary()).contains("kept (every call sent within 50 ms");
    Path file = dir.resolve("open.json");
    ReportWriter.write(open, file);
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.at("/schedule/offeredRate").asInt()).isEqualTo(200);
    assertThat(json.at("/schedule/kept").asBoolean()).isFalse();
    assertThat(json.at("/schedule/lateCalls").asLong()).isEqualTo(2);
    assertThat(json.at("/schedule/maxLagMs").asDouble()).isCloseTo(2000.0, within(2.0));
  }

  private static LoadReport withSchedule(LoadReport r, LoadReport.Schedule schedule) {
    return new LoadReport(r.runId(), r.settings(), r.calls(), r.startedCalls(), r.seconds(), r.callsPerSecond(),
        r.start(), r.end(), r.errors(), r.verification(), r.timeline(), schedule, r.steps());
  }

  @Test
  void aLatencyAgainstRateRunWritesATableAndACurve() throws Exception {
    Histogram fast = new Histogram(LoadStats.HIGHEST_MICROS, 3);
    Histogram slow = new Histogram(LoadStats.HIGHEST_MICROS, 3);
    Histogram onTime = new Histogram(LoadStats.HIGHEST_MICROS, 3);
    Histogram late = new Histogram(LoadStats.HIGHEST_MICROS, 3);
    for (int i = 1; i <= 100; i++) {
      fast.recordValue(i * 100L);
      slow.recordValue(i * 10_000L);
      onTime.recordValue(50);
      late.recordValue(i * 2_000L);
    }
    List<LoadReport.Step> steps = List.of(
        new LoadReport.Step(new BigDecimal("100"), 100, 100, 1.5, LoadReport.Latency.of(fast),
            LoadReport.Latency.of(fast), 0, LoadReport.Schedule.of(new BigDecimal("100"), 100, onTime)),
        new LoadReport.Step(new BigDecimal("1000"), 100, 100, 1.5, LoadReport.Latency.of(slow),
            LoadReport.Latency.of(slow), 3, LoadReport.Schedule.of(new BigDecimal("1000"), 100, late)));
    LoadReport r = report(true);
    LoadReport curve = new LoadReport(r.runId(), r.settings(), 200, 200, 3, 66.7, r.start(), r.end(), r.errors(),
        r.verification(), r.timeline(), null, steps);

    assertThat(curve.summary()).contains("offered/s").containsPattern("100 +100 +5\\.0 / +9\\.9")
        .containsPattern("1000 +100 +500\\.\\d / +99\\d\\.\\d").contains("kept").contains("FELL BEHIND (75 late)");
    Path file = dir.resolve("curve.json");
    ReportWriter.write(curve, file);
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.at("/steps").size()).isEqualTo(2);
    assertThat(json.at("/steps/1/offeredRate").asInt()).isEqualTo(1000);
    assertThat(json.at("/steps/1/startP99Ms").asDouble()).isCloseTo(990.0, within(1.0));
    assertThat(json.at("/steps/0/endP50Ms").asDouble()).isCloseTo(5.0, within(0.01));
    assertThat(json.at("/steps/1/schedule/kept").asBoolean()).isFalse();

    Path svg = ReportWriter.writeCurve(curve, file);
    assertThat(svg).isEqualTo(dir.resolve("curve.json.curve.svg"));
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    assertThat(document.getElementsByTagName("polyline").getLength()).as("start p99, end p99").isEqualTo(2);
    assertThat(document.getElementsByTagName("circle").getLength()).as("a point per step and series").isEqualTo(4);
    assertThat(Files.readString(svg)).contains("offered rate").contains("start p99 ms").contains("fill=\"white\"/>");
  }

  @Test
  void niceAxisCeilings() {
    assertThat(SvgPlot.niceCeiling(0)).isEqualTo(1);
    assertThat(SvgPlot.niceCeiling(3.2)).isEqualTo(5);
    assertThat(SvgPlot.niceCeiling(47)).isEqualTo(50);
    assertThat(SvgPlot.niceCeiling(100)).isEqualTo(100);
    assertThat(SvgPlot.label(25)).isEqualTo("25");
    assertThat(SvgPlot.label(12.5)).isEqualTo("12.5");
    assertThat(SvgPlot.escape("<a & \"b\">")).isEqualTo("&lt;a &amp; &quot;b&quot;&gt;");
  }
}
