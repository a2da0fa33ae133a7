package io.callbill.proofs.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link LoadReport} as JSON to a file and its plot as SVG beside it ({@code FILE.svg}). */
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
}
