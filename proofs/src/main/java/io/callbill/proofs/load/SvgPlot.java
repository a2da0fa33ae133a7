package io.callbill.proofs.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Plots of a run, written by hand: calls per second (and errors) over time on top, request latency p50 and p99 per
 * second below; for a latency-vs-rate run, p99 start and end latency against the offered rate. Plain SVG 1.1, no
 * script, no external resources.
 */
public final class SvgPlot {

  static final int WIDTH = 900;
  static final int PANEL = 240;
  static final int LEFT = 70;
  static final int RIGHT = 20;
  static final int TOP = 40;
  static final int GAP = 60;

  private SvgPlot() {
  }

  public static String of(LoadReport report) {
    List<LoadReport.Bucket> buckets = report.timeline();
    StringBuilder svg = new StringBuilder();
    int height = TOP + 2 * PANEL + GAP + 40;
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(LEFT, 22, String.format(Locale.ROOT, "callbill load %s: %.2f calls/s, verification %s",
        report.runId(), report.callsPerSecond(), report.verification().passed() ? "passed" : "FAILED"), 14));
    panel(svg, buckets, TOP, "calls/s", List.of(
        new Series("calls/s", "#1f77b4", LoadReport.Bucket::calls),
        new Series("errors/s", "#d62728", LoadReport.Bucket::errors)));
    panel(svg, buckets, TOP + PANEL + GAP, "latency ms", List.of(
        new Series("p50 ms", "#2ca02c", LoadReport.Bucket::p50Ms),
        new Series("p99 ms", "#ff7f0e", LoadReport.Bucket::p99Ms)));
    svg.append(text(LEFT + (WIDTH - LEFT - RIGHT) / 2 - 40, height - 10, "seconds since start", 12));
    svg.append("</svg>\n");
    return svg.toString();
  }

  record Series(String name, String color, ToDoubleFunction<LoadReport.Bucket> value) {
  }

  record CurveSeries(String name, String color, ToDoubleFunction<LoadReport.Step> value) {
  }

  /**
   * p99 start and end latency (from the due moments) against the offered rate, a point per step; a step that fell
   * behind its schedule is drawn hollow (the system was offered less than its rate).
   */
  public static String curve(LoadReport report) {
    List<LoadReport.Step> steps = report.steps();
    int height = TOP + PANEL + 50;
    int plotWidth = WIDTH - LEFT - RIGHT;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(LEFT, 22, String.format(Locale.ROOT, "callbill load %s: p99 latency against the offered rate,"
        + " verification %s", report.runId(), report.verification().passed() ? "passed" : "FAILED"), 14));
    List<CurveSeries> series = List.of(
        new CurveSeries("start p99 ms", "#1f77b4", LoadReport.Step::startP99Ms),
        new CurveSeries("end p99 ms", "#ff7f0e", LoadReport.Step::endP99Ms));
    double maxRate = niceCeiling(steps.stream().mapToDouble(step -> step.offeredRate().doubleValue()).max()
        .orElse(0));
    double maxMs = niceCeiling(series.stream().flatMapToDouble(s -> steps.stream().mapToDouble(s.value()))
        .max().orElse(0));
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, TOP,
        plotWidth, PANEL));
    for (int i = 0; i <= 4; i++) {
      int y = TOP + PANEL - PANEL * i / 4;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
          LEFT, y, LEFT + plotWidth, y));
      svg.append(text(4, y + 4, label(maxMs * i / 4), 11));
      int x = LEFT + plotWidth * i / 4;
      svg.append(text(x - 6, TOP + PANEL + 16, label(maxRate * i / 4), 11));
    }
    svg.append(text(LEFT, TOP - 6, "latency ms", 12));
    int legend = LEFT + 120;
    for (CurveSeries s : series) {
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (LoadReport.Step step : steps) {
        double x = LEFT + plotWidth * step.offeredRate().doubleValue() / maxRate;
        double y = TOP + PANEL - PANEL * s.value().applyAsDouble(step) / maxMs;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" stroke=\"%s\" fill=\"%s\"/>%n",
            x, y, s.color(), step.schedule().kept() ? s.color() : "white"));
      }
      svg.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"1.5\" points=\"")
          .append(points.toString().trim()).append("\"/>\n").append(dots);
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>%n", legend, TOP - 12, s.color()));
      svg.append(text(legend + 16, TOP - 6, s.name(), 11));
      legend += 110;
    }
    svg.append(text(legend + 10, TOP - 6, "hollow: fell behind its schedule", 11));
    svg.append(text(LEFT + plotWidth / 2 - 60, height - 10, "offered rate, calls/s", 12));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void panel(StringBuilder svg, List<LoadReport.Bucket> buckets, int top, String unit,
                            List<Series> series) {
    int plotWidth = WIDTH - LEFT - RIGHT;
    double max = 0;
    for (Series s : series) {
      for (LoadReport.Bucket b : buckets) {
        max = Math.max(max, s.value().applyAsDouble(b));
      }
    }
    max = niceCeiling(max);
    long lastSecond = Math.max(1, buckets.size() - 1);
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", LEFT, top,
        plotWidth, PANEL));
    for (int i = 0; i <= 4; i++) {
      double value = max * i / 4;
      int y = top + PANEL - PANEL * i / 4;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
          LEFT, y, LEFT + plotWidth, y));
      svg.append(text(4, y + 4, label(value), 11));
    }
    for (int i = 0; i <= 5; i++) {
      long second = lastSecond * i / 5;
      int x = LEFT + (int) (plotWidth * second / lastSecond);
      svg.append(text(x - 6, top + PANEL + 16, Long.toString(second), 11));
    }
    svg.append(text(LEFT, top - 6, unit, 12));
    int legend = LEFT + 120;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (LoadReport.Bucket b : buckets) {
        double x = LEFT + plotWidth * (double) b.second() / lastSecond;
        double y = top + PANEL - PANEL * s.value().applyAsDouble(b) / max;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      svg.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"1.5\" points=\"")
          .append(points.toString().trim()).append("\"/>\n");
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>%n", legend, top - 12, s.color()));
      svg.append(text(legend + 16, top - 6, s.name(), 11));
      legend += 110;
    }
  }

  /** The smallest of 1, 2, 5 × 10^n at or above {@code value} (1 for an empty plot). */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** An axis label: whole numbers without decimals, others with one. */
  static String label(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String text(int x, int y, String content, int size) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\">" + escape(content) + "</text>\n";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
