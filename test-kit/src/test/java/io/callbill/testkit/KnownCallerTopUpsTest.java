package io.callbill.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

  /** A client over HTTP as the rule sees it: answers its n-th sending with {@code answers} (the last one repeats). */
  private static final class Sender implements Function<String, String> {

    private final List<String> answers;
    final List<String> sentUnder = new ArrayList<>();
    final List<Long> pauses = new ArrayList<>();

    Sender(String... answers) {
      this.answers = List.of(answers);
    }

    @Override
    public String apply(String commandId) {
      sentUnder.add(commandId);
      return answers.get(Math.min(sentUnder.size(), answers.size()) - 1);
    }

    String topUp() throws InterruptedException {
      return KnownCallerTopUps.untilKnown("load-7-topup", this, "404"::equals, pauses::add);
    }
  }

  @Test
  void oneTopUpIsSentAgainUnderTheIdOfEachAttemptUntilItIsNoLongerRefused() throws InterruptedException {
    Sender sender = new Sender("404", "404", "200");

    assertThat(sender.topUp()).isEqualTo("200");
    assertThat(sender.sentUnder).containsExactly("load-7-topup", "load-7-topup~2", "load-7-topup~3");
    assertThat(sender.pauses).containsExactly(200L, 300L);
  }

  @Test
  void oneTopUpRefusedEveryTimeIsSentAtMostTheAttemptsAndAnswersTheRefusal() throws InterruptedException {
    Sender sender = new Sender("404");

    assertThat(sender.topUp()).isEqualTo("404");
    assertThat(sender.sentUnder).hasSize(KnownCallerTopUps.ATTEMPTS).doesNotHaveDuplicates()
        .endsWith("load-7-topup~" + KnownCallerTopUps.ATTEMPTS);
  }

  @Test
  void oneTopUpNotRefusedIsSentOnce() throws InterruptedException {
    Sender sender = new Sender("400");

    assertThat(sender.topUp()).isEqualTo("400");
    assertThat(sender.sentUnder).containsExactly("load-7-topup");
  }

  private CommandReply reply(int status, Reason reason) {
    return new CommandReply(first.getCommandId(), first.getCallerId(), status, status == 200, "", null,
        Instant.parse("2026-12-02T00:00:01Z"), reason);
  }
}
