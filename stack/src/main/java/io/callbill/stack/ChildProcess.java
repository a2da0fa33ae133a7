package io.callbill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Callbill part running in its own JVM, its output appended to a log file. Own processes, not threads: each part
 * can be stopped (SIGTERM, graceful) or killed (SIGKILL, for crash tests) on its own, like in production.
 */
public final class ChildProcess implements AutoCloseable {

  /** How long a part gets to stop after SIGTERM before it is killed. Above the apps' own close timeouts. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(40);

  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java [jvmArgs] args...} with this JVM's java, extra environment, output to {@code log}. */
  public static ChildProcess startJava(String name, List<String> jvmArgs, List<String> args, Map<String, String> env,
                                       Path log) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(env);
      ChildProcess child = new ChildProcess(name, builder.start(), log);
      OrphanGuard.register(child);
      child.process.onExit().thenRun(() -> OrphanGuard.unregister(child));
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Runs a java command to completion (e.g. a tool), failing with its log when it does not exit 0. */
  public static void runJava(String name, List<String> jvmArgs, List<String> args, Path log, Duration timeout) {
    ChildProcess tool = startJava(name, jvmArgs, args, Map.of(), log);
    try {
      if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        tool.kill();
        throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log);
      }
      if (tool.process.exitValue() != 0) {
        throw new IllegalStateException(name + " failed (exit " + tool.process.exitValue() + "); see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tool.kill();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
  }

  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Fails with a pointer to the log if the process has already exited. */
  public void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
    }
  }

  /** SIGTERM, then SIGKILL if it has not stopped within {@link #STOP_GRACE}. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** SIGKILL: no chance to clean up, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
