package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The caller pool and outcomes both loops share: one call per caller at a time, every outcome kept. */
class CallersInCallsTest {

  private final LoadParties parties = LoadParties.of("t", 2, 1);
  private final LoadOptions options = LoadOptions.parse(List.of());
  private final LoadStats stats = new LoadStats(System.nanoTime());

  private CallOutcome notStarted(long index, String caller) {
    return CallOutcome.notStarted(CallPlan.of(index, caller, parties, options, 7), 0, -1, List.of());
  }

  @Test
  void aCallerIsFreeAgainAfterItsCallEvenWhenDrivingItFailed() throws InterruptedException {
    CallersInCalls callers = new CallersInCalls(List.of("t-c-1"));
    String caller = callers.takeCaller();

    assertThatThrownBy(() -> callers.drive(caller, () -> {
      throw new IllegalStateException("no answer");
    }, stats)).hasMessage("no answer");
    assertThat(callers.takeCaller()).isEqualTo("t-c-1");
  }

  @Test
  void everyCallsOutcomeIsAnsweredOnceTheThreadsFinished() throws InterruptedException {
    CallersInCalls callers = new CallersInCalls(parties.callers());
    ExecutorService threads = Executors.newFixedThreadPool(2);
    for (long k = 0; k < 6; k++) {
      String caller = callers.takeCaller();
      long index = k;
      threads.execute(() -> callers.drive(caller, () -> notStarted(index, caller), stats));
    }

    List<CallOutcome> outcomes = callers.awaitAll(threads);

    assertThat(outcomes).hasSize(6);
    assertThat(outcomes).extracting(outcome -> outcome.plan().index()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L,
        4L, 5L);
    assertThat(threads.isTerminated()).isTrue();
  }
}
