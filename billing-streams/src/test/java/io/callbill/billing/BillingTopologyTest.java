package io.callbill.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.schemas.CallbillSerdes;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The shape of the topology: explicit names, the expected stores, the configurable prefix. */
class BillingTopologyTest {

  private final TopologyDescription description =
      BillingTopology.build(BillingConfig.defaults(), CallbillSerdes.create()).describe();

  @Test
  void noNodeOrStoreHasAGeneratedName() {
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
        .doesNotContain("STATE-STORE-");
  }

  @Test
  void twoSubTopologiesAndFourGlobalStores() {
    assertThat(description.subtopologies()).hasSize(2);
    assertThat(description.globalStores()).hasSize(4);
  }

  @Test
  void everyStoreIsAttachedWhereItIsUsed() {
    Set<String> stores = description.subtopologies().stream()
        .flatMap(s -> s.nodes().stream())
        .filter(node -> node instanceof TopologyDescription.Processor)
        .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
        .collect(Collectors.toSet());
    assertThat(stores).containsExactlyInAnyOrder(BillingStores.CALLER_PROFILES, BillingStores.CALLER_WALLETS,
        BillingStores.COIN_CREDIT_REFERENCES, BillingStores.CALL_SESSIONS, BillingStores.CALL_DEADLINES,
        BillingStores.SETTLED_CALLS, BillingStores.COMMAND_REPLIES, BillingStores.REPLAY_EXPIRY,
        BillingStores.ACCOUNT_WALLETS, BillingStores.APPLIED_CREDITS, BillingStores.APPLIED_CREDIT_EXPIRY);
  }

  @Test
  void refusedCommandsHaveADeadLetterSink() {
    assertThat(description.toString()).contains(Sinks.name(BillingTopology.CALLER_COMMANDS, Sinks.DEAD_LETTERS))
        .contains("callbill.dead-letters");
  }

  @Test
  void topicPrefixIsConfigurable() {
    String described = BillingTopology.build(new BillingConfig(Map.of(BillingConfig.TOPIC_PREFIX, "acme.")),
        CallbillSerdes.create()).describe().toString();
    assertThat(described).contains("acme.call-commands").doesNotContain("callbill.");
  }
}
