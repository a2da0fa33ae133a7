package io.callbill.billing.ledger;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountCredit;
import io.callbill.avro.AccountType;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Payout;
import io.callbill.avro.RefundCall;
import io.callbill.billing.money.Money;
import io.callbill.billing.money.RefundSplit;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.LedgerEntryIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger side of billing: the caller's debit of a call, its top-ups, and the credits a settled call owes the
 * receiver, the platform and the agency (applied in their own partitions). Entry ids are derived from the call or
 * the top-up reference, so an entry is identified by what caused it and written once.
 */
public final class LedgerEntries {

  public static final String CALL_HISTORY = "CallHistory";
  public static final String COIN_CREDIT = "CoinCredit";
  public static final String PAYOUT = "Payout";

  private final int platformShards;

  public LedgerEntries(int platformShards) {
    this.platformShards = platformShards;
  }

  public static String receiverEntryId(String callId) {
    return LedgerEntryIds.receiverCredit(callId);
  }

  /** The caller pays for a completed call. */
  public LedgerEntry callerDebit(CallRecord call, long balanceAfter, Instant now) {
    return LedgerEntry.newBuilder()
        .setEntryId(LedgerEntryIds.callerDebit(call.getCallId()))
        .setUserType(AccountType.caller)
        .setUserId(call.getCallerId())
        .setAccountKey(AccountKeys.caller(call.getCallerId()))
        .setOperationType("coin")
        .setAction(LedgerAction.debit)
        .setAmount(Money.coins(call.getTotalCoins()))
        .setMessage("Video/Audio call with " + call.getReceiverId() + " for " + call.getBillableDuration()
            + " seconds (Female earning: " + call.getFemaleEarning() + ", Platform margin: "
            + call.getPlatformMargin() + ")")
        .setBalanceAfter(Money.coins(balanceAfter))
        .setCreatedBy(call.getCallerId())
        .setRelatedId(call.getCallId())
        .setRelatedModel(CALL_HISTORY)
        .setCreatedAt(now)
        .build();
  }

  /** A coin top-up of a caller. */
  public LedgerEntry callerTopUp(String callerId, String reference, long amount, long balanceAfter, Instant now) {
    return LedgerEntry.newBuilder()
        .setEntryId(LedgerEntryIds.topUp(callerId, reference))
        .setUserType(AccountType.caller)
        .setUserId(callerId)
        .setAccountKey(AccountKeys.caller(callerId))
        .setOperationType("coin")
        .setAction(LedgerAction.credit)
        .setAmount(Money.coins(amount))
        .setMessage("Coin credit " + reference)
        .setBalanceAfter(Money.coins(balanceAfter))
        .setCreatedBy(callerId)
        .setRelatedId(reference)
        .setRelatedModel(COIN_CREDIT)
        .setCreatedAt(now)
        .build();
  }

  /**
   * What a completed call owes the other parties: the receiver's earning (carrying the reply to complete with her
   * new balance), the platform's share and the agency's share. Zero amounts are left out, except the receiver's,
   * which always carries the reply.
   */
  public List<AccountCredit> creditsOf(CallRecord call, CommandReply reply, Instant now) {
    List<AccountCredit> credits = new ArrayList<>(3);
    credits.add(credit(call, receiverEntryId(call.getCallId()), AccountType.receiver, call.getReceiverId(),
        AccountKeys.receiver(call.getReceiverId()), "wallet", Money.toHundredths(Money.coins(call.getFemaleEarning())),
        "Earnings from call with " + call.getCallerId() + " for " + call.getBillableDuration() + " seconds", now)
        .setReply(reply).build());
    long admin = Money.toHundredths(call.getAdminEarned());
    if (admin > 0) {
      credits.add(credit(call, LedgerEntryIds.ofCall(call.getCallId(), AccountType.platform), AccountType.platform, AccountKeys.PLATFORM_ID,
          AccountKeys.platformShard(platformShard(call.getCallId())), "revenue", admin,
          "Platform margin from call " + call.getCallId(), now).build());
    }
    long agency = Money.toHundredths(call.getAgencyEarned());
    if (agency > 0 && call.getAgencyId() != null) {
      credits.add(credit(call, LedgerEntryIds.ofCall(call.getCallId(), AccountType.agency), AccountType.agency, call.getAgencyId(),
          AccountKeys.agency(call.getAgencyId()), "wallet", agency,
          "Agency commission from call between " + call.getCallerId() + " and " + call.getReceiverId() + " for "
              + call.getBillableDuration() + " seconds", now).build());
    }
    return credits;
  }

  /** Asks the receiver's partition to send a stored settlement again, completed with that call's balance after. */
  public AccountCredit replayOf(String callId, String receiverId, CommandReply reply, Instant now) {
    return AccountCredit.newBuilder()
        .setEntryId(receiverEntryId(callId))
        .setUserType(AccountType.receiver)
        .setUserId(receiverId)
        .setAccountKey(AccountKeys.receiver(receiverId))
        .setOperationType("wallet")
        .setAmount(Money.hundredths(0))
        .setMessage("Replay of the settlement of " + callId)
        .setCreatedBy(receiverId)
        .setRelatedId(callId)
        .setRelatedModel(CALL_HISTORY)
        .setCreatedAt(now)
        .setReplayOnly(true)
        .setReply(reply)
        .build();
  }

