package io.callbill.billing.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Things that fall due at a time, kept in a store ordered by that time: the key is the due time in fixed-width
 * milliseconds, then the id ({@code 0001767225600000:caller-1}), so a range read up to "now" touches only what is due.
 * Whoever schedules something writes its entry in the same {@code process()} call as the state it belongs to, so both
 * commit in the same transaction; a punctuator then pays for the entries due, never for everything stored.
 *
 * <p>A read starts at a floor, not at the start of the store: the index is a queue, written at its tail and deleted
 * at its head, and in RocksDB a deleted key stays a tombstone until compaction, so a read from the start would step
 * over every entry handled since the last compaction (a cost that grows with the traffic behind us, and within one
 * bounded sweep with each batch already forgotten). The floor is the lowest key a live entry may have: it rises to
 * the first entry a read returns (or past {@code now} when none is due), and past the last one once the caller has
 * removed every entry of that read; an entry added below it lowers it. It lives in memory only: a new instance (a
 * restart, a task moved or revived) starts from the start of the store once.
 *
 * <p>The value is the id again, so a due entry is usable without parsing its key.
 */
public final class DueIndex {

  /** Epoch milliseconds as 16 digits: sorts as text in time order for every instant from 1970 on. */
  private static final String TIME_FORMAT = "%016d";
  private static final String SEPARATOR = ":";
  /** Sorts after every id character the API admits ({@code [A-Za-z0-9_-]}) and after the separator. */
  private static final String AFTER_EVERY_ID = "\uffff";

  private final KeyValueStore<String, String> store;
  /** No live entry has a key below this one. */
  private String floor = timePrefix(0);
  /** Keys the last read returned that are not removed yet; when the last goes, the floor rises to {@link #lastRead}. */
  private final Set<String> readNotRemoved = new HashSet<>();
  private String lastRead;

  public DueIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  /** One entry: {@code id} falls due at {@code at}. */
  public record Due(Instant at, String id) {
  }

  public void add(Instant at, String id) {
    String key = key(at, id);
    store.put(key, id);
    if (lastRead != null && key.compareTo(lastRead) <= 0) {
      // A new entry among (or before) those of the last read: the floor may not pass it when they are removed.
      readNotRemoved.clear();
      lastRead = null;
    }
    if (key.compareTo(floor) < 0) {
      floor = key;
    }
  }

  /** Forgets an entry (no-op when absent): the thing was done another way, or moved to another time. */
  public void remove(Instant at, String id) {
    String key = key(at, id);
    store.delete(key);
    if (readNotRemoved.remove(key) && readNotRemoved.isEmpty()) {
      floor = max(floor, lastRead);
      lastRead = null;
    }
  }

  /** Moves an entry: removes the one at {@code from} (if any) and adds one at {@code to} (if any). */
  public void move(Instant from, Instant to, String id) {
    if (from != null && from.equals(to)) {
      return;
    }
    if (from != null) {
      remove(from, id);
    }
    if (to != null) {
      add(to, id);
    }
  }

  /**
   * The entries due at or before {@code now}, earliest first, at most {@code limit}: reads those entries and no
   * other. The caller removes (or moves) each entry it handles; one left in place is returned again next time.
   */
  public List<Due> due(Instant now, int limit) {
    String end = timePrefix(now.toEpochMilli()) + AFTER_EVERY_ID;
    List<Due> due = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    if (floor.compareTo(end) <= 0) {
      try (KeyValueIterator<String, String> range = store.range(floor, end)) {
        while (due.size() < limit && range.hasNext()) {
          KeyValue<String, String> entry = range.next();
          keys.add(entry.key);
          due.add(new Due(timeOf(entry.key), entry.value));
        }
      }
    }
    readNotRemoved.clear();
    if (keys.isEmpty()) {
      floor = max(floor, end);
      lastRead = null;
    } else {
      floor = keys.get(0);
      readNotRemoved.addAll(keys);
      lastRead = keys.get(keys.size() - 1);
    }
    return due;
  }

  static String key(Instant at, String id) {
    return timePrefix(at.toEpochMilli()) + id;
  }

  private static String timePrefix(long epochMillis) {
    return String.format(TIME_FORMAT, Math.max(0, epochMillis)) + SEPARATOR;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Instant timeOf(String key) {
    return Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf(SEPARATOR))));
  }
}
