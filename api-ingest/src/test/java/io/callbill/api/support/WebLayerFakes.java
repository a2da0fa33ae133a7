package io.callbill.api.support;

import io.callbill.api.config.CallbillApiProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The fakes behind the web layer's interfaces, and a fixed clock. */
@TestConfiguration
@EnableConfigurationProperties(CallbillApiProperties.class)
public class WebLayerFakes {

  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Bean
  FakeCommandGateway fakeCommandGateway() {
    return new FakeCommandGateway();
  }

  @Bean
  FakeReferenceData fakeReferenceData() {
    return new FakeReferenceData();
  }

  @Bean
  FakeWalletBalances fakeWalletBalances() {
    return new FakeWalletBalances();
  }

  @Bean
  FakeOngoingCalls fakeOngoingCalls() {
    return new FakeOngoingCalls();
  }

  @Bean
  FakeCallHistory fakeCallHistory() {
    return new FakeCallHistory();
  }

  @Bean
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }
}
