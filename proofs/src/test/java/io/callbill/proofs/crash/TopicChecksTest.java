package io.callbill.proofs.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.LedgerEntryIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The checks find what they are there to find: a doubled, a missing and a wrong ledger entry, a wrong wallet. */
class TopicChecksTest {

  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private final CallPlan plan = new CallPlan(4, BASE);
  private final TopicChecks checks = new TopicChecks(plan, n -> "call-" + n);

  @Test
  void theModelsOwnLedgerAndBalancesAreClean() {
    assertThat(ledgerAndBalanceProblems(ledger(), balances(ledger()))).isEmpty();
  }

  @Test
  void aLedgerEntryWrittenTwiceIsFound() {
    List<ConsumerRecord<String, LedgerEntry>> ledger = ledger();
    ledger.add(ledger.get(ledger.size() - 1));
    assertThat(ledgerAndBalanceProblems(ledger, balances(ledger())))
        .anyMatch(p -> p.contains("written more than once"))
        .anyMatch(p -> p.startsWith("wallet "));
  }

  @Test
  void aMissingLedgerEntryAndAWrongBalanceAreFound() {
    List<ConsumerRecord<String, LedgerEntry>> ledger = ledger();
    ledger.removeIf(r -> r.key().equals("call-1:receiver"));
    assertThat(ledgerAndBalanceProblems(ledger, balances(ledger)))
        .anyMatch(p -> p.contains("ledger entries missing, e.g. call-1:receiver"))
        .anyMatch(p -> p.contains("call-1 sum to"))
        .anyMatch(p -> p.startsWith("wallet receiver:"));
  }

  @Test
  void everyCallWithoutItsHistoryRecordIsFound() {
    assertThat(checks.check(List.of(), ledger(), balances(ledger())))
        .filteredOn(p -> p.contains("call-history records"))
        .hasSize(4);
  }

  @Test
  void aRetryAnsweredDifferentlyIsFoundAndTheSameAnswerTwiceIsNot() {
    CommandReply answer = reply(201);
    List<ConsumerRecord<String, CommandReply>> same = List.of(new ConsumerRecord<>("replies", 0, 0, "e-1", answer),
        new ConsumerRecord<>("replies", 0, 1, "e-1", reply(201)));
    List<ConsumerRecord<String, CommandReply>> different = List.of(
        new ConsumerRecord<>("replies", 0, 0, "e-1", answer), new ConsumerRecord<>("replies", 0, 1, "e-1", reply(200)));
    assertThat(checks.check(same, List.of(), ledger(), balances(ledger()))).noneMatch(p -> p.contains("retry"));
    assertThat(new TopicChecks(plan, n -> "call-" + n).check(different, List.of(), ledger(), balances(ledger())))
        .anyMatch(p -> p.startsWith("command e-1 answered differently on a retry"));
  }

  private static CommandReply reply(int status) {
    return CommandReply.newBuilder().setCommandId("e-1").setCallerId("c").setHttpStatus(status).setSuccess(true)
        .setMessage("ok").setData(null).setAnsweredAt(BASE).build();
  }

  private List<String> ledgerAndBalanceProblems(List<ConsumerRecord<String, LedgerEntry>> ledger,
                                                List<ConsumerRecord<String, AccountBalance>> balances) {
    return checks.check(List.of(), ledger, balances).stream().filter(p -> !p.contains("call-history")).toList();
  }

  /** The ledger billing should write for the plan, derived from the model's entries. */
  private List<ConsumerRecord<String, LedgerEntry>> ledger() {
    List<ConsumerRecord<String, LedgerEntry>> records = new ArrayList<>();
    checks.expected().signedEntries().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String id = e.getKey();
      String accountKey = accountKey(id);
      String relatedId = LedgerEntryIds.isTopUp(id) ? null : id.substring(0, id.indexOf(':'));
      LedgerEntry entry = LedgerEntry.newBuilder().setEntryId(id).setUserType(AccountType.caller).setUserId("x")
          .setAccountKey(accountKey).setOperationType("coin")
          .setAction(e.getValue() < 0 ? LedgerAction.debit : LedgerAction.credit)
          .setAmount(BigDecimal.valueOf(Math.abs(e.getValue()), 2)).setMessage("m")
          .setBalanceAfter(BigDecimal.ZERO.setScale(2)).setCreatedBy("system").setRelatedId(relatedId)
          .setCreatedAt(BASE).build();
      records.add(new ConsumerRecord<>("ledger", 0, records.size(), id, entry));
    });
    return records;
  }

  private String accountKey(String entryId) {
    if (LedgerEntryIds.isTopUp(entryId)) {
      return AccountKeys.caller(entryId.split(":")[1]);
    }
    CallPlan.Call call = plan.calls().get(Integer.parseInt(entryId.substring("call-".length(), entryId.indexOf(':'))));
    return switch (entryId.substring(entryId.indexOf(':') + 1)) {
      case "caller" -> AccountKeys.caller(call.callerId());
      case "receiver" -> AccountKeys.receiver(call.receiverId());
      case "platform" -> AccountKeys.platformShard(call.number() % 2);
      default -> AccountKeys.agency(call.agencyId());
    };
  }

  /** Latest balance per account key: the running sum of the given ledger. */
  private static List<ConsumerRecord<String, AccountBalance>> balances(List<ConsumerRecord<String, LedgerEntry>> ledger) {
    Map<String, Long> sums = new HashMap<>();
    ledger.forEach(r -> sums.merge(r.value().getAccountKey(),
        Expected.signed(r.value().getAction(), r.value().getAmount()), Long::sum));
    List<ConsumerRecord<String, AccountBalance>> records = new ArrayList<>();
    sums.forEach((key, hundredths) -> records.add(new ConsumerRecord<>("balances", 0, records.size(), key,
        AccountBalance.newBuilder().setAccountKey(key).setUserType(AccountType.caller).setUserId("x")
            .setBalance(BigDecimal.valueOf(hundredths, 2)).setUpdatedAt(BASE).build())));
    return records;
  }
}
