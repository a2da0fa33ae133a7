package io.callbill.billing.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Things that fall due at a time, kept in a store ordered by that time: the key is the due time in fixed-width
 * milliseconds, then the id ({@code 0001767225600000:caller-1}), so a range read from the start of the store to "now"
 * touches only what is due. Whoever schedules something writes its entry in the same {@code process()} call as the
 * state it belongs to, so both commit in the same transaction; a punctuator then pays for the entries due, never for
 * everything stored.
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

  public DueIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  /** One entry: {@code id} falls due at {@code at}. */
  public record Due(Instant at, String id) {
  }

  public void add(Instant at, String id) {
    store.put(key(at, id), id);
  }

  /** Forgets an entry (no-op when absent): the thing was done another way, or moved to another time. */
  public void remove(Instant at, String id) {
    store.delete(key(at, id));
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
    List<Due> due = new ArrayList<>();
    try (KeyValueIterator<String, String> range = store.range(timePrefix(0), timePrefix(now.toEpochMilli())
        + AFTER_EVERY_ID)) {
      while (due.size() < limit && range.hasNext()) {
        KeyValue<String, String> entry = range.next();
        due.add(new Due(timeOf(entry.key), entry.value));
      }
    }
    return due;
  }

  static String key(Instant at, String id) {
    return timePrefix(at.toEpochMilli()) + id;
  }

  private static String timePrefix(long epochMillis) {
    return String.format(TIME_FORMAT, Math.max(0, epochMillis)) + SEPARATOR;
  }

  private static Instant timeOf(String key) {
    return Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf(SEPARATOR))));
  }
}
