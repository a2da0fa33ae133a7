package io.callbill.billing.testkit;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/**
 * A key-value store that counts what is read from it: every {@code get}, every entry an iterator hands out, and every
 * full scan. It wraps a real store, so a test of a punctuation's cost asserts on how many entries it touched, not on
 * a timer.
 */
public final class CountingKeyValueStore<K, V> implements KeyValueStore<K, V> {

  private final KeyValueStore<K, V> inner;
  private long entriesIterated;
  private long gets;
  private long fullScans;
  private final List<K> rangeStarts = new ArrayList<>();

  public CountingKeyValueStore(KeyValueStore<K, V> inner) {
    this.inner = inner;
  }

  /** A real in-memory store (no changelog), opened and ready, behind a counter. */
  public static <K, V> CountingKeyValueStore<K, V> inMemory(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keySerde, valueSerde)
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return new CountingKeyValueStore<>(store);
  }

  /** Every entry this store handed out since the last reset: point reads plus iterated entries. */
  public long entriesRead() {
    return gets + entriesIterated;
  }

  /** Entries handed out by iterators (range, all, prefix scans) since the last reset. */
  public long entriesIterated() {
    return entriesIterated;
  }

  /** Point reads since the last reset. */
  public long gets() {
    return gets;
  }

  /** Reads of the whole store ({@code all}, {@code reverseAll}) since the last reset. */
  public long fullScans() {
    return fullScans;
  }

  /**
   * The lower bound of every {@code range} read since the last reset, in order. In RocksDB a read also steps over the
   * tombstones of deleted keys above its bound (until compaction), which no count of entries shows: a bound that
   * rises past what was deleted is what keeps that cost flat.
   */
  public List<K> rangeStarts() {
    return List.copyOf(rangeStarts);
  }

  public void resetCounts() {
    entriesIterated = 0;
    gets = 0;
    fullScans = 0;
    rangeStarts.clear();
  }

  @Override
  public V get(K key) {
    gets++;
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    rangeStarts.add(from);
    return counted(inner.range(from, to));
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    return counted(inner.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<K, V> all() {
    fullScans++;
    return counted(inner.all());
  }

  @Override
  public KeyValueIterator<K, V> reverseAll() {
    fullScans++;
    return counted(inner.reverseAll());
  }

  @Override
  public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<K, V> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return counted(inner.prefixScan(prefix, prefixKeySerializer));
  }

  private KeyValueIterator<K, V> counted(KeyValueIterator<K, V> iterator) {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public KeyValue<K, V> next() {
        entriesIterated++;
        return iterator.next();
      }

      @Override
      public void close() {
        iterator.close();
      }

      @Override
      public K peekNextKey() {
        return iterator.peekNextKey();
      }
    };
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public void put(K key, V value) {
    inner.put(key, value);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return inner.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    inner.putAll(entries);
  }

  @Override
  public V delete(K key) {
    return inner.delete(key);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    inner.init(context, root);
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }
}
