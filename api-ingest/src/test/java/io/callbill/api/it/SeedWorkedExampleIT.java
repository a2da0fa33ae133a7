package io.callbill.api.it;

import static io.callbill.api.it.BillingScenario.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callbill.api.it.ApiClient.Answer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's worked example over HTTP against a real broker and the real topology: 840 coins, audio at 30/min plus
 * a 12/min margin; start answers maxSeconds 1200 and malePayPerSecond 0.7; a 180 s end charges 126, earns 90, leaves
 * a margin of 36 and a balance of 714.
 */
class SeedWorkedExampleIT {

  private static final Logger log = LoggerFactory.getLogger(SeedWorkedExampleIT.class);

  @RegisterExtension
  static final WorkedExampleStack pipeline = new WorkedExampleStack();

  private static BillingScenario scenario() {
    return pipeline.scenario();
  }

  @Test
  void anAudioCallOf180SecondsCharges126Earns90AndLeaves714() {
    String caller = scenario().fundedCaller(840);
    String receiver = scenario().onlineReceiver(1);
    BigDecimal platformBefore = scenario().platformBalance();

    Answer start = scenario().startWhenKnown(caller, receiver, "audio", status(200));
    assertThat(start.success()).isTrue();
    assertThat(start.data().path("maxSeconds").asLong()).isEqualTo(1200);
    assertThat(start.data().path("malePayPerSecond").decimalValue()).isEqualByComparingTo("0.7");
    assertThat(start.data().path("femaleRatePerSecond").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(start.data().path("platformRatePerSecond").decimalValue()).isEqualByComparingTo("0.2");
    assertThat(start.data().path("callerCoinBalance").asLong()).isEqualTo(840);
    assertThat(start.data().path("isAgencyFemale").asBoolean()).isFalse();
    String callId = start.data().path("callId").asString();

    Answer active = scenario().active(caller);
    assertThat(active.status()).isEqualTo(200);
    assertThat(active.data().path("callId").asString()).isEqualTo(callId);
    assertThat(active.data().path("receiverId").asString()).isEqualTo(receiver);
    assertThat(active.data().path("callType").asString()).isEqualTo("audio");
    assertThat(active.data().path("startedAt").asString()).isNotEmpty();

    Answer end = scenario().endByCaller(caller, receiver, callId, 180);
    assertThat(end.status()).as("end %s", end).isEqualTo(200);
    assertThat(end.data().path("callId").asString()).isEqualTo(callId);
    assertThat(end.data().path("duration").asLong()).isEqualTo(180);
    assertThat(end.data().path("billableDuration").asLong()).isEqualTo(180);
    assertThat(end.data().path("totalCoins").asLong()).isEqualTo(126);
    assertThat(end.data().path("coinsDeducted").asLong()).isEqualTo(126);
    assertThat(end.data().path("femaleEarning").asLong()).isEqualTo(90);
    assertThat(end.data().path("platformMargin").asLong()).isEqualTo(36);
    assertThat(end.data().path("callerRemainingBalance").asLong()).isEqualTo(714);

    Answer afterEnd = scenario().active(caller);
    assertThat(afterEnd.status()).isEqualTo(200);
    assertThat(afterEnd.data().isNull()).as("active after end: %s", afterEnd).isTrue();
    assertThat(scenario().callerCoins(caller)).isEqualTo(714);
    scenario().awaitReceiverBalance(receiver, "90");
    Answer receiverWallet = scenario().api.get("/female-user/wallet", scenario().tokens.receiver(receiver));
    assertThat(receiverWallet.data().path("balance").decimalValue()).isEqualByComparingTo("90");
    await().atMost(BillingScenario.PROPAGATION).untilAsserted(() ->
        assertThat(scenario().platformBalance()).isEqualByComparingTo(platformBefore.add(new BigDecimal("36"))));
  }

  @Test
  void startAndEndRoundTripsStayWellWithinTheReplyTimeout() {
    String caller = scenario().fundedCaller(10_000);
    String receiver = scenario().onlineReceiver(1);
    String warmCall = scenario().startedAudioCall(caller, receiver);
    BillingScenario.expectOk(scenario().endByCaller(caller, receiver, warmCall, 30));

    List<Long> startMicros = new ArrayList<>();
    List<Long> endMicros = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Answer start = scenario().start(caller, receiver, "audio");
      BillingScenario.expectOk(start);
      Answer end = scenario().endByCaller(caller, receiver, start.data().path("callId").asString(), 60);
      BillingScenario.expectOk(end);
      startMicros.add(start.micros());
      endMicros.add(end.micros());
    }

    log.info("HTTP round trips over 20 calls: start p50 {} ms p95 {} ms; end p50 {} ms p95 {} ms",
        percentile(startMicros, 50), percentile(startMicros, 95), percentile(endMicros, 50),
        percentile(endMicros, 95));
    assertThat(percentile(startMicros, 95)).isLessThan(Duration.ofSeconds(5).toMillis());
    assertThat(percentile(endMicros, 95)).isLessThan(Duration.ofSeconds(5).toMillis());
  }

  private static double percentile(List<Long> micros, int percent) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
    return sorted.get(index) / 1000.0;
  }
}
