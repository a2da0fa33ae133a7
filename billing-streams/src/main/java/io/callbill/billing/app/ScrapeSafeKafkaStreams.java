package io.callbill.billing.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Kafka Streams whose {@link #metrics()}, what Micrometer's binder reads and exports, leaves out the state-store
 * metrics ({@value #STATE_STORE_GROUP}).
 *
 * <p>Why: Kafka Streams 4.4's {@code uncommitted-bytes} gauge of a transactional RocksDB store reads the store's
 * native write batch on whatever thread asks. The binder's refresh thread asked while the stores were closing, and
 * the JVM died of a SIGSEGV in {@code Java_org_rocksdb_WriteBatch_getDataSize} (PoisonRecordsIT, at shutdown; a
 * rebalance closes stores too). The binder reads every metric it is given, so the group is kept from it rather than
 * filtered after. It is also 85 series per store (some 6,000 of a local stack's 9,000 lines), none of them on the
 * dashboard; thread, task, processor-node, client and consumer/producer metrics stay.
 */
final class ScrapeSafeKafkaStreams extends KafkaStreams {

  static final String STATE_STORE_GROUP = "stream-state-metrics";

  ScrapeSafeKafkaStreams(Topology topology, Properties properties) {
    super(topology, properties);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    Map<MetricName, Metric> exported = new LinkedHashMap<>();
    super.metrics().forEach((name, metric) -> {
      if (!STATE_STORE_GROUP.equals(name.group())) {
        exported.put(name, metric);
      }
    });
    return Collections.unmodifiableMap(exported);
  }
}
