package io.callbill.proofs.bench;

import io.callbill.schemas.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What billing makes the broker write: the sum of the end offsets of every topic billing writes, so that records per
 * settled call is the difference of two counts over the calls settled between them.
 *
 * <p>Counted: billing's outputs (replies, call events, history, active calls, ledger, balances, account credits,
 * dead letters) and Kafka Streams' changelog and repartition topics. Not counted: what the benchmark writes (the
 * commands, the reference data, the raw baseline's topic) and the broker's own bookkeeping
 * ({@code __consumer_offsets}, {@code __transaction_state}). End offsets include the transaction markers (one per
 * partition a transaction wrote): they are records the broker writes for exactly-once, and they fall with a longer
 * commit interval.
 */
final class BrokerRecords {

  private BrokerRecords() {
  }

  /** Whether the records of {@code topic} count as written by billing. */
  static boolean counts(String topic, Topics topics) {
    if (topic.startsWith("__") || topic.equals(BillingBenchmark.RAW_TOPIC)) {
      return false;
    }
    if (topic.endsWith("-changelog") || topic.endsWith("-repartition")) {
      return true;
    }
    Set<String> inputs = Set.of(topics.callCommands.name(), topics.callers.name(), topics.receivers.name(),
        topics.receiverStatus.name(), topics.agencies.name(), topics.levelConfigs.name(),
        topics.platformConfig.name());
    return !inputs.contains(topic);
  }

  /** The sum of the end offsets of the counted topics now. */
  static long written(Admin admin, Topics topics) {
    try {
      Set<String> counted = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
          .filter(topic -> counts(topic, topics)).collect(Collectors.toSet());
      Map<String, TopicDescription> described = admin.describeTopics(counted).allTopicNames().get(60, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> partitions = described.values().stream()
          .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
          .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all()
          .get(60, TimeUnit.SECONDS);
      return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets", e);
    }
  }
}
