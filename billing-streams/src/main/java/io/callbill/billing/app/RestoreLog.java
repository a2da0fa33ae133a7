package io.callbill.billing.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each store partition Kafka Streams restores from its changelog: the offsets it starts from and must reach,
 * then how many records it read and how long it took. Only partitions with something to read are logged, so a
 * restart after a clean stop (or a crash with KIP-892's transactional stores, which keep their committed offsets)
 * says at once how much of the changelog it had to replay. Registered for local and global stores alike.
 */
final class RestoreLog implements StateRestoreListener {

  private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

  private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    startedNanos.put(key(partition, store), System.nanoTime());
    LOG.info("Restoring store {} from {}: offsets {} to {} ({} records at most)", store, partition, startingOffset,
        endingOffset, Math.max(0, endingOffset - startingOffset));
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    // one line per store partition is enough; batches would flood the log of a large restore
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    Long started = startedNanos.remove(key(partition, store));
    long millis = started == null ? -1 : (System.nanoTime() - started) / 1_000_000;
    LOG.info("Restored store {} from {}: {} records in {} ms", store, partition, totalRestored, millis);
  }

  private static String key(TopicPartition partition, String store) {
    return store + '@' + partition;
  }
}
