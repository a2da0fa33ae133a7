package io.callbill.billing.caller;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallRecord;
import io.callbill.avro.Reason;
import io.callbill.avro.RefundAccepted;
import io.callbill.avro.RefundCall;
import io.callbill.avro.SettledCall;
import io.callbill.billing.money.CallCharge;
import io.callbill.billing.money.Money;
import io.callbill.billing.money.RefundSplit;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a refund of a settled call: the caller gets coins back, at most the charge minus earlier refunds, once per
 * reference; the receiver, platform and agency give back their parts ({@link RefundSplit}). Possible while billing
 * keeps the settled call ({@code callbill.replay.retention.seconds}); after that the call is not found here.
 */
final class CallRefunder {

  private CallRefunder() {
  }

  static Decision decide(CallCommand command, RefundCall refund, CallerView view, Instant now) {
    Optional<CallerView.Kept> kept = view.settled(refund.getCallId());
    if (kept.isEmpty() || !kept.get().call().getRecord().getCallerId().equals(command.getCallerId())) {
      return new Decision.Answer(Replies.answer(command, Reason.REFUND_CALL_NOT_FOUND, null, now));
    }
    SettledCall settled = kept.get().call();
    CallRecord record = settled.getRecord();
    long balance = view.balance(command.getCallerId());
    long refunded = record.getRefundedCoins();
    long left = record.getTotalCoins() - refunded;
    Long earlier = settled.getRefunds().get(refund.getReference());
    if (earlier != null) {
      return new Decision.Answer(Replies.answer(command, Reason.REFUND_ALREADY_MADE,
          new RefundAccepted(record.getCallId(), earlier, refunded, left, balance), now));
    }
    long coins = refund.getCoins() == null ? left : refund.getCoins();
    if (coins <= 0 || coins > left) {
      return new Decision.Answer(Replies.answer(command, Reason.REFUND_EXCEEDS,
          new RefundAccepted(record.getCallId(), 0L, refunded, left, balance), now));
    }
    RefundSplit split = RefundSplit.of(chargeOf(record), refunded, coins);
    long balanceAfter = Math.addExact(balance, coins);
    Map<String, Long> refunds = new HashMap<>(settled.getRefunds());
    refunds.put(refund.getReference(), coins);
    CallRecord refundedRecord = CallRecord.newBuilder(record).setRefundedCoins(refunded + coins).build();
    SettledCall updated = SettledCall.newBuilder(settled).setRecord(refundedRecord).setRefunds(refunds).build();
    return new Decision.Refunded(updated, kept.get().keptAt(), split, refund, balanceAfter,
        CallEvents.refunded(refundedRecord, refund.getReference(), coins, now),
        Replies.answer(command, Reason.CALL_REFUNDED,
            new RefundAccepted(record.getCallId(), coins, refunded + coins, left - coins, balanceAfter), now));
  }

  /** The settlement as the record froze it; it conserves coins ({@link CallCharge} checks). */
  private static CallCharge chargeOf(CallRecord record) {
    return new CallCharge(record.getBillableDuration(), record.getTotalCoins(), record.getFemaleEarning(),
        record.getPlatformMargin(), Money.toHundredths(record.getAdminEarned()),
        Money.toHundredths(record.getAgencyEarned()));
  }
}
