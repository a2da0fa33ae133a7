package io.callbill.stack.reconcile;

import java.util.Map;

/**
 * One way PostgreSQL and the settlement topics disagree, or the books do not balance.
 *
 * @param kind what is wrong
 * @param subject the row, call or wallet it is about (entry id, call id, account key)
 * @param detail in words
 * @param fields for a row that differs: column to {@code [topic value, table value]}; empty otherwise
 */
public record Drift(Kind kind, String subject, String detail, Map<String, String[]> fields) {

  public enum Kind {
    /** On the topic, not in the table. */
    MISSING_ROW,
    /** In the table, not on the topic. */
    EXTRA_ROW,
    /** In both, with different values. */
    DIFFERENT_ROW,
    /** The same ledger entry id written more than once on the topic. */
    DUPLICATE_ENTRY,
    /** A call's ledger entries do not sum to zero. */
    UNBALANCED_CALL,
    /** A wallet's latest balance (balances topic) is not its ledger's credits minus debits. */
    WALLET_DIFFERS_FROM_LEDGER,
    /** A wallet's ledger in PostgreSQL sums to another balance than the balances topic holds. */
    WALLET_DIFFERS_FROM_TABLE
  }

  static Drift of(Kind kind, String subject, String detail) {
    return new Drift(kind, subject, detail, Map.of());
  }
}
