package io.callbill.billing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Keeps the replay stores bounded: entries older than the replay retention are forgotten. */
public final class Retention {

  /** How often (wall clock) the replay stores are swept. */
  public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(10);

  private Retention() {
  }

  public static <V> void forgetOlderThan(TimestampedKeyValueStore<String, V> store, long cutoffMillis) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<V>> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, ValueAndTimestamp<V>> entry = all.next();
        if (entry.value.timestamp() < cutoffMillis) {
          old.add(entry.key);
        }
      }
    }
    old.forEach(store::delete);
  }
}
