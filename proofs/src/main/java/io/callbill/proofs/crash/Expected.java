package io.callbill.proofs.crash;

import io.callbill.avro.AccountType;
import io.callbill.avro.LedgerAction;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.LedgerEntryIds;
import io.callbill.testkit.oracle.BillingOracle;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The ledger a crash run must leave, from the {@link CallPlan} and the call ids billing gave: every entry id with its
 * signed amount in hundredths, and every account's final balance in hundredths (the platform as one account, the sum
 * of its shards).
 */
record Expected(Map<String, Long> signedEntries, Map<String, Long> balances) {

  static final String PLATFORM = "platform:*";

  static Expected of(CallPlan plan, IntFunction<String> callIds) {
    Map<String, Long> entries = new HashMap<>();
    Map<String, Long> balances = new HashMap<>();
    for (String callerId : plan.callers()) {
      if (plan.shortOfCoins(callerId)) {
        continue; // topped up call by call
      }
      long credit = CallPlan.CREDIT_COINS * 100;
      entries.put(LedgerEntryIds.topUp(callerId, CallPlan.creditReference(callerId)), credit);
      balances.merge(AccountKeys.caller(callerId), credit, Long::sum);
    }
    for (CallPlan.Call call : plan.calls()) {
      if (call.topUpCoins() > 0) {
        entries.put(LedgerEntryIds.topUp(call.callerId(), call.topUpReference()), call.topUpCoins() * 100);
        balances.merge(AccountKeys.caller(call.callerId()), call.topUpCoins() * 100, Long::sum);
      }
      String callId = callIds.apply(call.number());
      if (callId == null) {
        continue; // never started: reported by the history check
      }
      BillingOracle.Charge charge = call.charge();
      entries.put(LedgerEntryIds.callerDebit(callId), -charge.totalCoins() * 100);
      balances.merge(AccountKeys.caller(call.callerId()), -charge.totalCoins() * 100, Long::sum);
      entries.put(LedgerEntryIds.receiverCredit(callId), charge.femaleEarning() * 100);
      balances.merge(AccountKeys.receiver(call.receiverId()), charge.femaleEarning() * 100, Long::sum);
      if (charge.adminHundredths() > 0) {
        entries.put(LedgerEntryIds.ofCall(callId, AccountType.platform), charge.adminHundredths());
        balances.merge(PLATFORM, charge.adminHundredths(), Long::sum);
      }
      if (charge.agencyHundredths() > 0) {
        entries.put(LedgerEntryIds.ofCall(callId, AccountType.agency), charge.agencyHundredths());
        balances.merge(AccountKeys.agency(call.agencyId()), charge.agencyHundredths(), Long::sum);
      }
    }
    return new Expected(Map.copyOf(entries), Map.copyOf(balances));
  }

  static long signed(LedgerAction action, java.math.BigDecimal amount) {
    long hundredths = amount.movePointRight(2).longValueExact();
    return action == LedgerAction.debit ? -hundredths : hundredths;
  }

  /** The account a balance counts in: platform shards fold into one. */
  static String account(String accountKey) {
    return AccountKeys.isPlatform(accountKey) ? PLATFORM : accountKey;
  }
}
