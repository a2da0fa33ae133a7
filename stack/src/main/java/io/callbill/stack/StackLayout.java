package io.callbill.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the local stack keeps its state: everything under {@code .callbill/} in the checkout, so a restart finds
 * balances, sessions and history again, and {@code --fresh} is one directory to delete.
 */
public record StackLayout(Path home, Path root) {

  /** Environment variable that moves the state elsewhere (tests use it to keep a developer's .callbill/ intact). */
  public static final String STACK_DIR_ENV = "CALLBILL_STACK_DIR";

  public static StackLayout of(Path home) {
    return new StackLayout(home, home.resolve(".callbill"));
  }

  /** The checkout's {@code .callbill/}, or {@code $CALLBILL_STACK_DIR} when set. */
  public static StackLayout of(Path home, java.util.Map<String, String> env) {
    String dir = env.get(STACK_DIR_ENV);
    return dir == null || dir.isBlank() ? of(home) : new StackLayout(home, Path.of(dir).toAbsolutePath());
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path postgres() {
    return root.resolve("postgres");
  }

  public Path billingState() {
    return root.resolve("state").resolve("billing-streams");
  }

  /** The Connect worker's state: its configuration, source offsets file and log. */
  public Path connect() {
    return root.resolve("connect");
  }

  /** The Connect installation the build assembles: worker jars, plugins, connector definitions. */
  public io.callbill.testkit.ConnectLayout connectInstallation() {
    return new io.callbill.testkit.ConnectLayout(home.resolve("sink-connectors").resolve("target").resolve("connect"));
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path log(String part) {
    return logs().resolve(part + ".log");
  }

  public Path jwtSecret() {
    return root.resolve("jwt-secret");
  }

  public Path stackJson() {
    return root.resolve("stack.json");
  }

  public Path portsFile() {
    return root.resolve("ports.properties");
  }

  /** An executable jar of a module, e.g. {@code billing-streams/target/*-exec.jar}. */
  public Path execJar(String module) {
    Path target = home.resolve(module).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no executable jar in " + target + ": run ./mvnw package"));
    } catch (IOException e) {
      throw new IllegalStateException("no " + target + ": run ./mvnw package -DskipTests", e);
    }
  }

  /** Ports chosen at the first start are kept, so the broker's quorum and clients find the same addresses. */
  public Properties loadPorts() {
    Properties ports = new Properties();
    if (Files.exists(portsFile())) {
      try (Reader in = Files.newBufferedReader(portsFile(), StandardCharsets.UTF_8)) {
        ports.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ports;
  }

  public void savePorts(Properties ports) {
    try {
      Files.createDirectories(root);
      try (Writer out = Files.newBufferedWriter(portsFile(), StandardCharsets.UTF_8)) {
        ports.store(out, "Ports of the local stack, kept across restarts");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes all state ({@code --fresh}). */
  public void wipe() {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
