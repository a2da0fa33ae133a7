package io.callbill.billing.caller;

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

/** Counts what is read from a store: point reads, entries returned by iterators, and full scans. */
final class CountingKeyValueStore<K, V> implements KeyValueStore<K, V> {

  private final KeyValueStore<K, V> delegate;
  long gets;
  long entriesIterated;
  long fullScans;

  CountingKeyValueStore(KeyValueStore<K, V> delegate) {
    this.delegate = delegate;
  }

  void resetCounts() {
    gets = 0;
    entriesIterated = 0;
    fullScans = 0;
  }

  /** Every entry this store handed out: point reads plus iterated entries. */
  long entriesRead() {
    return gets + entriesIterated;
  }

  @Override
  public V get(K key) {
    gets++;
    return delegate.get(key);
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    return counting(delegate.range(from, to));
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    return counting(delegate.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<K, V> all() {
    fullScans++;
    return counting(delegate.all());
  }

  @Override
  public KeyValueIterator<K, V> reverseAll() {
    fullScans++;
    return counting(delegate.reverseAll());
  }

  @Override
  public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<K, V> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return counting(delegate.prefixScan(prefix, prefixKeySerializer));
  }

  @Override
  public long approximateNumEntries() {
    return delegate.approximateNumEntries();
  }

  @Override
  public void put(K key, V value) {
    delegate.put(key, value);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return delegate.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    delegate.putAll(entries);
  }

  @Override
  public V delete(K key) {
    return delegate.delete(key);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // The delegate is initialised by whoever built it.
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean persistent() {
    return delegate.persistent();
  }

  @Override
  public boolean isOpen() {
    return delegate.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return delegate.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return delegate.getPosition();
  }

  private KeyValueIterator<K, V> counting(KeyValueIterator<K, V> iterator) {
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
      public K peekNextKey() {
        return iterator.peekNextKey();
      }

      @Override
      public void close() {
        iterator.close();
      }
    };
  }

}
