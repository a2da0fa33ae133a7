package io.callbill.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a Kafka Connect installation as the sink-connectors build assembles them under
 * {@code target/connect}: {@code lib/} (the worker's class path), {@code plugins/} (the {@code plugin.path}: the
 * Debezium JDBC sink and our converter, each loaded in isolation) and {@code connectors/} (one JSON configuration per
 * sink connector).
 */
public record ConnectLayout(Path home) {

  /** System property naming the home directory (the build sets it for the integration tests). */
  public static final String HOME_PROPERTY = "callbill.connect.home";
  /** Where the build puts it, relative to the repository root. */
  public static final Path DEFAULT_HOME = Path.of("sink-connectors", "target", "connect");

  public ConnectLayout {
    home = home.toAbsolutePath().normalize();
  }

  /** From {@value #HOME_PROPERTY}, else {@link #DEFAULT_HOME} relative to the working directory. */
  public static ConnectLayout fromSystemProperty() {
    String home = System.getProperty(HOME_PROPERTY);
    return new ConnectLayout(home == null || home.isBlank() ? DEFAULT_HOME : Path.of(home));
  }

  public Path lib() {
    return home.resolve("lib");
  }

  public Path plugins() {
    return home.resolve("plugins");
  }

  public Path connectors() {
    return home.resolve("connectors");
  }

  /** The worker's class path: every jar of {@code lib/} (a Java class path wildcard). */
  public String classPath() {
    return lib().resolve("*").toString();
  }

  /** The configuration files of the given connectors ({@code connectors/NAME.json}). */
  public List<Path> connectorFiles(List<String> names) {
    return names.stream().map(name -> connectors().resolve(name + ".json")).toList();
  }

  /** Fails with a hint when the build has not assembled the installation. */
  public ConnectLayout requireBuilt() {
    for (Path part : List.of(lib(), plugins(), connectors())) {
      if (!Files.isDirectory(part)) {
        throw new IllegalStateException("No Kafka Connect installation at " + home + " (missing " + part.getFileName()
            + "/): build it with ./mvnw -pl sink-connectors -am package");
      }
    }
    return this;
  }
}
