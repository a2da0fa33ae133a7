package io.callbill.proofs.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The entries in billing-streams' stores, counted from their changelogs: every committed record of every
 * {@code *-changelog} topic read from the beginning, a key counted when its last record is not a tombstone. That is
 * exactly what a restore would put into the stores (the global reference stores, which have no changelog, are not
 * counted). Keys are told apart by their bytes' 64-bit hash, so a count of millions needs no copy of the keys.
 *
 * <p>Why not RocksDB's {@code estimate-num-keys}: billing keeps the state-store metric group out of its
 * {@code /metrics} on purpose (ScrapeSafeKafkaStreams: a store metric read while the stores close crashed the JVM),
 * and reading the stores from here is not possible. Reading the changelogs costs a few seconds per million records
 * and is exact.
 */
final class StoreEntries {

  static final String CHANGELOG_SUFFIX = "-changelog";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  private StoreEntries() {
  }

  /** Live keys in billing's changelogs now. */
  static long count(Admin admin, String bootstrap) {
    Set<String> changelogs;
    try {
      changelogs = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
          .filter(name -> name.endsWith(CHANGELOG_SUFFIX)).collect(Collectors.toSet());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list billing's changelog topics", e);
    }
    long live = 0;
    for (String changelog : changelogs) {
      live += liveKeys(bootstrap, changelog);
    }
    return live;
  }

  private static long liveKeys(String bootstrap, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      LiveKeys live = new LiveKeys();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + DEADLINE);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          live.add(record.key(), record.value());
        }
      }
      return live.count();
    }
  }

  /** A changelog's keys as its records come, in order: a key is live while its last record is not a tombstone. */
  static final class LiveKeys {

    private final Map<Long, Boolean> liveByKey = new HashMap<>();

    void add(byte[] key, byte[] value) {
      liveByKey.put(keyHash(key), value != null);
    }

    long count() {
      return liveByKey.values().stream().filter(Boolean::booleanValue).count();
    }
  }

  /** A 64-bit hash of the key's bytes (FNV-1a): distinct keys of a changelog collide with negligible odds. */
  static long keyHash(byte[] key) {
    if (key == null) {
      return 0;
    }
    long hash = 0xcbf29ce484222325L;
    for (byte b : key) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
