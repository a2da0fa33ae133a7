package io.callbill.stack;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops the processes a one-shot command (bench, crash) started when its JVM is told to stop (Ctrl-C, SIGTERM)
 * before the command could close them itself: without it, a broker or PostgreSQL outlives the command and holds its
 * ports. {@code ./callbill up} does not enable it: the stack stops its parts itself, in order.
 */
public final class OrphanGuard {

  private static final Set<AutoCloseable> LIVE = ConcurrentHashMap.newKeySet();
  private static boolean enabled;

  private OrphanGuard() {
  }

  /** From now on, whatever is still registered when the JVM stops is closed. Idempotent. */
  public static synchronized void enable() {
    if (!enabled) {
      enabled = true;
      Runtime.getRuntime().addShutdownHook(new Thread(OrphanGuard::closeAll, "callbill-orphan-guard"));
    }
  }

  static void register(AutoCloseable part) {
    LIVE.add(part);
  }

  static void unregister(AutoCloseable part) {
    LIVE.remove(part);
  }

  private static void closeAll() {
    for (AutoCloseable part : LIVE) {
      try {
        part.close();
      } catch (Exception e) {
        // the JVM is stopping: nothing more to do than try the next part
      }
    }
  }
}
