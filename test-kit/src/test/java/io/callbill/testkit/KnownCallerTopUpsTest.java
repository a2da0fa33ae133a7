package io.callbill.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownCallerTopUpsTest {

  private final CallCommand first = new CallCommand("crash-topup-7", "caller-7", Instant.parse("2026-12-02T00:00:00Z"),
      new CreditCoins(50L, "ref-7"));

  @Test
  void aRepeatIsTheSameTopUpUnderTheIdOfItsAttempt() {
    CallCommand second = KnownCallerTopUps.repeat(first, 2);
    CallCommand third = KnownCallerTopUps.repeat(second, 3);

    assertThat(second.getCommandId()).isEqualTo("crash-topup-7~2");
    assertThat(third.getCommandId()).as("numbered from the first id, not stacked").isEqualTo("crash-topup-7~3");
    assertThat(third.getCommand()).isEqualTo(first.getCommand());
    assertThat(third.getCallerId()).isEqualTo(first.getCallerId());
    assertThat(third.getIssuedAt()).isEqualTo(first.getIssuedAt());
    assertThat(KnownCallerTopUps.firstCommandId(third.getCommandId())).isEqualTo("crash-topup-7");
    assertThat(KnownCallerTopUps.firstCommandId("crash-topup-7")).isEqualTo("crash-topup-7");
  }

  @Test
  void thePauseGrowsToASecond() {
    assertThat(KnownCallerTopUps.pauseMillis(2)).isEqualTo(200);
    assertThat(KnownCallerTopUps.pauseMillis(10)).isEqualTo(1_000);
    assertThat(KnownCallerTopUps.pauseMillis(20)).isEqualTo(1_000);
  }

  @Test
  void onlyATopUpRefusedForAnUnknownCallerIsRepeated() {
    assertThat(KnownCallerTopUps.refusedForNoProfile(reply(404, Reason.CALLER_NOT_FOUND))).isTrue();
    assertThat(KnownCallerTopUps.refusedForNoProfile(reply(200, Reason.COINS_CREDITED))).isFalse();
    assertThat(KnownCallerTopUps.refusedForNoProfile(reply(400, Reason.INVALID_AMOUNT))).isFalse();
  }

  @Test
  void oneTopUpIsSentAgainUnderTheIdOfEachAttemptUntilItIsNoLongerRefused() throws InterruptedException {
    List<String> sentUnder = new ArrayList<>();
    List<Long> pauses = new ArrayList<>();
    String answer = KnownCallerTopUps.untilKnown("load-7-topup", id -> {
      sentUnder.add(id);
      return sentUnder.size() < 3 ? "404" : "200";
    }, "404"::equals, pauses::add);

    assertThat(answer).isEqualTo("200");
    assertThat(sentUnder).containsExactly("load-7-topup", "load-7-topup~2", "load-7-topup~3");
    assertThat(pauses).containsExactly(200L, 300L);
  }

  @Test
  void oneTopUpRefusedEveryTimeIsSentAtMostTheAttemptsAndAnswersTheRefusal() throws InterruptedException {
    List<String> sentUnder = new ArrayList<>();
    String answer = KnownCallerTopUps.untilKnown("load-7-topup", id -> {
      sentUnder.add(id);
      return "404";
    }, "404"::equals, millis -> { });

    assertThat(answer).isEqualTo("404");
    assertThat(sentUnder).hasSize(KnownCallerTopUps.ATTEMPTS).doesNotHaveDuplicates()
        .endsWith("load-7-topup~" + KnownCallerTopUps.ATTEMPTS);
  }

  @Test
  void oneTopUpNotRefusedIsSentOnce() throws InterruptedException {
    List<String> sentUnder = new ArrayList<>();
    String answer = KnownCallerTopUps.untilKnown("load-7-topup", id -> {
      sentUnder.add(id);
      return "400";
    }, "404"::equals, millis -> { });

    assertThat(answer).isEqualTo("400");
    assertThat(sentUnder).containsExactly("load-7-topup");
  }

  private CommandReply reply(int status, Reason reason) {
    return new CommandReply(first.getCommandId(), first.getCallerId(), status, status == 200, "", null,
        Instant.parse("2026-12-02T00:00:01Z"), reason);
  }
}
