package io.callbill.schemas;

import io.callbill.avro.AccountType;

/**
 * Ids of ledger entries: the key of the ledger topic and the primary key of the ledger_entries table. Each is derived
 * from what the entry is about (a call and a party, a top-up's or payout's reference), so a replayed command writes
 * the same id again and the sink's upsert keeps one row: this is the ledger's exactly-once at the table.
 *
 * <p>The one place an id is spelled: billing writes with it, and the checks (crash, topic and reconcile checks, the
 * ITs) compute their expected ids with it.
 */
public final class LedgerEntryIds {

  private static final String TOP_UP = "topup:";
  private static final String PAYOUT = "payout:";
  private static final String REFUND = ":refund:";

  private LedgerEntryIds() {
  }

  /** The entry of a settled call for one party: the caller's debit, the receiver's, platform's or agency's credit. */
  public static String ofCall(String callId, AccountType party) {
    return callId + ":" + party.name();
  }

  /** The caller's debit of a settled call. */
  public static String callerDebit(String callId) {
    return ofCall(callId, AccountType.caller);
  }

  /** The receiver's earning of a settled call; also the id billing replays her reply with. */
  public static String receiverCredit(String callId) {
    return ofCall(callId, AccountType.receiver);
  }

  /** A coin credit (top-up) of a caller, one per reference. */
  public static String topUp(String callerId, String reference) {
    return TOP_UP + callerId + ":" + reference;
  }

  /** A payout from a wallet (by its account key), one per reference. */
  public static String payout(String accountKey, String reference) {
    return PAYOUT + accountKey + ":" + reference;
  }

  /** One party's share of a refund of a call, one per refund reference. */
  public static String refund(String callId, String reference, AccountType party) {
    return callId + REFUND + reference + ":" + party.name();
  }

  public static boolean isTopUp(String entryId) {
    return entryId.startsWith(TOP_UP);
  }

  public static boolean isRefund(String entryId) {
    return entryId.contains(REFUND);
  }
}
