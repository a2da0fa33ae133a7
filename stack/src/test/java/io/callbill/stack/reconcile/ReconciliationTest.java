package io.callbill.stack.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.schemas.LedgerEntryIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation finds each kind of drift it is there to find — a deleted row, an edited amount, a row nobody wrote,
 * a missing ledger entry, an entry written twice, a wallet off by a hundredth — and nothing on clean books.
 */
class ReconciliationTest {

  private static final Instant ENDED = Instant.parse("2026-12-01T10:00:00Z");
  private static final String TOP_UP = LedgerEntryIds.topUp("c1", "p-1");
  private static final String CALLER_DEBIT = LedgerEntryIds.callerDebit("call-1");
  private static final String RECEIVER_CREDIT = LedgerEntryIds.receiverCredit("call-1");
  private static final String PLATFORM_CREDIT = LedgerEntryIds.ofCall("call-1", AccountType.platform);

  /** The worked example: 180 s, 126 coins: 90 to the receiver, 36.00 to the platform. */
  private final Map<String, Map<String, String>> calls = new LinkedHashMap<>(Map.of("call-1", Rows.of(call())));
  private final Map<String, Map<String, String>> ledger = new LinkedHashMap<>(Map.of(
      TOP_UP, Rows.of(entry(TOP_UP, AccountType.caller, "caller:c1", LedgerAction.credit, "840.00",
          "840.00", "CoinCredit")),
      CALLER_DEBIT, Rows.of(entry(CALLER_DEBIT, AccountType.caller, "caller:c1", LedgerAction.debit, "126.00",
          "714.00", "CallHistory")),
      RECEIVER_CREDIT, Rows.of(entry(RECEIVER_CREDIT, AccountType.receiver, "receiver:r1", LedgerAction.credit,
          "90.00", "90.00", "CallHistory")),
      PLATFORM_CREDIT, Rows.of(entry(PLATFORM_CREDIT, AccountType.platform, "platform:platform#3",
          LedgerAction.credit, "36.00", "36.00", "CallHistory"))));
  private final Map<String, BigDecimal> balances = new HashMap<>(Map.of("caller:c1", new BigDecimal("714.00"),
      "receiver:r1", new BigDecimal("90.00"), "platform:platform#3", new BigDecimal("36.00")));

  @Test
  void cleanBooksAreClean() {
    Reconciliation result = reconcile(tableCopy(calls), tableCopy(ledger));
    assertThat(result.drift()).isEmpty();
    assertThat(result.clean()).isTrue();
    assertThat(result.counts()).containsEntry("ledgerRows", 4).containsEntry("callHistoryRows", 1);
  }

  @Test
  void theMetricsFileHasEveryKindOfDriftCountedAndWhetherItWasClean(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    Map<String, Map<String, String>> rows = tableCopy(calls);
    rows.remove("call-1");
    java.nio.file.Path file = dir.resolve("callbill-reconcile.prom");

    ReconcileMetrics.write(file, reconcile(rows, tableCopy(ledger)), Instant.ofEpochSecond(1_780_000_000L));

    String text = java.nio.file.Files.readString(file);
    assertThat(text).contains("callbill_reconcile_drift{kind=\"MISSING_ROW\"} 1\n",
        "callbill_reconcile_drift{kind=\"DIFFERENT_ROW\"} 0\n", "callbill_reconcile_clean 0\n",
        "callbill_reconcile_records{source=\"callHistoryRows\"} 0\n",
        "callbill_reconcile_last_run_timestamp_seconds 1780000000\n", "# TYPE callbill_reconcile_drift gauge");
    assertThat(ReconcileMetrics.text(reconcile(tableCopy(calls), tableCopy(ledger)), Instant.EPOCH))
        .contains("callbill_reconcile_clean 1\n");
    assertThat(dir.resolve("callbill-reconcile.prom.tmp")).doesNotExist();
  }

  @Test
  void aDeletedRowIsMissing() {
    Map<String, Map<String, String>> rows = tableCopy(calls);
    rows.remove("call-1");
    assertThat(reconcile(rows, tableCopy(ledger)).drift())
        .singleElement().satisfies(d -> {
          assertThat(d.kind()).isEqualTo(Drift.Kind.MISSING_ROW);
          assertThat(d.subject()).isEqualTo("call-1");
        });
  }

  @Test
  void anEditedAmountIsADifferentRowNamingTheColumnAndUnbalancesTheTable() {
    Map<String, Map<String, String>> rows = tableCopy(ledger);
    rows.get(RECEIVER_CREDIT).put("amount", "91");
    Reconciliation result = reconcile(tableCopy(calls), rows);
    assertThat(result.drift()).extracting(Drift::kind).containsExactlyInAnyOrder(Drift.Kind.DIFFERENT_ROW,
        Drift.Kind.UNBALANCED_CALL, Drift.Kind.WALLET_DIFFERS_FROM_TABLE);
    Drift different = result.drift().stream().filter(d -> d.kind() == Drift.Kind.DIFFERENT_ROW).findFirst().get();
    assertThat(different.fields()).containsOnlyKeys("amount");
    assertThat(different.fields().get("amount")).containsExactly("90", "91");
  }

