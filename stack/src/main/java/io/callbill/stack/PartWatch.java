package io.callbill.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the parts of a running local stack: when one exits, says so on the console with the last lines of its log,
 * waits as {@link RestartPolicy} says and starts it again on the same state, ports and identity. Every change of a
 * part's state is published (for {@code stack.json} and {@code ./callbill status}).
 *
 * <p>One thread polls every {@link #POLL}: restarts are rare and slow (seconds), so polling costs nothing and keeps
 * the bookkeeping single-threaded. A part whose restart fails is retried with the next, longer delay.
 */
public final class PartWatch implements AutoCloseable {

  static final Duration POLL = Duration.ofSeconds(1);
  static final int LOG_LINES = 15;

  /** A part the watch can see and start again. */
  public interface Watched {
    String name();

    boolean isAlive();

    long pid();

    Path log();

    /** Starts the part again and waits until it is ready; throws when it is not. */
    void restart();
  }

  /** What {@code stack.json} and {@code ./callbill status} show of one part. */
  public record PartStatus(String state, long pid, int restarts, Instant since) {
    String toJson() {
      return "{\"state\":\"" + state + "\",\"pid\":" + pid + ",\"restarts\":" + restarts + ",\"since\":\"" + since
          + "\"}";
    }
  }

  private final List<Watched> parts;
  private final RestartPolicy policy;
  private final PrintStream out;
  private final Consumer<Map<String, PartStatus>> publish;
  private final Map<String, PartStatus> statuses = new LinkedHashMap<>();
  private final Map<String, Integer> exitsInARow = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  public PartWatch(List<Watched> parts, RestartPolicy policy, PrintStream out,
      Consumer<Map<String, PartStatus>> publish) {
    this.parts = List.copyOf(parts);
    this.policy = policy;
    this.out = out;
    this.publish = publish;
    Instant now = Instant.now();
    for (Watched part : parts) {
      statuses.put(part.name(), new PartStatus("running", part.pid(), 0, now));
      exitsInARow.put(part.name(), 0);
    }
    this.thread = new Thread(this::watch, "callbill-watch");
    this.thread.setDaemon(true);
  }

  public PartWatch start() {
    publish();
    thread.start();
    return this;
  }

  /** A copy of every part's status. */
  public synchronized Map<String, PartStatus> statuses() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
  }

  private void watch() {
    while (!closed) {
      for (Watched part : parts) {
        if (!closed && !part.isAlive()) {
          recover(part);
        }
      }
      Pause.unlessInterrupted(POLL);
    }
  }

  private void recover(Watched part) {
    PartStatus before = statuses.get(part.name());
    Instant exited = Instant.now();
    int exits = policy.exitsInARow(Duration.between(before.since(), exited), exitsInARow.get(part.name()));
    exitsInARow.put(part.name(), exits);
    Duration delay = policy.delay(exits);
    out.printf("callbill: %s (pid %d) exited; restarting it in %d s. Last lines of %s:%n", part.name(), before.pid(),
        delay.toSeconds(), part.log());
    lastLines(part.log(), LOG_LINES).forEach(line -> out.println("  | " + line));
    update(part.name(), new PartStatus("restarting", before.pid(), before.restarts(), exited));
    Pause.unlessInterrupted(delay);
    if (closed) {
      return;
    }
    try {
      part.restart();
      update(part.name(), new PartStatus("running", part.pid(), before.restarts() + 1, Instant.now()));
      out.printf("callbill: %s is back (pid %d, restart %d)%n", part.name(), part.pid(), before.restarts() + 1);
    } catch (RuntimeException e) {
      // Counted as another short run: the next attempt waits longer.
      update(part.name(), new PartStatus("exited", part.pid(), before.restarts() + 1, Instant.now()));
      out.printf("callbill: %s did not come back: %s%n", part.name(), e.getMessage());
    }
  }

  private synchronized void update(String name, PartStatus status) {
    statuses.put(name, status);
    publish();
  }

  private synchronized void publish() {
    publish.accept(Collections.unmodifiableMap(new LinkedHashMap<>(statuses)));
  }

  /** The last {@code count} lines of a log (fewer when it is shorter; none when it cannot be read). */
  static List<String> lastLines(Path log, int count) {
    Deque<String> tail = new ArrayDeque<>(count);
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      lines.forEach(line -> {
        if (tail.size() == count) {
          tail.removeFirst();
        }
        tail.addLast(line);
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of("(cannot read the log: " + e.getMessage() + ")");
    }
    return List.copyOf(tail);
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
