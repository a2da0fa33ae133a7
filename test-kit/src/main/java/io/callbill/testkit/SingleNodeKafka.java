package io.callbill.testkit;

import java.util.Map;

/**
 * Broker settings that make one KRaft node behave like a cluster for exactly-once: internal topics with one replica,
 * no initial rebalance delay, few partitions for the offsets and transaction logs (fast start), and no automatic
 * topic creation (the app's provisioning creates what it needs). Used by the test kit's in-process broker and the
 * local stack's broker process.
 */
public final class SingleNodeKafka {

  public static final Map<String, String> SETTINGS = Map.ofEntries(
      Map.entry("transaction.state.log.replication.factor", "1"),
      Map.entry("transaction.state.log.min.isr", "1"),
      Map.entry("transaction.state.log.num.partitions", "4"),
      Map.entry("offsets.topic.replication.factor", "1"),
      Map.entry("offsets.topic.num.partitions", "4"),
      Map.entry("share.coordinator.state.topic.replication.factor", "1"),
      Map.entry("share.coordinator.state.topic.min.isr", "1"),
      Map.entry("group.initial.rebalance.delay.ms", "0"),
      Map.entry("auto.create.topics.enable", "false"),
      Map.entry("min.insync.replicas", "1"),
      Map.entry("default.replication.factor", "1"));

  private SingleNodeKafka() {
  }
}
