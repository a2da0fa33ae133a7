package io.callbill.billing.caller;

import io.callbill.avro.AccountCredit;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CommandReply;
import io.callbill.avro.RefundCall;
import io.callbill.avro.SettledCall;
import io.callbill.billing.money.CallCharge;
import io.callbill.billing.money.RefundSplit;
import java.time.Instant;
import java.util.List;

/**
 * What a handler (or a deadline) decided, for {@link CallerCommandProcessor} to apply to the stores and emit. A
 * decision is a value: deciding reads state, only applying changes it.
 */
sealed interface Decision {

  /** Only an answer (and events, e.g. a rejected start); nothing stored changes. */
  record Answer(CommandReply reply, List<CallEvent> events) implements Decision {
    Answer(CommandReply reply) {
      this(reply, List.of());
    }
  }

  /**
   * The caller's session is opened ({@code before} null) or changed.
   *
   * @param publish whether active-calls gets the new session (start, accept, a new maxSeconds)
   * @param reply the answer, or null when billing's own clock made the change
   */
  record SessionChanged(ActiveCall before, ActiveCall after, boolean publish, List<CallEvent> events,
                        CommandReply reply, Instant at) implements Decision {
  }

  /**
   * The call closes.
   *
   * @param reply the answer to the end, kept for later ends of the same call (a settlement, or a refusal)
   * @param clientWaiting false when billing closed it itself: the reply is only kept, not sent
   * @param charge the money moved, or null when nothing is charged
   */
  record Closing(ActiveCall session, CallRecord record, CallEvent event, CommandReply reply, boolean clientWaiting,
                 CallCharge charge, long callerBalanceAfter) implements Decision {
  }

  /** A closed call ended again (the other side, a retry, an end after a cutoff): its settlement again. */
  record Replay(SettledCall settled, CommandReply reply) implements Decision {
  }

  /** Coins credited; an ongoing call gets the longer maxSeconds the new balance pays for. */
  record CoinsCredited(String callerId, String reference, long amount, long balanceAfter, ActiveCall before,
                       ActiveCall after, CommandReply reply) implements Decision {
  }

  /**
   * Money whose wallet lives in another partition (a payout): handed to the task that owns it on account-credits,
   * which applies it once and answers the command.
   */
  record HandedOver(AccountCredit credit) implements Decision {
  }

  /**
   * A settled call refunded: the caller's coins back, the record with its new refundedCoins, the parties' debits.
   *
   * @param settled the kept call with the new record and this refund's reference
   */
  record Refunded(SettledCall settled, long settledAt, RefundSplit split, RefundCall refund,
                  long callerBalanceAfter, CallEvent event, CommandReply reply) implements Decision {
  }

  /** The receiver rated a settled call. */
  record Rated(SettledCall settled, long settledAt, CommandReply reply) implements Decision {
  }
}