  @Test
  void aRowNoTopicBacksIsExtra() {
    Map<String, Map<String, String>> rows = tableCopy(calls);
    rows.put("call-forged", new LinkedHashMap<>(rows.get("call-1")));
    assertThat(reconcile(rows, tableCopy(ledger)).drift()).extracting(Drift::kind, Drift::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Drift.Kind.EXTRA_ROW, "call-forged"));
  }

  @Test
  void aMissingLedgerEntryUnbalancesItsCallAndItsWallet() {
    ledger.remove(PLATFORM_CREDIT);
    Reconciliation result = reconcile(tableCopy(calls), tableCopy(ledger));
    assertThat(result.drift()).extracting(Drift::kind, Drift::subject).contains(
        org.assertj.core.groups.Tuple.tuple(Drift.Kind.UNBALANCED_CALL, "call-1"),
        org.assertj.core.groups.Tuple.tuple(Drift.Kind.WALLET_DIFFERS_FROM_LEDGER, "platform:platform#3"));
  }

  @Test
  void aWalletOffByOneHundredthIsFound() {
    balances.put("receiver:r1", new BigDecimal("90.01"));
    assertThat(reconcile(tableCopy(calls), tableCopy(ledger)).drift())
        .extracting(Drift::kind, Drift::subject).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Drift.Kind.WALLET_DIFFERS_FROM_LEDGER, "receiver:r1"),
            org.assertj.core.groups.Tuple.tuple(Drift.Kind.WALLET_DIFFERS_FROM_TABLE, "receiver:r1"));
  }

  @Test
  void anEntryWrittenTwiceOnTheTopicIsFound() {
    Reconciliation result = Reconciliation.of(new Reconciliation.Side(calls, ledger),
        new Reconciliation.Side(tableCopy(calls), tableCopy(ledger)), Set.of(CALLER_DEBIT), balances, true);
    assertThat(result.drift()).extracting(Drift::kind).containsExactly(Drift.Kind.DUPLICATE_ENTRY);
  }

  @Test
  void aTimeWindowSkipsTheWalletSums() {
    balances.put("receiver:r1", new BigDecimal("1.00"));
    Reconciliation windowed = Reconciliation.of(new Reconciliation.Side(calls, ledger),
        new Reconciliation.Side(tableCopy(calls), tableCopy(ledger)), Set.of(), balances, false);
    assertThat(windowed.clean()).isTrue();
  }

  private Reconciliation reconcile(Map<String, Map<String, String>> callRows,
                                   Map<String, Map<String, String>> ledgerRows) {
    return Reconciliation.of(new Reconciliation.Side(calls, ledger), new Reconciliation.Side(callRows, ledgerRows),
        Set.of(), balances, true);
  }

  /** What PostgreSQL would hold: the same rows, as separate copies a test can tamper with. */
  private static Map<String, Map<String, String>> tableCopy(Map<String, Map<String, String>> rows) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    rows.forEach((id, row) -> copy.put(id, new LinkedHashMap<>(row)));
    return copy;
  }

  private static CallRecord call() {
    BigDecimal zero = new BigDecimal("0.0000");
    return CallRecord.newBuilder().setCallId("call-1").setCallerId("c1").setReceiverId("r1")
        .setCallType(CallType.audio).setStatus(CallStatus.completed).setDuration(180).setReportedDuration(180)
        .setMeasuredDuration(181L).setBillableDuration(180).setFemaleEarningPerMinute(new BigDecimal("30.0000"))
        .setPlatformMarginPerMinute(new BigDecimal("12.0000")).setFemaleEarningPerSecond(new BigDecimal("0.50000000"))
        .setPlatformMarginPerSecond(new BigDecimal("0.20000000")).setTotalCoins(126).setFemaleEarning(90)
        .setPlatformMargin(36).setAdminEarned(new BigDecimal("36.00")).setAgencyEarned(new BigDecimal("0.00"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setAgencySharePercentage(zero).setIsAgencyFemale(false)
        .setEndedBy(CallParty.caller).setStartedAt(ENDED.minusSeconds(181)).setEndedAt(ENDED).build();
  }

  private static LedgerEntry entry(String id, AccountType type, String accountKey, LedgerAction action, String amount,
                                   String balanceAfter, String relatedModel) {
    return LedgerEntry.newBuilder().setEntryId(id).setUserType(type).setUserId(accountKey.split(":")[1])
        .setAccountKey(accountKey).setOperationType("coin").setAction(action).setAmount(new BigDecimal(amount))
        .setMessage("m").setBalanceAfter(new BigDecimal(balanceAfter)).setCreatedBy("billing")
        .setRelatedId(LedgerEntryIds.isTopUp(id) ? "p-1" : "call-1").setRelatedModel(relatedModel)
        .setCreatedAt(ENDED).build();
  }
}
