package io.callbill.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./callbill} run in-process against one checkout directory, keeping everything it printed: the fixture of
 * the launcher's CLI tests and the proofs' command tests (shared as this module's test-jar).
 */
public final class CliRecorder {

  private final Path home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  public CliRecorder(Path home) {
    this.home = home;
  }

  /** Runs {@code ./callbill ARGS} with an empty environment; returns the exit code. */
  public int run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs {@code ./callbill ARGS} with the given environment; returns the exit code. */
  public int run(Map<String, String> env, String... args) {
    return CallbillCli.run(args, home, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** Everything printed to stdout so far, by every run. */
  public String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Everything printed to stderr so far, by every run. */
  public String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
