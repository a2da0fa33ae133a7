package io.callbill.sink.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks on rows of {@code ledger_entries}: the entries of each settlement balance, and each account's entries form
 * one unbroken chain of balances.
 */
public final class LedgerAssertions {

  private LedgerAssertions() {
  }

  /** Debits count negative, credits positive. */
  public static BigDecimal signedAmount(Map<String, Object> entry) {
    BigDecimal amount = (BigDecimal) entry.get("amount");
    return "debit".equals(entry.get("action")) ? amount.negate() : amount;
  }

  /** The entries of every related id (a call) sum to zero: the caller's debit equals the sum of the credits. */
  public static void assertEveryCallBalances(List<Map<String, Object>> entries) {
    Map<Object, BigDecimal> sums = entries.stream().collect(Collectors.groupingBy(entry -> entry.get("related_id"),
        TreeMap::new, Collectors.reducing(BigDecimal.ZERO, LedgerAssertions::signedAmount, BigDecimal::add)));
    assertThat(sums).as("sum of the ledger entries of each call").allSatisfy((call, sum) ->
        assertThat(sum).as(String.valueOf(call)).isEqualByComparingTo(BigDecimal.ZERO));
  }

  /**
   * Each account's entries, taken from a zero balance, follow one another: every entry's {@code balance_after} is the
   * previous entry's plus its signed amount, and exactly one entry continues each balance. A lost entry breaks the
   * chain, a doubled application of one shows as two entries continuing the same balance or as a gap.
   *
   * @return the final balance of each account
   */
  public static Map<String, BigDecimal> assertBalanceChains(List<Map<String, Object>> entries) {
    Map<String, List<Map<String, Object>>> byAccount = entries.stream()
        .collect(Collectors.groupingBy(entry -> (String) entry.get("account_key"), TreeMap::new, Collectors.toList()));
    Map<String, BigDecimal> finalBalances = new TreeMap<>();
    byAccount.forEach((account, accountEntries) -> {
      List<Map<String, Object>> left = new ArrayList<>(accountEntries);
      BigDecimal balance = BigDecimal.ZERO;
      while (!left.isEmpty()) {
        BigDecimal before = balance;
        List<Map<String, Object>> next = left.stream()
            .filter(entry -> ((BigDecimal) entry.get("balance_after")).subtract(signedAmount(entry))
                .compareTo(before) == 0)
            .toList();
        assertThat(next).as("entries of %s continuing balance %s (of %s)", account, before, accountEntries)
            .hasSize(1);
        balance = (BigDecimal) next.get(0).get("balance_after");
        left.remove(next.get(0));
      }
      finalBalances.put(account, balance);
    });
    return finalBalances;
  }
}
