package io.callbill.proofs.crash;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerEntry;
import io.callbill.schemas.LedgerEntryIds;
import io.callbill.testkit.oracle.BillingOracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks what the topics hold, read_committed from the beginning, against the model: every answer to a retried
 * command identical to the first, one call record per call with
 * the modelled money and the modelled end (the caller, or billing's cutoff or abandon), the ledger's entry ids unique and exactly the expected ones with their amounts, each call's
 * entries summing to zero, every balance update non-negative, and each account's latest balance equal both to the
 * model and to the sum of its ledger entries. Returns the violations found (none when clean).
 */
final class TopicChecks {

  private final CallPlan plan;
  private final IntFunction<String> callIds;
  private final Expected expected;
  private final List<String> violations = new ArrayList<>();

  TopicChecks(CallPlan plan, IntFunction<String> callIds) {
    this.plan = plan;
    this.callIds = callIds;
    this.expected = Expected.of(plan, callIds);
  }

  Expected expected() {
    return expected;
  }

  List<String> check(List<ConsumerRecord<String, CallRecord>> history, List<ConsumerRecord<String, LedgerEntry>> ledger,
                     List<ConsumerRecord<String, AccountBalance>> balances) {
    return check(List.of(), history, ledger, balances);
  }

  List<String> check(List<ConsumerRecord<String, CommandReply>> replies,
                     List<ConsumerRecord<String, CallRecord>> history, List<ConsumerRecord<String, LedgerEntry>> ledger,
                     List<ConsumerRecord<String, AccountBalance>> balances) {
    checkReplies(replies);
    checkHistory(history);
    checkLedger(ledger);
    checkBalances(balances, ledger);
    return violations;
  }

  /** A retried command is answered again with the very same answer (a retried end: the same settlement). */
  private void checkReplies(List<ConsumerRecord<String, CommandReply>> replies) {
    Map<String, CommandReply> first = new HashMap<>();
    for (ConsumerRecord<String, CommandReply> record : replies) {
      CommandReply earlier = first.putIfAbsent(record.key(), record.value());
      if (earlier != null && !earlier.equals(record.value())) {
        violations.add("command " + record.key() + " answered differently on a retry: " + earlier + " then "
            + record.value());
      }
    }
  }

  private void checkHistory(List<ConsumerRecord<String, CallRecord>> history) {
    Map<String, List<CallRecord>> byCallId = history.stream()
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(ConsumerRecord::value,
            Collectors.toList())));
    Set<String> planned = new HashSet<>();
    for (CallPlan.Call call : plan.calls()) {
      String callId = callIds.apply(call.number());
      if (callId == null) {
        violations.add("call " + call.number() + " of " + call.callerId() + " never started");
        continue;
      }
      planned.add(callId);
      List<CallRecord> records = byCallId.getOrDefault(callId, List.of());
      if (records.size() != 1) {
        violations.add("call " + callId + " has " + records.size() + " call-history records, expected 1");
        if (records.isEmpty()) {
          continue;
        }
      }
      CallRecord record = records.get(0);
      BillingOracle.Charge charge = call.charge();
      String actual = String.format("%s by %s billable %d total %d earning %d margin %d admin %d agency %d",
          record.getStatus(), record.getEndedBy(), record.getBillableDuration(), record.getTotalCoins(),
          record.getFemaleEarning(), record.getPlatformMargin(),
          record.getAdminEarned().movePointRight(2).longValueExact(),
          record.getAgencyEarned().movePointRight(2).longValueExact());
      String wanted = String.format("%s by %s billable %d total %d earning %d margin %d admin %d agency %d",
          CallStatus.completed, CallLoad.endedBy(call), charge.billableSeconds(), charge.totalCoins(),
          charge.femaleEarning(), charge.platformMargin(), charge.adminHundredths(), charge.agencyHundredths());
      if (!actual.equals(wanted) || !record.getCallerId().equals(call.callerId())
          || !record.getReceiverId().equals(call.receiverId())) {
        violations.add("call " + callId + " recorded " + actual + ", expected " + wanted);
      }
    }
    Set<String> unplanned = new HashSet<>(byCallId.keySet());
    unplanned.removeAll(planned);
    if (!unplanned.isEmpty()) {
      violations.add("call-history holds calls nobody made: " + unplanned);
    }
  }

  private void checkLedger(List<ConsumerRecord<String, LedgerEntry>> ledger) {
    Map<String, Long> actual = new HashMap<>();
    Map<String, Long> perCall = new HashMap<>();
    for (ConsumerRecord<String, LedgerEntry> record : ledger) {
      LedgerEntry entry = record.value();
      long signed = Expected.signed(entry.getAction(), entry.getAmount());
      if (actual.put(record.key(), signed) != null) {
        violations.add("ledger entry " + record.key() + " written more than once");
      }
      if (entry.getBalanceAfter().signum() < 0) {
        violations.add("ledger entry " + record.key() + " leaves a negative balance " + entry.getBalanceAfter());
      }
      if (!LedgerEntryIds.isTopUp(record.key())) {
        perCall.merge(entry.getRelatedId(), signed, Long::sum);
      }
    }
    Set<String> missing = new HashSet<>(expected.signedEntries().keySet());
    missing.removeAll(actual.keySet());
    if (!missing.isEmpty()) {
      violations.add(missing.size() + " ledger entries missing, e.g. " + missing.iterator().next());
    }
    Set<String> extra = new HashSet<>(actual.keySet());
    extra.removeAll(expected.signedEntries().keySet());
    if (!extra.isEmpty()) {
      violations.add(extra.size() + " unexpected ledger entries, e.g. " + extra.iterator().next());
    }
    expected.signedEntries().forEach((id, amount) -> {
      Long found = actual.get(id);
      if (found != null && found.longValue() != amount) {
        violations.add("ledger entry " + id + " moves " + found + " hundredths, expected " + amount);
      }
    });
    perCall.forEach((callId, sum) -> {
      if (sum != 0) {
        violations.add("ledger entries of call " + callId + " sum to " + sum + " hundredths, not 0");
      }
    });
  }

  private void checkBalances(List<ConsumerRecord<String, AccountBalance>> balances,
                             List<ConsumerRecord<String, LedgerEntry>> ledger) {
    Map<String, Long> latest = new HashMap<>();
    for (ConsumerRecord<String, AccountBalance> record : balances) {
      long hundredths = record.value().getBalance().movePointRight(2).longValueExact();
      if (hundredths < 0) {
        violations.add("balance of " + record.key() + " went negative: " + record.value().getBalance());
      }
      latest.put(record.key(), hundredths);
    }
    Map<String, Long> fromBalances = new HashMap<>();
    latest.forEach((key, value) -> fromBalances.merge(Expected.account(key), value, Long::sum));
    Map<String, Long> fromLedger = new HashMap<>();
    for (ConsumerRecord<String, LedgerEntry> record : ledger) {
      fromLedger.merge(Expected.account(record.value().getAccountKey()),
          Expected.signed(record.value().getAction(), record.value().getAmount()), Long::sum);
    }
    Set<String> accounts = new HashSet<>(expected.balances().keySet());
    accounts.addAll(fromBalances.keySet());
    accounts.addAll(fromLedger.keySet());
    for (String account : accounts) {
      long model = expected.balances().getOrDefault(account, 0L);
      long topic = fromBalances.getOrDefault(account, 0L);
      long sum = fromLedger.getOrDefault(account, 0L);
      if (model != topic || model != sum) {
        violations.add(String.format("wallet %s: model %d, balances topic %d, ledger credits minus debits %d"
            + " (hundredths)", account, model, topic, sum));
      }
    }
  }
}
