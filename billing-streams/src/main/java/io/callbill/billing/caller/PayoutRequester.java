package io.callbill.billing.caller;

import io.callbill.avro.CallCommand;
import io.callbill.avro.Payout;
import io.callbill.avro.Reason;
import io.callbill.billing.ledger.LedgerEntries;
import io.callbill.billing.reply.Replies;
import java.time.Instant;

/**
 * Decides a payout's first hop. A receiver's or agency's wallet lives in the account-credits sub-topology, so this
 * task only hands the debit over, keyed by the wallet's accountKey, carrying the answer to complete; whether the
 * wallet covers it, and whether the reference was paid already, is decided there, where the balance is.
 */
final class PayoutRequester {

  private PayoutRequester() {
  }

  static Decision decide(CallCommand command, Payout payout, Instant now) {
    return new Decision.HandedOver(LedgerEntries.payoutOf(command.getCallerId(), payout,
        Replies.answer(command, Reason.PAYOUT_MADE, null, now), now));
  }
}
