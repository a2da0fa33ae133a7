package io.callbill.billing;

import io.callbill.billing.time.DueIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the replay and idempotency stores bounded without ever reading what is not due. Every entry is written
 * through a {@link Kept} store together with an entry in a {@link DueIndex} at the time it may be forgotten, in the
 * same {@code process()} call (so both commit in one transaction); {@link #sweep} reads the index from its start up to
 * now and deletes what it finds. A sweep is bounded in entries and in wall-clock time, far inside
 * {@code transaction.timeout.ms}; what it leaves is due first at the next sweep, so it resumes where it stopped.
 *
 * <p>Cost: two index writes per kept entry (add, later delete) and, per sweep, one index read, one store read and
 * two deletes per entry due. Nothing grows with the number of entries kept.
 */
public final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  /** Logged when a sweep stops at its bound with more due: a backlog is being worked off over the next sweeps. */
  public static final String BEHIND = "Housekeeping behind";
  /** Logged by the first sweep that finds nothing more due after a backlog. */
  public static final String CAUGHT_UP = "Housekeeping caught up";

  /**
   * How often (wall clock) the replay stores are swept: every second, so a sweep has about a second's worth of
   * expiries to do (a task settling 3,000 calls a second forgets about 10,000 entries a second a week later).
   */
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
  /**
   * By default at most this many entries are forgotten by one sweep ({@code callbill.housekeeping.entries.per.sweep});
   * a backlog is worked off over the next sweeps.
   */
  public static final int DEFAULT_ENTRIES_PER_SWEEP = 20_000;
  /** A sweep stops after this much wall-clock time, whatever is left: far inside transaction.timeout.ms. */
  public static final Duration MAX_SWEEP_TIME = Duration.ofMillis(100);
  /** Index entries read at a time within a sweep. */
  private static final int BATCH = 500;
  private static final String TAG_SEPARATOR = "/";

  private final DueIndex index;
  private final LongSupplier wallClockMillis;
  private final int maxEntriesPerSweep;
  private final Map<String, Kept<?>> keptByTag = new HashMap<>();
  /** Whether the last sweep stopped at a bound; only for the two log lines (not state: a restart logs again). */
  private boolean behind;
  private long forgottenWhileBehind;

  /**
   * @param indexStore the store of the index (one per processor, over all the stores it keeps)
   * @param wallClockMillis the processor's wall clock, to bound a sweep's time
   * @param maxEntriesPerSweep the most entries one sweep forgets
   */
  public Retention(KeyValueStore<String, String> indexStore, LongSupplier wallClockMillis, int maxEntriesPerSweep) {
    if (maxEntriesPerSweep < 1) {
      throw new IllegalArgumentException("a sweep must forget at least one entry: " + maxEntriesPerSweep);
    }
    this.index = new DueIndex(indexStore);
    this.wallClockMillis = wallClockMillis;
    this.maxEntriesPerSweep = maxEntriesPerSweep;
  }

  /**
   * A store whose entries are forgotten {@code keepFor} after their timestamp. {@code tag} names it in the index:
   * short and stable, it is part of the index keys on the changelog. Several tags may share a store with different
   * retention (an answer kept a week, a refusal minutes).
   */
  public <V> Kept<V> keep(String tag, TimestampedKeyValueStore<String, V> store, Duration keepFor) {
    Kept<V> kept = new Kept<>(tag, store, keepFor);
    if (keptByTag.putIfAbsent(tag, kept) != null) {
      throw new IllegalArgumentException("tag already kept: " + tag);
    }
    return kept;
  }

  /** A store under retention: write through it so every entry has its due time in the index. */
  public final class Kept<V> {
    private final String tag;
    private final TimestampedKeyValueStore<String, V> store;
    private final Duration keepFor;

    private Kept(String tag, TimestampedKeyValueStore<String, V> store, Duration keepFor) {
      this.tag = tag;
      this.store = store;
      this.keepFor = keepFor;
    }

    /**
     * Writes {@code value} stamped {@code at}; forgotten at {@code at + keepFor}. Rewriting a key with the same
     * {@code at} (e.g. a rating added to a settled call) keeps its one index entry.
     */
    public void put(String key, V value, Instant at) {
      store.put(key, ValueAndTimestamp.make(value, at.toEpochMilli()));
      index.add(at.plus(keepFor), tag + TAG_SEPARATOR + key);
    }

    /** Deletes the entry if its time is up; an entry rewritten later with a newer time waits for its own. */
    private void forgetIfDue(String key, Instant now) {
      ValueAndTimestamp<V> current = store.get(key);
      if (current != null && !Instant.ofEpochMilli(current.timestamp()).plus(keepFor).isAfter(now)) {
        store.delete(key);
      }
    }
  }

  /**
   * Forgets the entries due at {@code now}, at most {@code maxEntriesPerSweep} and for at most
   * {@link #MAX_SWEEP_TIME}.
   *
   * @return how many index entries were handled
   */
  public int sweep(Instant now) {
    long deadline = wallClockMillis.getAsLong() + MAX_SWEEP_TIME.toMillis();
    int handled = 0;
    boolean more;
    do {
      int batch = Math.min(BATCH, maxEntriesPerSweep - handled);
      List<DueIndex.Due> due = index.due(now, batch);
      for (DueIndex.Due entry : due) {
        forget(entry.id(), now);
        index.remove(entry.at(), entry.id());
      }
      handled += due.size();
      more = due.size() == batch && handled < maxEntriesPerSweep;
    } while (more && wallClockMillis.getAsLong() < deadline);
    logBacklog(handled, more || handled == maxEntriesPerSweep);
    return handled;
  }

  /** Two lines per backlog, none per sweep: where a large pass starts and where it ends (the crash test waits). */
  private void logBacklog(int handled, boolean stoppedAtBound) {
    if (stoppedAtBound) {
      forgottenWhileBehind += handled;
      if (!behind) {
        LOG.info("{}: {} due entries forgotten in one sweep, more are due; the next sweeps go on from there", BEHIND,
            handled);
        behind = true;
      }
    } else if (behind) {
      LOG.info("{}: {} due entries forgotten over the backlog's sweeps", CAUGHT_UP, forgottenWhileBehind + handled);
      behind = false;
      forgottenWhileBehind = 0;
    }
  }

  private void forget(String taggedKey, Instant now) {
    int separator = taggedKey.indexOf(TAG_SEPARATOR);
    Kept<?> kept = separator < 0 ? null : keptByTag.get(taggedKey.substring(0, separator));
    if (kept != null) {
      kept.forgetIfDue(taggedKey.substring(separator + 1), now);
    }
  }
}
