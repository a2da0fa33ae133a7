package io.callbill.billing.reference;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a store equal to a compacted reference-data topic: a value replaces, a tombstone deletes. Used for the
 * global stores (receivers, level configs, platform config) and the co-partitioned caller profiles.
 */
public final class StoreWriter<V> implements Processor<String, V, Void, Void> {

  private final String storeName;
  private KeyValueStore<String, V> store;

  public StoreWriter(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, V> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