  /**
   * A payout as a debit of the wallet that owns it ({@code coverRequired}: never below zero), once per reference:
   * its entry id is the wallet's and the reference's.
   */
  public static AccountCredit payoutOf(String accountKey, Payout payout, CommandReply reply, Instant now) {
    return AccountCredit.newBuilder()
        .setEntryId(LedgerEntryIds.payout(accountKey, payout.getReference()))
        .setUserType(payout.getAccountType())
        .setUserId(payout.getAccountId())
        .setAccountKey(accountKey)
        .setOperationType("wallet")
        .setAmount(Money.hundredths(-Money.toHundredths(payout.getAmount())))
        .setEarningType(null)
        .setMessage("Payout " + payout.getReference())
        .setCreatedBy("admin")
        .setRelatedId(payout.getReference())
        .setRelatedModel(PAYOUT)
        .setCreatedAt(now)
        .setCoverRequired(true)
        .setReply(reply)
        .build();
  }

  /** The caller's coins back from a refund of his call. */
  public LedgerEntry callerRefund(CallRecord call, RefundCall refund, RefundSplit split, long balanceAfter,
                                  Instant now) {
    return LedgerEntry.newBuilder()
        .setEntryId(LedgerEntryIds.refund(call.getCallId(), refund.getReference(), AccountType.caller))
        .setUserType(AccountType.caller)
        .setUserId(call.getCallerId())
        .setAccountKey(AccountKeys.caller(call.getCallerId()))
        .setOperationType("coin")
        .setAction(LedgerAction.credit)
        .setAmount(Money.coins(split.coins()))
        .setMessage("Refund " + refund.getReference() + " of call " + call.getCallId() + ": " + refund.getReason())
        .setBalanceAfter(Money.coins(balanceAfter))
        .setCreatedBy("admin")
        .setRelatedId(call.getCallId())
        .setRelatedModel(CALL_HISTORY)
        .setCreatedAt(now)
        .build();
  }

  /**
   * What a refund takes back from the parties the call paid, as debits (negative amounts) applied in their
   * partitions; never refused there, so a wallet may go below zero. Zero amounts are left out. The platform's part
   * comes out of the shard the call credited.
   */
  public List<AccountCredit> refundDebitsOf(CallRecord call, RefundCall refund, RefundSplit split, Instant now) {
    String message = "Refund " + refund.getReference() + " of call " + call.getCallId() + ": " + refund.getReason();
    List<AccountCredit> debits = new ArrayList<>(3);
    if (split.receiverHundredths() > 0) {
      debits.add(credit(call, LedgerEntryIds.refund(call.getCallId(), refund.getReference(), AccountType.receiver), AccountType.receiver, call.getReceiverId(),
          AccountKeys.receiver(call.getReceiverId()), "wallet", -split.receiverHundredths(), message, now)
          .setEarningType("refund").setCreatedBy("admin").build());
    }
    if (split.adminHundredths() > 0) {
      debits.add(credit(call, LedgerEntryIds.refund(call.getCallId(), refund.getReference(), AccountType.platform), AccountType.platform, AccountKeys.PLATFORM_ID,
          AccountKeys.platformShard(platformShard(call.getCallId())), "revenue", -split.adminHundredths(), message,
          now).setEarningType("refund").setCreatedBy("admin").build());
    }
    if (split.agencyHundredths() > 0 && call.getAgencyId() != null) {
      debits.add(credit(call, LedgerEntryIds.refund(call.getCallId(), refund.getReference(), AccountType.agency), AccountType.agency, call.getAgencyId(),
          AccountKeys.agency(call.getAgencyId()), "wallet", -split.agencyHundredths(), message, now)
          .setEarningType("refund").setCreatedBy("admin").build());
    }
    return debits;
  }

  /** The ledger entry of an applied credit; a negative amount (a payout, a refund's debit) is a debit. */
  public static LedgerEntry entryOf(AccountCredit credit, long balanceAfterHundredths) {
    boolean debit = credit.getAmount().signum() < 0;
    return LedgerEntry.newBuilder()
        .setEntryId(credit.getEntryId())
        .setUserType(credit.getUserType())
        .setUserId(credit.getUserId())
        .setAccountKey(credit.getAccountKey())
        .setOperationType(credit.getOperationType())
        .setAction(debit ? LedgerAction.debit : LedgerAction.credit)
        .setAmount(credit.getAmount().abs())
        .setEarningType(credit.getEarningType())
        .setMessage(credit.getMessage())
        .setBalanceAfter(Money.hundredths(balanceAfterHundredths))
        .setCreatedBy(credit.getCreatedBy())
        .setRelatedId(credit.getRelatedId())
        .setRelatedModel(credit.getRelatedModel())
        .setCreatedAt(credit.getCreatedAt())
        .build();
  }

  public static AccountBalance balance(AccountType type, String userId, String accountKey, long hundredths,
                                       Instant now) {
    return AccountBalance.newBuilder()
        .setAccountKey(accountKey)
        .setUserType(type)
        .setUserId(userId)
        .setBalance(Money.hundredths(hundredths))
        .setUpdatedAt(now)
        .build();
  }

  /** Spreads platform revenue over shards by call, so no single key takes the credit of every call. */
  int platformShard(String callId) {
    return Math.floorMod(callId.hashCode(), platformShards);
  }

  private static AccountCredit.Builder credit(CallRecord call, String entryId, AccountType type, String userId,
                                              String accountKey, String operationType, long hundredths,
                                              String message, Instant now) {
    return AccountCredit.newBuilder()
        .setEntryId(entryId)
        .setUserType(type)
        .setUserId(userId)
        .setAccountKey(accountKey)
        .setOperationType(operationType)
        .setAmount(Money.hundredths(hundredths))
        .setEarningType("call")
        .setMessage(message)
        .setCreatedBy(call.getCallerId())
        .setRelatedId(call.getCallId())
        .setRelatedModel(CALL_HISTORY)
        .setCreatedAt(now);
  }
}
