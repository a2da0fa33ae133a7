package io.callbill.proofs.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link LoadReport} as JSON to a file and its plot as SVG beside it ({@code FILE.svg}); a latency-vs-rate
 * run's curve too ({@code FILE.curve.svg}).
 */
public final class ReportWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {
  }

  /** Returns the SVG's path. */
  public static Path write(LoadReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, JSON.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
    Path svg = file.resolveSibling(file.getFileName() + ".svg");
    Files.writeString(svg, SvgPlot.of(report), StandardCharsets.UTF_8);
    return svg;
  }

  /** Writes a latency-vs-rate run's curve beside the report ({@code FILE.curve.svg}); returns its path. */
  public static Path writeCurve(LoadReport report, Path file) throws IOException {
    Path svg = file.resolveSibling(file.getFileName() + ".curve.svg");
    Files.writeString(svg, SvgPlot.curve(report), StandardCharsets.UTF_8);
    return svg;
  }
}
