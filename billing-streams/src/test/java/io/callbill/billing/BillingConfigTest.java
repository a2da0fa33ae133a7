package io.callbill.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BillingConfigTest {

  @Test
  void defaultsAreTheSeedsRulesWithTheDefaultMeteringAndOneMinuteTimeouts() {
    BillingConfig config = BillingConfig.defaults();
    assertThat(config.metering()).isEqualTo(BillingConfig.DEFAULT_METERING);
    assertThat(config.meteringConnect()).isEqualTo(MeteringConnect.ACCEPT);
    assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.ringTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.cutoffWarning()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.deadlinesPerPunctuation()).isEqualTo(1000);
    assertThat(config.topicPrefix()).isEqualTo("callbill.");
  }

  @Test
  void billingMeasuresCallsByDefault() {
    assertThat(BillingConfig.DEFAULT_METERING).isEqualTo(Metering.MEASURED);
    assertThat(BillingConfig.defaults().metering()).isEqualTo(Metering.MEASURED);
  }

  @Test
  void everyPolicyIsSelectableInAnyCase() {
    for (Metering metering : Metering.values()) {
      assertThat(new BillingConfig(Map.of(BillingConfig.METERING, metering.name())).metering()).isEqualTo(metering);
    }
  }

  @Test
  void theFormerDurationPolicyKeyIsReadWhenMeteringIsNotSet() {
    assertThat(new BillingConfig(Map.of(BillingConfig.DURATION_POLICY, "reported")).metering())
        .isEqualTo(Metering.REPORTED);
    assertThat(new BillingConfig(Map.of(BillingConfig.DURATION_POLICY, "reported", BillingConfig.METERING,
        "measured")).metering()).isEqualTo(Metering.MEASURED);
  }

  @Test
  void environmentOverridesTheFile() {
    BillingConfig config = BillingConfig.from(Map.of(BillingConfig.METERING, "clamp"),
        Map.of("CALLBILL_METERING", "measured", "CALLBILL_SESSION_TTL_SECONDS", "60",
            "CALLBILL_METERING_CONNECT", "start", "CALLBILL_HEARTBEAT_TIMEOUT_SECONDS", "20",
            "CALLBILL_RING_TIMEOUT_SECONDS", "30", "CALLBILL_CUTOFF_WARNING_SECONDS", "10"));
    assertThat(config.metering()).isEqualTo(Metering.MEASURED);
    assertThat(config.meteringConnect()).isEqualTo(MeteringConnect.START);
    assertThat(config.sessionTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.cutoffWarning()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theFormerEnvironmentNameStillSelectsThePolicy() {
    assertThat(BillingConfig.from(Map.of(), Map.of("CALLBILL_DURATION_POLICY", "reported")).metering())
        .isEqualTo(Metering.REPORTED);
  }

  @Test
  void environmentNamesAreTheKeysInUpperCase() {
    assertThat(BillingConfig.environmentName(BillingConfig.METERING)).isEqualTo("CALLBILL_METERING");
    assertThat(BillingConfig.environmentName(BillingConfig.HEARTBEAT_TIMEOUT_SECONDS))
        .isEqualTo("CALLBILL_HEARTBEAT_TIMEOUT_SECONDS");
  }

  @Test
  void aHousekeepingSweepIsBoundedByDefaultAndTheBoundIsAnEnvironmentSetting() {
    assertThat(BillingConfig.defaults().housekeepingEntriesPerSweep()).isEqualTo(Retention.DEFAULT_ENTRIES_PER_SWEEP);
    assertThat(BillingConfig.from(Map.of(), Map.of("CALLBILL_HOUSEKEEPING_ENTRIES_PER_SWEEP", "1000"))
        .housekeepingEntriesPerSweep()).isEqualTo(1000);
    assertThatThrownBy(() -> new BillingConfig(Map.of(BillingConfig.HOUSEKEEPING_ENTRIES_PER_SWEEP, "0")))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void unknownPolicyOrConnectIsRefused() {
    assertThatThrownBy(() -> new BillingConfig(Map.of(BillingConfig.METERING, "trust-me")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BillingConfig(Map.of(BillingConfig.DURATION_POLICY, "trust-me")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BillingConfig(Map.of(BillingConfig.METERING_CONNECT, "answer")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BillingConfig(Map.of(BillingConfig.HEARTBEAT_TIMEOUT_SECONDS, "0")))
        .isInstanceOf(ConfigException.class);
  }
}
