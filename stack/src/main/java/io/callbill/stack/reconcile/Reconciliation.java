package io.callbill.stack.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the settlement topics say with what PostgreSQL holds, and checks that the books balance. Pure: the
 * caller reads both sides (read_committed topics, the tables) and hands them in; nothing here does I/O.
 *
 * <ul>
 *   <li>call_history and ledger_entries rows missing, extra or different (with the columns that differ);</li>
 *   <li>a ledger entry id written twice on the topic;</li>
 *   <li>a call's ledger entries (related model CallHistory) that do not sum to zero;</li>
 *   <li>a wallet whose latest balance on the balances topic is not its ledger's credits minus debits, on the topic
 *       and in the table.</li>
 * </ul>
 */
public final class Reconciliation {

  /** Entries of a call's settlement (and later corrections of it) carry this related model; they must balance. */
  static final String CALL_MODEL = "CallHistory";

  private final List<Drift> drift = new ArrayList<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  /** Rows keyed by their id, as {@link Rows} reads them. */
  public record Side(Map<String, Map<String, String>> calls, Map<String, Map<String, String>> ledger) {
  }

  /**
   * @param topics the topics' latest call record per call id and every ledger entry (an id seen twice on the topic
   *     is passed in {@code duplicateEntryIds})
   * @param tables the rows of call_history and ledger_entries
   * @param duplicateEntryIds ledger entry ids the topic holds more than once
   * @param balances the latest balance per account key on the balances topic, in coins
   * @param checkWallets whether the whole ledger was read (wallet sums need all of it, not a time window)
   */
  public static Reconciliation of(Side topics, Side tables, Set<String> duplicateEntryIds,
                                  Map<String, BigDecimal> balances, boolean checkWallets) {
    Reconciliation result = new Reconciliation();
    result.compare("call_history", topics.calls(), tables.calls());
    result.compare("ledger_entries", topics.ledger(), tables.ledger());
    duplicateEntryIds.forEach(id -> result.drift.add(Drift.of(Drift.Kind.DUPLICATE_ENTRY, id,
        "ledger entry " + id + " is on the ledger topic more than once")));
    result.checkCallsBalance(topics.ledger(), "ledger topic");
    result.checkCallsBalance(tables.ledger(), "ledger_entries");
    if (checkWallets) {
      result.checkWallets(topics.ledger(), balances, Drift.Kind.WALLET_DIFFERS_FROM_LEDGER, "ledger topic");
      result.checkWallets(tables.ledger(), balances, Drift.Kind.WALLET_DIFFERS_FROM_TABLE, "ledger_entries");
    }
    result.counts.put("callHistoryRecords", topics.calls().size());
    result.counts.put("callHistoryRows", tables.calls().size());
    result.counts.put("ledgerEntries", topics.ledger().size());
    result.counts.put("ledgerRows", tables.ledger().size());
    result.counts.put("wallets", balances.size());
    return result;
  }

  public List<Drift> drift() {
    return drift;
  }

  public boolean clean() {
    return drift.isEmpty();
  }

  /** How much was compared, by side. */
  public Map<String, Integer> counts() {
    return counts;
  }

  private void compare(String table, Map<String, Map<String, String>> topic, Map<String, Map<String, String>> rows) {
    for (Map.Entry<String, Map<String, String>> record : new TreeMap<>(topic).entrySet()) {
      Map<String, String> row = rows.get(record.getKey());
      if (row == null) {
        drift.add(Drift.of(Drift.Kind.MISSING_ROW, record.getKey(),
            table + " has no row " + record.getKey() + " that the topic holds"));
        continue;
      }
      Map<String, String[]> differing = new TreeMap<>();
      record.getValue().forEach((column, value) -> {
        if (!Objects.equals(value, row.get(column))) {
          differing.put(column, new String[] {value, row.get(column)});
        }
      });
      if (!differing.isEmpty()) {
        drift.add(new Drift(Drift.Kind.DIFFERENT_ROW, record.getKey(),
            table + " row " + record.getKey() + " differs from the topic in " + differing.keySet(), differing));
      }
    }
    Set<String> extra = new HashSet<>(rows.keySet());
    extra.removeAll(topic.keySet());
    extra.stream().sorted().forEach(id -> drift.add(Drift.of(Drift.Kind.EXTRA_ROW, id,
        table + " has a row " + id + " that no topic record backs")));
  }

  private void checkCallsBalance(Map<String, Map<String, String>> ledger, String source) {
    Map<String, BigDecimal> perCall = new TreeMap<>();
    ledger.values().stream().filter(entry -> CALL_MODEL.equals(entry.get("related_model")))
        .forEach(entry -> perCall.merge(entry.get("related_id"), signed(entry), BigDecimal::add));
    perCall.forEach((callId, sum) -> {
      if (sum.signum() != 0) {
        drift.add(Drift.of(Drift.Kind.UNBALANCED_CALL, callId,
            "the " + source + " entries of call " + callId + " sum to " + sum.toPlainString() + ", not 0"));
      }
    });
  }

  private void checkWallets(Map<String, Map<String, String>> ledger, Map<String, BigDecimal> balances,
                            Drift.Kind kind, String source) {
    Map<String, BigDecimal> sums = new HashMap<>();
    ledger.values().forEach(entry -> sums.merge(entry.get("account_key"), signed(entry), BigDecimal::add));
    Set<String> accounts = new java.util.TreeSet<>(sums.keySet());
    accounts.addAll(balances.keySet());
    for (String account : accounts) {
      BigDecimal sum = sums.getOrDefault(account, BigDecimal.ZERO);
      BigDecimal balance = balances.getOrDefault(account, BigDecimal.ZERO);
      if (sum.compareTo(balance) != 0) {
        drift.add(Drift.of(kind, account, "wallet " + account + " holds " + balance.toPlainString()
            + " on the balances topic, its " + source + " credits minus debits are " + sum.toPlainString()));
      }
    }
  }

  private static BigDecimal signed(Map<String, String> entry) {
    BigDecimal amount = new BigDecimal(entry.get("amount"));
    return "debit".equals(entry.get("action")) ? amount.negate() : amount;
  }
}
