package io.callbill.billing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.billing.testkit.TopicInspector;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provisioner against a real broker: creation, compaction, idempotence, the co-partitioning check. */
class TopicProvisionerIT {

  @RegisterExtension
  static final KafkaBroker BROKER = new KafkaBroker();

  private static final CallbillSerdes SERDES = CallbillSerdes.create();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void createsEveryMissingTopicCompactedWhereTheRegistrySaysSo() throws Exception {
    Topics topics = new Topics("create.", SERDES);

    List<String> created = provision(topics, 3);

    // The dead letters are provisioned too (issue 10): every topic billing reads or writes.
    assertThat(created).containsExactlyInAnyOrderElementsOf(
        TopicProvisioner.provisioned(topics).stream().map(Topic::name).toList());
    try (Admin admin = BROKER.admin()) {
      TopicInspector inspector = new TopicInspector(admin);
      for (Topic<?, ?> topic : TopicProvisioner.provisioned(topics)) {
        assertThat(inspector.partitionCount(topic.name())).as(topic.name()).isEqualTo(3);
        assertThat(inspector.config(topic.name(), TopicConfig.CLEANUP_POLICY_CONFIG)).as(topic.name())
            .isEqualTo(topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
      }
    }
  }

  @Test
  void provisioningTwiceCreatesNothingTheSecondTime() {
    Topics topics = new Topics("twice.", SERDES);
    provision(topics, 2);

    assertThat(provision(topics, 2)).isEmpty();
  }

  @Test
  void leavesExistingTopicsAsTheyAreAndCreatesTheRest() throws Exception {
    Topics topics = new Topics("partly.", SERDES);
    try (Admin admin = BROKER.admin()) {
      admin.createTopics(List.of(new NewTopic(topics.ledger.name(), 1, (short) 1))).all().get();
    }

    List<String> created = provision(topics, 3);

    assertThat(created).doesNotContain(topics.ledger.name()).hasSize(TopicProvisioner.provisioned(topics).size() - 1);
    try (Admin admin = BROKER.admin()) {
      assertThat(new TopicInspector(admin).partitionCount(topics.ledger.name())).isEqualTo(1);
    }
  }

  @Test
  void refusesCoPartitionedTopicsWithDifferentPartitionCounts() throws Exception {
    Topics topics = new Topics("skewed.", SERDES);
    try (Admin admin = BROKER.admin()) {
      admin.createTopics(List.of(new NewTopic(topics.callers.name(), 2, (short) 1))).all().get();
    }

    assertThatThrownBy(() -> provision(topics, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("skewed.call-commands=3")
        .hasMessageContaining("skewed.callers=2")
        .hasMessageContaining("skewed.account-credits=3");
  }

  private static List<String> provision(Topics topics, int partitions) {
    try (Admin admin = BROKER.admin()) {
      return new TopicProvisioner(admin, TIMEOUT).provision(topics, partitions, (short) 1);
    }
  }
}
