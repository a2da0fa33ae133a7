package io.callbill.billing.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.TableFormatConfig;
import org.rocksdb.WriteBufferManager;

/**
 * One RocksDB memory budget for every store of the instance, instead of Kafka Streams' per store (a 50 MB block
 * cache and 3 x 16 MB memtables each, so memory grows with stores x partitions): one block cache shared by all
 * stores, index and filter blocks in it, and a write buffer manager that charges every memtable to that same cache.
 * Off unless {@link #TOTAL_BYTES} is set above 0.
 *
 * <p>The cache and manager live as long as the JVM: stores open and close with every rebalance, and the shared
 * objects must outlive each of them, so no store's close frees them. Memtables may take a quarter of the budget;
 * reaching it makes RocksDB flush early, which only brings the committed offsets to disk sooner (see
 * {@link DurableStoreOffsets}).
 */
final class BoundedStoreMemory {

  /** Bytes of off-heap memory all stores share; 0 (the default) leaves RocksDB's memory per store, as before. */
  static final String TOTAL_BYTES = "rocksdb.bounded.memory.bytes";
  /** The memtables may take a quarter of the budget. */
  static final int MEMTABLE_SHARE_DIVISOR = 4;

  private static final Map<Long, Shared> BY_SIZE = new ConcurrentHashMap<>();

  private BoundedStoreMemory() {
  }

  /** Puts the store's options on the shared budget when {@link #TOTAL_BYTES} asks for one. */
  static void apply(Options options, Map<String, Object> configs) {
    long total = totalBytes(configs);
    if (total <= 0) {
      return;
    }
    Shared shared = shared(total);
    TableFormatConfig format = options.tableFormatConfig();
    BlockBasedTableConfig table = format instanceof BlockBasedTableConfig own ? own : new BlockBasedTableConfig();
    table.setBlockCache(shared.cache);
    // Index and filter blocks in the cache too, else they sit outside the budget and grow with the data.
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(shared.writeBuffers);
  }

  /** The one budget of this size in the JVM (a test may run instances of several sizes side by side). */
  static Shared shared(long totalBytes) {
    return BY_SIZE.computeIfAbsent(totalBytes, Shared::new);
  }

  static long totalBytes(Map<String, Object> configs) {
    Object value = configs.get(TOTAL_BYTES);
    return value == null ? 0 : Long.parseLong(value.toString().trim());
  }

  /** A block cache and the write buffer manager charging memtables to it. */
  static final class Shared {
    final Cache cache;
    final WriteBufferManager writeBuffers;

    private Shared(long totalBytes) {
      // -1: RocksDB picks the shard count; false: the budget is a bound, inserts past it evict; 0.1 for high priority.
      cache = new LRUCache(totalBytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(totalBytes / MEMTABLE_SHARE_DIVISOR, cache);
    }
  }
}
