package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallDriverTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void twoEndsAgreeWhenTheSettlementFiguresAreTheSame() throws Exception {
    String first = "{\"callId\":\"c1\",\"duration\":2,\"billableDuration\":30,\"totalCoins\":22,\"femaleEarning\":15,"
        + "\"platformMargin\":7,\"adminEarned\":4.2,\"agencyEarned\":2.8,\"callerRemainingBalance\":978,"
        + "\"receiverNewBalance\":15}";
    String replayed = first.replace("\"receiverNewBalance\":15", "\"receiverNewBalance\":30");
    assertThat(CallDriver.sameSettlement(JSON.readTree(first), JSON.readTree(replayed))).isTrue();
    assertThat(CallDriver.sameSettlement(JSON.readTree(first),
        JSON.readTree(first.replace("\"totalCoins\":22", "\"totalCoins\":44")))).isFalse();
  }

  @Test
  void theMixOfEndsIsFixedByTheCallNumber() {
    LoadOptions options = LoadOptions.parse(java.util.List.of());
    LoadParties parties = LoadParties.of("t", 8, 4);
    Map<CallPlan.EndKind, Long> kinds = java.util.stream.LongStream.range(0, 100)
        .mapToObj(k -> CallPlan.of(k, "t-c-1", parties, options, 7).endKind())
        .collect(java.util.stream.Collectors.groupingBy(k -> k, java.util.stream.Collectors.counting()));
    assertThat(kinds).containsEntry(CallPlan.EndKind.CALLER, 60L).containsEntry(CallPlan.EndKind.RECEIVER, 20L)
        .containsEntry(CallPlan.EndKind.BOTH, 10L).containsEntry(CallPlan.EndKind.RETRIED, 10L);
    CallPlan plan = CallPlan.of(3, "t-c-1", parties, options, 7);
    assertThat(plan.seconds()).isBetween(1, 3);
    assertThat(plan).isEqualTo(CallPlan.of(3, "t-c-1", parties, options, 7));
  }
}
