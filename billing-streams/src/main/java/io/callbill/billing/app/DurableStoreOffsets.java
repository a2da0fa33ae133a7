package io.callbill.billing.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * Small RocksDB memtables, so that what a kill -9 loses from a store, and so what the restart must read back from
 * the changelog, is bounded by a constant and not by the state.
 *
 * <p>Why: Kafka Streams writes RocksDB without its write-ahead log (the changelog is the log), and with KIP-892's
 * transactional stores the committed changelog offset lives in the store itself, in a column family flushed
 * atomically with the data. Nothing reaches the disk before a memtable fills: with Kafka's 16 MB memtables (three of
 * them) a store can hold up to 48 MB of writes, and its committed offset, in memory only. After a kill -9 the store
 * resumes from its last flushed offset or, when it never flushed, from the beginning of its changelog (measured:
 * 1 MB on disk after 100k calls, and every store of every task restored in full after each kill). Kafka 4.4's
 * start-up path ({@code StateDirectory.initializeStartupStores}) also ignores {@code enable.transactional.statestores}
 * and reports a task with such a store "corrupted", dropping the stores it opened to be opened again.
 *
 * <p>With {@value #MEMTABLE_BYTES} B memtables, at most {@value #MEMTABLES} of them, a store flushes every few
 * seconds under load and at most half a megabyte of its writes is ever unflushed: the restart reads that tail only.
 * Cost: more, smaller flushes and level-0 files (compacted in the background); memory per store goes down.
 *
 * <p>With {@code rocksdb.bounded.memory.bytes} set, every store also shares one memory budget
 * ({@link BoundedStoreMemory}).
 */
public final class DurableStoreOffsets implements RocksDBConfigSetter {

  /** Bytes of one memtable of a store's data (Kafka's default is 16 MB). */
  static final long MEMTABLE_BYTES = 256 * 1024;
  /** Memtables a store may hold before writes wait for a flush (Kafka's default is 3). */
  static final int MEMTABLES = 2;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    options.setWriteBufferSize(MEMTABLE_BYTES);
    options.setMaxWriteBufferNumber(MEMTABLES);
    BoundedStoreMemory.apply(options, configs);
  }

  @Override
  public void close(String storeName, Options options) {
    // nothing allocated per store; the shared budget of BoundedStoreMemory outlives every store
  }
}
