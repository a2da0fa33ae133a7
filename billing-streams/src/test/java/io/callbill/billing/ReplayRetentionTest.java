package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.StartCall;
import io.callbill.billing.reply.Messages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How long billing remembers: a settled call and its answer for the replay retention (a week), a refused command's
 * answer only for the refusal retention (15 minutes). Forgetting happens in the wall-clock sweep.
 */
class ReplayRetentionTest extends WorkedExampleBilling {

  private static final Duration WEEK = BillingConfig.defaults().replayRetention();
  private static final Duration SWEEP = Retention.SWEEP_INTERVAL;

  @Test
  void aSettledCallIsReplayedForAWeekThenForgotten() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(60));
    CommandReply ended = billing.endByCaller(CALLER, RECEIVER, callId, 60);

    billing.advance(WEEK.minus(Duration.ofMinutes(1)));
    CommandReply replayed = billing.endByReceiver(RECEIVER, CALLER, callId, 60);
    assertThat(replayed.getData()).isEqualTo(ended.getData());

    billing.advance(Duration.ofMinutes(1)).advance(SWEEP);
    assertThat(billing.driver().getTimestampedKeyValueStore(BillingStores.SETTLED_CALLS).get(callId)).isNull();
    CommandReply afterAWeek = billing.endByReceiver(RECEIVER, CALLER, callId, 60);
    assertThat(afterAWeek.getSuccess()).isFalse();
    assertThat(afterAWeek.getMessage()).isEqualTo(Messages.SESSION_NOT_FOUND);
  }

  @Test
  void aCallCanBeRefundedForAWeekAfterItClosedThenNotFound() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(60));
    billing.endByCaller(CALLER, RECEIVER, callId, 60);

    billing.advance(WEEK.minus(Duration.ofMinutes(1)));
    assertThat(billing.refund(CALLER, callId, 1L, "dispute-1").getHttpStatus()).isEqualTo(200);

    // A refund does not extend the week: it counts from when the call closed.
    billing.advance(Duration.ofMinutes(1)).advance(SWEEP);
    CommandReply afterAWeek = billing.refund(CALLER, callId, 1L, "dispute-2");
    assertThat(afterAWeek.getHttpStatus()).isEqualTo(404);
    assertThat(afterAWeek.getMessage()).isEqualTo(Messages.REFUND_CALL_NOT_FOUND);
  }

  @Test
  void aRepeatedCommandIdIsAnsweredTheSameWayForAWeek() {
    String commandId = "start-once";
    CommandReply first = billing.send(CALLER, commandId, new StartCall(RECEIVER, CallType.audio));

    billing.advance(WEEK.minus(Duration.ofMinutes(1)));
    assertThat(billing.send(CALLER, commandId, new StartCall(RECEIVER, CallType.audio)).getData())
        .isEqualTo(first.getData());
    assertThat(billing.driver().getTimestampedKeyValueStore(BillingStores.COMMAND_REPLIES).get(commandId))
        .isNotNull();
    billing.advance(Duration.ofMinutes(1)).advance(SWEEP);
    assertThat(billing.driver().getTimestampedKeyValueStore(BillingStores.COMMAND_REPLIES).get(commandId)).isNull();
  }

  @Test
  void aRefusalIsKeptOnlyForTheRetryWindow() {
    billing.caller("broke");
    String commandId = "start-without-coins";
    CommandReply refused = billing.send("broke", commandId, new StartCall(RECEIVER, CallType.audio));
    assertThat(refused.getSuccess()).isFalse();

    billing.advance(Duration.ofMinutes(14));
    assertThat(billing.driver().getTimestampedKeyValueStore(BillingStores.COMMAND_REPLIES).get(commandId))
        .isNotNull();
    billing.advance(Duration.ofMinutes(1)).advance(SWEEP);
    assertThat(billing.driver().getTimestampedKeyValueStore(BillingStores.COMMAND_REPLIES).get(commandId)).isNull();
  }

  @Test
  void appliedCreditsAreForgottenAfterTheWeek() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(60));
    billing.endByCaller(CALLER, RECEIVER, callId, 60);
    var applied = billing.driver().<String, Long>getTimestampedKeyValueStore(BillingStores.APPLIED_CREDITS);
    assertThat(applied.approximateNumEntries()).isPositive();

    billing.advance(WEEK).advance(SWEEP);

    assertThat(applied.approximateNumEntries()).isZero();
    assertThat(billing.driver().getKeyValueStore(BillingStores.APPLIED_CREDIT_EXPIRY).approximateNumEntries())
        .isZero();
  }
}
