package io.callbill.billing.caller;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.AccountType;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.Payout;
import io.callbill.avro.RateCall;
import io.callbill.avro.Reason;
import io.callbill.avro.RefundCall;
import io.callbill.avro.StartCall;
import io.callbill.schemas.AccountKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What billing relies on before any handler runs: a command id to answer, the key naming the caller whose state this
 * task holds, a time the broker accepts, and fields in range. A command that breaks one is refused (when its id is
 * readable) and goes to the dead letters with the reason; it never touches state and never stops billing.
 */
final class CommandInvariants {

  /**
   * How far a command's time may be ahead of this instance's clock. Outputs carry the command's time, and brokers
   * refuse records stamped more than an hour ahead (log.message.timestamp.after.max.ms): such a record would stall
   * the task's transaction, so it is refused here.
   */
  static final Duration MAX_COMMAND_AHEAD = Duration.ofMinutes(10);

  private static final Set<CallParty> ACCEPTING = Set.of(CallParty.receiver, CallParty.platform);
  private static final Set<AccountType> PAID_OUT = Set.of(AccountType.receiver, AccountType.agency);
  private static final Set<CallParty> ON_A_CALL = Set.of(CallParty.caller, CallParty.receiver, CallParty.platform);

  private CommandInvariants() {
  }

  /** Why {@code command}, read under {@code key} at {@code time}, cannot be applied; empty when it can. */
  static Optional<Reason> breach(String key, CallCommand command, Instant time, Instant wallClock) {
    if (isBlank(command.getCommandId())) {
      return Optional.of(Reason.COMMAND_ID_REQUIRED);
    }
    if (isBlank(command.getCallerId())) {
      return Optional.of(Reason.CALLER_ID_REQUIRED);
    }
    if (!command.getCallerId().equals(key)) {
      // Keyed elsewhere, this caller's state is not in this task: refuse rather than act on the wrong wallet.
      return Optional.of(Reason.CALLER_MISMATCH);
    }
    if (time.isAfter(wallClock.plus(MAX_COMMAND_AHEAD))) {
      return Optional.of(Reason.COMMAND_IN_FUTURE);
    }
    if (command.getCommand() instanceof Payout payout) {
      return payoutBreach(key, payout);
    }
    return payloadBreach(command.getCommand());
  }

  /**
   * A payout travels on call-commands under the wallet's accountKey (callerId = that key), so it lands in the
   * partition number that owns the wallet on account-credits; any other key would debit a wallet in the wrong task.
   */
  private static Optional<Reason> payoutBreach(String key, Payout payout) {
    if (!PAID_OUT.contains(payout.getAccountType())) {
      return Optional.of(Reason.PAYOUT_ACCOUNT_NOT_ALLOWED);
    }
    if (isBlank(payout.getAccountId())) {
      return Optional.of(Reason.ACCOUNT_ID_REQUIRED);
    }
    if (!AccountKeys.of(payout.getAccountType(), payout.getAccountId()).equals(key)) {
      return Optional.of(Reason.ACCOUNT_KEY_MISMATCH);
    }
    if (payout.getAmount().signum() <= 0 || payout.getAmount().stripTrailingZeros().scale() > 2) {
      return Optional.of(Reason.INVALID_PAYOUT_AMOUNT);
    }
    return require(!isBlank(payout.getReference()), Reason.REFERENCE_REQUIRED);
  }

  private static Optional<Reason> payloadBreach(Object payload) {
    if (payload instanceof StartCall start) {
      return require(!isBlank(start.getReceiverId()), Reason.RECEIVER_ID_REQUIRED);
    }
    if (payload instanceof EndCall end) {
      if (isBlank(end.getCallId())) {
        return Optional.of(Reason.CALL_ID_REQUIRED);
      }
      if (end.getReportedDurationSeconds() < 0) {
        return Optional.of(Reason.DURATION_NEGATIVE);
      }
      return party(end.getEndedBy(), ON_A_CALL, end.getReceiverId());
    }
    if (payload instanceof AcceptCall accept) {
      return isBlank(accept.getCallId()) ? Optional.of(Reason.CALL_ID_REQUIRED)
          : party(accept.getParty(), ACCEPTING, accept.getReceiverId());
    }
    if (payload instanceof Heartbeat heartbeat) {
      return isBlank(heartbeat.getCallId()) ? Optional.of(Reason.CALL_ID_REQUIRED)
          : party(heartbeat.getParty(), ON_A_CALL, heartbeat.getReceiverId());
    }
    if (payload instanceof CreditCoins credit) {
      return credit.getAmount() <= 0 ? Optional.of(Reason.INVALID_AMOUNT)
          : require(!isBlank(credit.getReference()), Reason.REFERENCE_REQUIRED);
    }
    if (payload instanceof RefundCall refund) {
      if (isBlank(refund.getCallId())) {
        return Optional.of(Reason.CALL_ID_REQUIRED);
      }
      return refund.getCoins() != null && refund.getCoins() <= 0 ? Optional.of(Reason.INVALID_REFUND_COINS)
          : require(!isBlank(refund.getReference()), Reason.REFERENCE_REQUIRED);
    }
    if (payload instanceof RateCall rating) {
      return isBlank(rating.getCallId()) ? Optional.of(Reason.CALL_ID_REQUIRED)
          : require(!isBlank(rating.getReceiverId()), Reason.RECEIVER_ID_REQUIRED);
    }
    return Optional.empty();
  }

  /**
   * Who may send it; a receiver names herself (billing checks she is the call's receiver). The caller's end names
   * the receiver too (the seed's request has it); only the platform names the call by its id alone.
   */
  private static Optional<Reason> party(CallParty party, Set<CallParty> allowed, String receiverId) {
    if (!allowed.contains(party)) {
      return Optional.of(Reason.PARTY_NOT_ALLOWED);
    }
    return require(party != CallParty.receiver || !isBlank(receiverId), Reason.RECEIVER_ID_REQUIRED);
  }

  private static Optional<Reason> require(boolean holds, Reason message) {
    return holds ? Optional.empty() : Optional.of(message);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
