package io.callbill.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BillingConfigTest {

  @Test
  void defaultsAreTheSeedsRulesWithClampPolicy() {
    BillingConfig config = BillingConfig.defaults();
    assertThat(config.durationPolicy()).isEqualTo(DurationPolicy.CLAMP);
    assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.topicPrefix()).isEqualTo("callbill.");
  }

  @Test
  void environmentOverridesTheFile() {
    BillingConfig config = BillingConfig.from(Map.of(BillingConfig.DURATION_POLICY, "clamp"),
        Map.of("CALLBILL_DURATION_POLICY", "reported", "CALLBILL_SESSION_TTL_SECONDS", "60"));
    assertThat(config.durationPolicy()).isEqualTo(DurationPolicy.REPORTED);
    assertThat(config.sessionTtl()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void unknownPolicyIsRefused() {
    assertThatThrownBy(() -> new BillingConfig(Map.of(BillingConfig.DURATION_POLICY, "trust-me")))
        .isInstanceOf(ConfigException.class);
  }
}
