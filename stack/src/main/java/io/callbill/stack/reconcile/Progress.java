package io.callbill.stack.reconcile;

import io.callbill.stack.TopicReader;
import java.io.PrintStream;

/**
 * Where a long reconciliation stands, on the console: on a terminal one bar per topic rewritten in place, else a
 * line per topic once it is read.
 */
final class Progress {

  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;

  Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Follows the read of one topic. */
  TopicReader.ReadProgress reading(String topic) {
    return (consumed, end) -> {
      if (terminal) {
        int filled = end == 0 ? WIDTH : (int) Math.min(WIDTH, consumed * WIDTH / end);
        err.print(String.format("\r\033[Kreconcile: %-14s [%s%s] %,d/%,d", topic, "#".repeat(filled),
            " ".repeat(WIDTH - filled), consumed, end));
      }
    };
  }

  /** A source is read: how many records or rows it gave. */
  void read(String what, long count) {
    if (terminal) {
      err.print("\r\033[K");
    }
    err.println(String.format("reconcile: %,d %s read", count, what));
  }
}
