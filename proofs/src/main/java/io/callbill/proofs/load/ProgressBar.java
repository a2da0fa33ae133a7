package io.callbill.proofs.load;

import io.callbill.stack.Pause;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress of a run on stderr: on a terminal one line rewritten with {@code \r} a few times a second; otherwise
 * (a log, a pipe) a plain line every {@link #PLAIN_EVERY_MILLIS} ms.
 */
public final class ProgressBar implements AutoCloseable {

  static final long PLAIN_EVERY_MILLIS = 5000;
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private final LoadStats stats;
  private final long planned;
  private final long plannedSeconds;
  private final long beganNanos;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param planned calls planned, or 0 when the run is bounded by time
   * @param plannedSeconds length of a time-bounded run
   */
  public ProgressBar(PrintStream err, boolean terminal, LoadStats stats, long planned, long plannedSeconds,
                     long beganNanos) {
    this.err = err;
    this.terminal = terminal;
    this.stats = stats;
    this.planned = planned;
    this.plannedSeconds = plannedSeconds;
    this.beganNanos = beganNanos;
    this.thread = new Thread(this::loop, "callbill-load-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    long every = terminal ? 250 : PLAIN_EVERY_MILLIS;
    while (running && !Thread.currentThread().isInterrupted()) {
      Pause.unlessInterrupted(Duration.ofMillis(every));
      if (running && !Thread.currentThread().isInterrupted()) {
        print();
      }
    }
  }

  private synchronized void print() {
    String line = line(System.nanoTime());
    if (terminal) {
      err.print("\r" + line + "\u001b[K");
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** The progress line at {@code nowNanos}. */
  String line(long nowNanos) {
    double elapsed = Math.max(1e-9, (nowNanos - beganNanos) / 1e9);
    long done = stats.done();
    double fraction = planned > 0 ? (double) done / planned : Math.min(1, elapsed / Math.max(1, plannedSeconds));
    int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String target = planned > 0 ? done + "/" + planned + " calls" : done + " calls";
    return String.format(Locale.ROOT, "load [%s] %3.0f%%  %s  %.1f calls/s  errors %d  %.0f s", bar,
        Math.min(1, fraction) * 100, target, done / elapsed, stats.errorCount(), elapsed);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      String line = line(System.nanoTime());
      err.print(terminal ? "\r" + line + "\u001b[K\n" : line + "\n");
      err.flush();
    }
  }
}
