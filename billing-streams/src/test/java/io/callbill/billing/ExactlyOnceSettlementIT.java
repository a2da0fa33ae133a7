package io.callbill.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountType;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.Agency;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.EndShortfall;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.avro.StartShortfall;
import io.callbill.billing.app.BillingStreamsApp;
import io.callbill.billing.app.StreamsSettings;
import io.callbill.billing.app.TopicProvisioner;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.testkit.Await;
import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.LedgerEntryIds;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.oracle.BillingOracle;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few hundred calls from fifty callers settle exactly once, and wallets and ledger add up.
 *
 * <p>The real topology runs in {@link BillingStreamsApp} ({@code exactly_once_v2}) on a real single-node broker, six
 * partitions per topic. Reference data is published first (three level configs with decimal rates, twenty receivers
 * of whom half belong to agencies, an admin share of 62.5 %), then about fifty callers top up and make six calls each,
 * one after the other, all callers interleaved, in batches of one producer transaction each. The calls end in every
 * way the rules know: by the caller, by the receiver, by both (the second end gets the first settlement back and
 * charges nothing), retried with the same command id (in the same batch and one batch later), shorter than 30 s,
 * with duration 0 (closed, uncharged), over-reported (clamped to the measured time plus skew), and longer than the
 * balance pays for ({@code insufficient_coins}, uncharged). Low-balance callers also get starts refused. Each record
 * carries its time explicitly (start at T, end at T + duration), so the default clamp policy measures what the plan
 * intends.
 *
 * <p>While it runs, a second instance joins (its partitions are awaited, so tasks really move under load), the first
 * instance is closed and started again on the same state directory and application id, and the second one leaves.
 * The app's transactional producers are fenced once mid-run, as when a zombie is replaced: their open transactions
 * are aborted and the threads re-process from their last commit. One transaction of the test's own commands is
 * aborted: nothing of it may be billed.
 *
 * <p>Afterwards every output topic is read {@code read_committed} to its end and compared with an independent model
 * of the run (its money from test-kit's {@link BillingOracle}, written apart from {@code RateCard}):
 * one reply per command sent, one call record per call with the modelled status and money, unique ledger entries that
 * sum to zero per call, every balance equal to the model and never negative, and the balances of each account a
 * running sum of its ledger entries.
 */
class ExactlyOnceSettlementIT {

  @RegisterExtension
  static final KafkaBroker BROKER = new KafkaBroker();

  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceSettlementIT.class);

  private static final String PREFIX = "eos.";
  private static final String APPLICATION_ID = "callbill-eos-it";
  private static final int PARTITIONS = 6;
  private static final long SEED = 20260101L;
  private static final int CALLERS = 50;
  private static final int CALLS_PER_CALLER = 6;
  private static final int RECEIVERS = 20;
  /** The clamp policy (pinned in {@link #settings}) bills at most the measured duration plus this skew. */
  private static final long CLOCK_SKEW_SECONDS = 5;
  private static final Duration WAVE_DEADLINE = Duration.ofSeconds(60);

  /** Level, audio and video rate per minute, platform margin per minute for agency and non-agency receivers. */
  private static final String[][] LEVELS = {
      {"1", "30", "40", "12", "12"},
      {"2", "33.3", "47.7", "7.7", "9.35"},
      {"3", "18.75", "26.6667", "4.1234", "5.5"}};
  private static final String ADMIN_SHARE_PERCENTAGE = "62.5";

  private static final CallbillSerdes SERDES = CallbillSerdes.create();

  private final Topics topics = new Topics(PREFIX, SERDES);

  @TempDir
  Path tempDir;

  @Test
  void fewHundredCallsFromManyCallersSettleExactlyOnceAndWalletsAndLedgerAddUp() throws Exception {
    long testStart = System.nanoTime();
    // Command times lie in the recent past and near future: sessions expire two hours after their start on the wall
    // clock, and the broker refuses timestamps more than an hour ahead.
    long base = Instant.now().minus(Duration.ofMinutes(45)).toEpochMilli();
    Plan plan = Plan.generate(base, new Random(SEED));
    plan.assertCoversEveryCase();
    assertThat(plan.latestTimestamp()).as("latest command time").isLessThan(System.currentTimeMillis()
        + Duration.ofMinutes(30).toMillis());

    assertThat(BROKER.provision(topics, PARTITIONS)).hasSize(TopicProvisioner.provisioned(topics).size());
    Path stateA = Files.createDirectory(tempDir.resolve("instance-a"));
    Path stateB = Files.createDirectory(tempDir.resolve("instance-b"));

    try (CommandClient commands = CommandClient.transactional(BROKER.bootstrapServers(), topics,
             "eos-it-command-driver");
         Tail<LedgerEntry> ledgerTail = new Tail<>(topics.ledger);
         Tail<AccountBalance> balanceTail = new Tail<>(topics.balances)) {
      publishReferenceData(commands, plan, base - Duration.ofMinutes(10).toMillis());

      BillingStreamsApp a = BillingStreamsApp.start(settings(stateA));
      BillingStreamsApp b = null;
      List<BillingStreamsApp> running = new ArrayList<>(List.of(a));
      long driveStart = System.nanoTime();
      try {
        awaitRunning(a, "instance A");
        for (int wave = 0; wave <= Plan.LAST_WAVE; wave++) {
          List<Send> batch = plan.wave(wave);
          if (wave == 2) {
            abortedTransaction(commands, plan);
          }
          sendInOneTransaction(commands, batch);
          switch (wave) {
            case 1 -> {
              // Rebalance under load: a second instance joins and takes over some tasks.
              b = BillingStreamsApp.start(settings(stateB));
              running.add(b);
              Await.until(WAVE_DEADLINE, "the second instance owns partitions", () -> membersOwningPartitions() >= 2);
            }
            case 2 -> {
              // A zombie is fenced, as a replacement instance would: the app's in-flight transactions are aborted
              // and their threads rejoin and re-process from the last commit, which must not bill anything twice.
              assertThat(fenceStreamsProducers()).as("transactional producers of the app fenced").isPositive();
            }
            case 3 -> {
              // Restart: close the first instance mid-run and start it again on the same state and application id.
              a.close();
              assertThat(a.failed()).as("instance A failed").isFalse();
              running.remove(a);
              a = BillingStreamsApp.start(settings(stateA));
              running.add(a);
            }
            case 5 -> {
              b.close();
              assertThat(b.failed()).as("instance B failed").isFalse();
              running.remove(b);
            }
            default -> {
            }
          }
          Set<String> starts = batch.stream().map(send -> send.command().getCommandId())
              .filter(plan.startsById::containsKey).collect(Collectors.toSet());
          awaitReplies(commands, running, "replies to the starts of wave " + wave, starts);
          plan.learnCallIds(commands.repliesByCommandId());
        }
        awaitReplies(commands, running, "every reply", plan.expected.keySet());
        int ledgerEntries = plan.expectedLedger.size();
        Await.until(WAVE_DEADLINE, ledgerEntries + " ledger entries", () -> ledgerTail.size() >= ledgerEntries);
        Await.until(WAVE_DEADLINE, ledgerEntries + " balance updates", () -> balanceTail.size() >= ledgerEntries);
      } finally {
        for (BillingStreamsApp app : running) {
          app.close();
        }
      }
      long driveMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - driveStart);
      assertThat(running).allSatisfy(app -> assertThat(app.failed()).isFalse());

      Outputs outputs = readOutputs();
      verifyReplies(plan, outputs);
      verifyCallRecords(plan, outputs);
      verifyEventsAndActiveCalls(plan, outputs);
      verifyLedger(plan, outputs);
      verifyBalances(plan, outputs);

      LOG.info("EOS run: {} calls ({} started: {}; {} refused starts), {} commands, {} ledger entries settled exactly"
              + " once; driven in {} ms ({} calls/s) across a second instance joining and leaving, a fencing and a"
              + " restart; test {} ms",
          plan.calls().size(), plan.acceptedCalls().size(), plan.acceptedCalls().stream()
              .collect(Collectors.groupingBy(call -> call.status, Collectors.counting())),
          plan.calls().size() - plan.acceptedCalls().size(), plan.commandsSent(), outputs.ledger.size(), driveMillis,
          String.format("%.1f", plan.calls().size() * 1000.0 / driveMillis),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - testStart));
    }
  }

  // ---- verification --------------------------------------------------------------------------------------------

  private void verifyReplies(Plan plan, Outputs outputs) {
    Map<String, List<CommandReply>> byKey = groupByKey(outputs.replies);
    assertThat(byKey.keySet()).as("commands answered (the aborted transaction's included: must not be)")
        .containsExactlyInAnyOrderElementsOf(plan.expected.keySet());
    plan.expected.forEach((commandId, expect) -> {
      List<CommandReply> answers = byKey.get(commandId);
      assertThat(answers).as("replies to %s", commandId).hasSize(expect.sends);
      for (CommandReply reply : answers) {
        assertThat(reply.getCommandId()).as("commandId of a reply keyed %s", commandId).isEqualTo(commandId);
        assertThat(reply.getCallerId()).as("callerId of the reply to %s", commandId).isEqualTo(expect.callerId);
        try {
          expect.check.accept(reply);
        } catch (AssertionError e) {
          throw new AssertionError("reply to " + commandId + ": " + e.getMessage() + "\n" + reply, e);
        }
      }
      // A retried command (same id, same time) is answered again, identically.
      assertThat(answers).as("replies to the retried %s", commandId).containsOnly(answers.get(0));
    });
    for (Call call : plan.acceptedCalls()) {
      if (call.echo == Echo.OTHER_SIDE) {
        // The other side's end of the same call gets the first settlement back, addressed to its own command.
        assertThat(unaddressed(byKey.get(call.echoCommandId()).get(0)))
            .as("second end of %s", call.callId).isEqualTo(unaddressed(byKey.get(call.endCommandId()).get(0)));
      }
    }
  }

  private void verifyCallRecords(Plan plan, Outputs outputs) {
    Map<String, List<CallRecord>> byCallId = groupByKey(outputs.callHistory);
    assertThat(byCallId.keySet()).as("call ids recorded")
        .containsExactlyInAnyOrderElementsOf(plan.acceptedCalls().stream().map(call -> call.callId).toList());
    for (Call call : plan.acceptedCalls()) {
      List<CallRecord> records = byCallId.get(call.callId);
      assertThat(records).as("records of %s", call.callId).hasSize(1);
      CallRecord record = records.get(0);
      String what = "record of " + call;
      assertThat(record.getCallId()).as(what).isEqualTo(call.callId);
      assertThat(record.getCallerId()).as(what).isEqualTo(call.caller.id);
      assertThat(record.getReceiverId()).as(what).isEqualTo(call.receiver.id());
      assertThat(record.getCallType()).as(what).isEqualTo(call.type);
      assertThat(record.getStatus()).as(what).isEqualTo(call.status);
      assertThat(record.getEndedBy()).as(what).isEqualTo(call.endedBy);
      assertThat(record.getReportedDuration()).as(what).isEqualTo(call.reported);
      assertThat(record.getMeasuredDuration()).as(what).isEqualTo(call.measured);
      assertThat(record.getDuration()).as(what).isEqualTo(Math.max(call.duration, 0));
      assertThat(record.getIsAgencyFemale()).as(what).isEqualTo(call.receiver.agencyId() != null);
      assertThat(record.getAgencyId()).as(what).isEqualTo(call.receiver.agencyId());
      assertThat(record.getStartedAt()).as(what).isEqualTo(Instant.ofEpochMilli(call.startTs));
      assertThat(record.getEndedAt()).as(what).isEqualTo(Instant.ofEpochMilli(call.endTs));
      Charge paid = call.status == CallStatus.completed ? call.charge : Charge.NONE;
      assertThat(record.getBillableDuration()).as(what).isEqualTo(paid.billable());
      assertThat(record.getTotalCoins()).as(what).isEqualTo(paid.total());
      assertThat(record.getFemaleEarning()).as(what).isEqualTo(paid.female());
      assertThat(record.getPlatformMargin()).as(what).isEqualTo(paid.margin());
      assertThat(hundredths(record.getAdminEarned())).as(what).isEqualTo(paid.adminHundredths());
      assertThat(hundredths(record.getAgencyEarned())).as(what).isEqualTo(paid.agencyHundredths());
      if (call.status == CallStatus.insufficient_coins) {
        assertThat(record.getErrorMessage()).as(what).isEqualTo(
            "Insufficient coins. Required: " + call.charge.total() + ", Available: " + call.balanceBefore);
      }
    }
  }

  private void verifyEventsAndActiveCalls(Plan plan, Outputs outputs) {
    Map<String, List<CallEvent>> byEventId = outputs.events.stream().map(ConsumerRecord::value)
        .collect(Collectors.groupingBy(CallEvent::getEventId, LinkedHashMap::new, Collectors.toList()));
    assertThat(byEventId.values()).as("events with the same id").allSatisfy(same -> assertThat(same).hasSize(1));
    Set<String> expectedIds = new HashSet<>();
    for (Call call : plan.calls()) {
      if (call.accepted) {
        expectedIds.add(call.callId + ":started");
        expectedIds.add(call.callId + ":settled");
      } else {
        expectedIds.add(call.startCommandId() + ":rejected");
      }
    }
    Set<String> cutoffs = byEventId.keySet().stream().filter(id -> id.endsWith(":cutoff_due"))
        .collect(Collectors.toSet());
    Set<String> others = new HashSet<>(byEventId.keySet());
    others.removeAll(cutoffs);
    assertThat(others).as("started, settled and rejected events").containsExactlyInAnyOrderElementsOf(expectedIds);
    Set<String> acceptedIds = plan.acceptedCalls().stream().map(call -> call.callId).collect(Collectors.toSet());
    assertThat(cutoffs).as("cutoff-due events belong to calls")
        .allSatisfy(id -> assertThat(acceptedIds).contains(id.substring(0, id.length() - ":cutoff_due".length())));
    for (Call call : plan.acceptedCalls()) {
      CallEvent settled = byEventId.get(call.callId + ":settled").get(0);
      assertThat(settled.getType()).as("type").isEqualTo(CallEventType.settled);
      assertThat(settled.getStatus()).as("settled event of %s", call).isEqualTo(call.status);
    }

    // Per caller, in partition order: each call appears once and is tombstoned when it ends; none is left open.
    Map<String, List<ActiveCall>> activeByCaller = groupByKey(outputs.activeCalls);
    for (CallerPlan caller : plan.callers) {
      List<String> expected = new ArrayList<>();
      caller.calls.stream().filter(call -> call.accepted).forEach(call -> {
        expected.add(call.callId);
        expected.add(null);
      });
      List<String> actual = activeByCaller.getOrDefault(caller.id, List.of()).stream()
          .map(active -> active == null ? null : active.getCallId()).toList();
      assertThat(actual).as("active-calls of %s", caller.id).isEqualTo(expected);
    }
  }

  private void verifyLedger(Plan plan, Outputs outputs) {
    Map<String, List<CommandReply>> replies = groupByKey(outputs.replies);
    List<String> entryIds = outputs.ledger.stream().map(ConsumerRecord::key).toList();
    assertThat(entryIds).as("ledger entry ids").doesNotHaveDuplicates();
    Map<String, LedgerEntry> entries = outputs.ledger.stream()
        .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
    assertThat(entries.keySet()).as("ledger entries").containsExactlyInAnyOrderElementsOf(plan.expectedLedger.keySet());
    plan.expectedLedger.forEach((entryId, expected) -> {
      LedgerEntry entry = entries.get(entryId);
      String what = "ledger entry " + entryId;
      assertThat(entry.getEntryId()).as(what).isEqualTo(entryId);
      assertThat(entry.getUserType()).as(what).isEqualTo(expected.type());
      assertThat(entry.getUserId()).as(what).isEqualTo(expected.userId());
      assertThat(entry.getAction()).as(what).isEqualTo(expected.action());
      assertThat(hundredths(entry.getAmount())).as(what).isEqualTo(expected.amountHundredths());
      assertThat(entry.getRelatedId()).as(what).isEqualTo(expected.relatedId());
      if (expected.type() == AccountType.platform) {
        assertThat(entry.getAccountKey()).as(what).matches("platform:platform#[0-9]+");
      } else {
        assertThat(entry.getAccountKey()).as(what).isEqualTo(AccountKeys.of(expected.type(), expected.userId()));
      }
      if (expected.balanceAfterHundredths() != null) {
        assertThat(hundredths(entry.getBalanceAfter())).as(what).isEqualTo(expected.balanceAfterHundredths());
      }
      assertThat(entry.getBalanceAfter().signum()).as("%s balance after", what).isNotNegative();
    });

    // Every completed call: caller debit = receiver + platform + agency credits, to the hundredth.
    Map<String, List<LedgerEntry>> byCall = entries.values().stream().filter(e -> e.getRelatedId() != null)
        .collect(Collectors.groupingBy(LedgerEntry::getRelatedId));
    for (Call call : plan.acceptedCalls()) {
      List<LedgerEntry> ofCall = byCall.getOrDefault(call.callId, List.of());
      if (call.status != CallStatus.completed) {
        assertThat(ofCall).as("ledger entries of the uncharged %s", call).isEmpty();
        continue;
      }
      long sum = ofCall.stream().mapToLong(e -> signedHundredths(e.getAction(), e.getAmount())).sum();
      assertThat(sum).as("ledger sum of %s", call).isZero();
      assertThat(ofCall).as("ledger entries of %s", call).hasSize(2 + (call.charge.adminHundredths() > 0 ? 1 : 0)
          + (call.charge.agencyHundredths() > 0 ? 1 : 0));
      // The settlement tells the receiver's balance right after this call's earning: her ledger entry's.
      long receiverAfter = hundredths(entries.get(LedgerEntryIds.receiverCredit(call.callId)).getBalanceAfter());
      assertThat(replies.get(call.endCommandId()).get(0).getData()).as("settlement of %s", call)
          .isInstanceOfSatisfying(Settlement.class, s -> assertThat(s.getReceiverNewBalance()).as("receiverNewBalance")
              .isEqualTo(Math.floorDiv(receiverAfter, 100)));
    }
  }

  private void verifyBalances(Plan plan, Outputs outputs) {
    Map<String, List<AccountBalance>> byAccount = groupByKey(outputs.balances);
    assertThat(outputs.balances).as("balance updates").allSatisfy(record -> {
      assertThat(record.value().getAccountKey()).isEqualTo(record.key());
      assertThat(record.value().getBalance().signum()).as("balance of %s", record.key()).isNotNegative();
    });
    Map<String, List<LedgerEntry>> ledgerByAccount = outputs.ledger.stream().map(ConsumerRecord::value)
        .collect(Collectors.groupingBy(LedgerEntry::getAccountKey));
    assertThat(byAccount.keySet()).as("accounts with balances").isEqualTo(ledgerByAccount.keySet());

    // Running sums: each account's balance updates, in partition order, step by exactly one of its ledger entries.
    ledgerByAccount.forEach((accountKey, accountEntries) -> {
      List<Long> sequence = byAccount.get(accountKey).stream().map(b -> hundredths(b.getBalance())).toList();
      List<LedgerEntry> remaining = new ArrayList<>(accountEntries);
      long previous = 0;
      for (long balance : sequence) {
        long step = balance - previous;
        LedgerEntry match = remaining.stream()
            .filter(e -> signedHundredths(e.getAction(), e.getAmount()) == step
                && hundredths(e.getBalanceAfter()) == balance)
            .findFirst().orElse(null);
        assertThat(match).as("ledger entry taking %s from %d to %d (sequence %s)", accountKey, previous, balance,
            sequence).isNotNull();
        remaining.remove(match);
        previous = balance;
      }
      assertThat(remaining).as("ledger entries of %s without a balance update", accountKey).isEmpty();
    });

    Map<String, Long> latest = new HashMap<>();
    byAccount.forEach((key, updates) -> latest.put(key, hundredths(updates.get(updates.size() - 1).getBalance())));
    for (CallerPlan caller : plan.callers) {
      String key = AccountKeys.caller(caller.id);
      long fromLedger = ledgerByAccount.get(key).stream()
          .mapToLong(e -> signedHundredths(e.getAction(), e.getAmount())).sum();
      assertThat(latest.get(key)).as("balance of %s", caller.id).isEqualTo(caller.balance * 100).isEqualTo(fromLedger);
      assertThat(byAccount.get(key).stream().map(b -> hundredths(b.getBalance())).toList())
          .as("balance history of %s", caller.id).isEqualTo(caller.balanceHistory);
    }
    plan.receiverEarnings.forEach((receiverId, earned) -> assertThat(latest.getOrDefault(
        AccountKeys.receiver(receiverId), 0L)).as("wallet of %s", receiverId).isEqualTo(earned));
    plan.agencyEarnings.forEach((agencyId, earned) -> assertThat(latest.getOrDefault(
        AccountKeys.agency(agencyId), 0L)).as("wallet of %s", agencyId).isEqualTo(earned));
    long platform = latest.entrySet().stream().filter(e -> AccountKeys.isPlatform(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(platform).as("platform revenue over its shards").isEqualTo(plan.platformEarnings);
    long earningAccounts = latest.keySet().stream().filter(key -> !key.startsWith("caller:")).count();
    assertThat(earningAccounts).as("receiver, agency and platform accounts")
        .isEqualTo(plan.receiverEarnings.size() + plan.agencyEarnings.size()
            + latest.keySet().stream().filter(AccountKeys::isPlatform).count());

    // Conservation over the whole run: what callers paid is what the others earned.
    long paid = plan.acceptedCalls().stream().filter(call -> call.status == CallStatus.completed)
        .mapToLong(call -> call.charge.total() * 100).sum();
    long earned = latest.entrySet().stream().filter(e -> !e.getKey().startsWith("caller:"))
        .mapToLong(Map.Entry::getValue).sum();
    assertThat(earned).as("coins earned by receivers, agencies and platform").isEqualTo(paid);
  }

  // ---- the plan and its independent model ----------------------------------------------------------------------

  /** How a call ends. */
  enum Finish { NORMAL, SHORT, ZERO, OVER_REPORTED, INSUFFICIENT }

  /** What else happens to a call's end. */
  enum Echo { NONE, OTHER_SIDE, RETRY_SAME_BATCH, RETRY_NEXT_WAVE }

  record ReceiverRef(String id, int level, String agencyId) {
  }

  record Send(String key, CallCommand command, long timestamp) {
  }

  /** Money of a settled call: coins, and hundredths for the admin/agency split of the margin. */
  record Charge(long billable, long total, long female, long margin, long adminHundredths, long agencyHundredths) {
    static final Charge NONE = new Charge(0, 0, 0, 0, 0, 0);

    /** What the oracle says a call of {@code duration} seconds (the 30 s minimum applied) moves at {@code rates}. */
    static Charge of(BillingOracle rates, long duration) {
      BillingOracle.Charge c = rates.chargeForDuration(duration);
      return new Charge(c.billableSeconds(), c.totalCoins(), c.femaleEarning(), c.platformMargin(),
          c.adminHundredths(), c.agencyHundredths());
    }
  }

  record ExpectedEntry(AccountType type, String userId, LedgerAction action, long amountHundredths,
                       Long balanceAfterHundredths, String relatedId) {
  }

  /** What a command id must be answered, and how often it was sent. */
  static final class Expect {
    final String callerId;
    final Consumer<CommandReply> check;
    int sends = 1;

    Expect(String callerId, Consumer<CommandReply> check) {
      this.callerId = callerId;
      this.check = check;
    }
  }

  static final class CallerPlan {
    final String id;
    final boolean lowBalance;
    final List<Send> credits = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();
    /** Balance after every ledger entry, in hundredths, in order. */
    final List<Long> balanceHistory = new ArrayList<>();
    long balance;

    CallerPlan(String id, boolean lowBalance) {
      this.id = id;
      this.lowBalance = lowBalance;
    }
  }

  static final class Call {
    final CallerPlan caller;
    final int index;
    final ReceiverRef receiver;
    final CallType type;
    final BillingOracle rates;
    final long startTs;
    final long balanceBefore;
    final boolean accepted;
    Finish finish;
    Echo echo = Echo.NONE;
    CallParty endedBy;
    long endTs;
    long reported;
    long measured;
    long duration;
    CallStatus status;
    Charge charge;
    long balanceAfter;
    /** Learned from the start reply. */
    String callId;
    /** Built once the call id is known; a retry sends this very command again. */
    Send end;

    Call(CallerPlan caller, int index, ReceiverRef receiver, CallType type, BillingOracle rates, long startTs,
         long balanceBefore) {
      this.caller = caller;
      this.index = index;
      this.receiver = receiver;
      this.type = type;
      this.rates = rates;
      this.startTs = startTs;
      this.balanceBefore = balanceBefore;
      this.accepted = balanceBefore >= rates.minCoinsToStart();
    }

    String startCommandId() {
      return caller.id + "-start-" + index;
    }

    String endCommandId() {
      return caller.id + "-end-" + index;
    }

    String echoCommandId() {
      return caller.id + "-end-" + index + "-other-side";
    }

    @Override
    public String toString() {
      return "call " + index + " of " + caller.id + " (" + callId + ", " + finish + "/" + echo + ", " + status + ")";
    }
  }

  static final class Plan {
    /** Wave 0 tops up; wave w starts call w-1, ends call w-2 and retries the end of call w-3. */
    static final int LAST_WAVE = CALLS_PER_CALLER + 2;

    final List<ReceiverRef> receivers = new ArrayList<>();
    final List<CallerPlan> callers = new ArrayList<>();
    final Map<String, Expect> expected = new LinkedHashMap<>();
    final Map<String, Call> startsById = new HashMap<>();
    final Map<String, ExpectedEntry> expectedLedger = new LinkedHashMap<>();
    final Map<String, Long> receiverEarnings = new HashMap<>();
    final Map<String, Long> agencyEarnings = new HashMap<>();
    long platformEarnings;
    private final Random random;
    private int sent;

    private Plan(Random random) {
      this.random = random;
    }

    static Plan generate(long base, Random random) {
      Plan plan = new Plan(random);
      for (int i = 0; i < RECEIVERS; i++) {
        String agency = i % 2 == 0 ? "agency-" + (i / 2 % 3 + 1) : null;
        plan.receivers.add(new ReceiverRef(String.format("receiver-%02d", i), 1 + i % 3, agency));
      }
      for (int i = 0; i < CALLERS; i++) {
        plan.planCaller(new CallerPlan(String.format("caller-%02d", i), i % 6 == 5), i, base);
      }
      return plan;
    }

    private void planCaller(CallerPlan caller, int i, long base) {
      callers.add(caller);
      long t = base + random.nextInt(60_000);
      long amount = caller.lowBalance ? 60 + random.nextInt(101) : 2000 + random.nextInt(4001);
      Send first = credit(caller, "purchase-1", amount, t);
      if (i == 0) {
        // The same purchase reference again under a new command id: credited once.
        credit(caller, "purchase-1", amount, t + 500);
      }
      if (i == 1) {
        // The API retries the very same command: answered again, applied once.
        caller.credits.add(first);
        expected.get(first.command().getCommandId()).sends++;
      }
      if (i % 3 == 0) {
        credit(caller, "purchase-2", 500 + random.nextInt(1001), t + 1_000);
      }
      t += 5_000;
      for (int index = 0; index < CALLS_PER_CALLER; index++) {
        t = planCall(caller, index, t) + 5_000 + random.nextInt(55_000);
      }
    }

    private Send credit(CallerPlan caller, String reference, long amount, long t) {
      String commandId = caller.id + "-credit-" + caller.credits.size();
      CallCommand command = new CallCommand(commandId, caller.id, Instant.ofEpochMilli(t),
          new CreditCoins(amount, reference));
      Send send = new Send(caller.id, command, t);
      caller.credits.add(send);
      String entryId = LedgerEntryIds.topUp(caller.id, reference);
      boolean repeated = expectedLedger.containsKey(entryId);
      if (!repeated) {
        caller.balance += amount;
        caller.balanceHistory.add(caller.balance * 100);
        expectedLedger.put(entryId, new ExpectedEntry(AccountType.caller, caller.id, LedgerAction.credit,
            amount * 100, caller.balance * 100, reference));
      }
      long balanceAfter = caller.balance;
      expect(caller, commandId, reply -> {
        assertThat(reply.getHttpStatus()).as("httpStatus").isEqualTo(200);
        assertThat(reply.getSuccess()).as("success").isTrue();
        assertThat(reply.getMessage()).as("message")
            .isEqualTo(repeated ? Messages.COINS_ALREADY_CREDITED : Messages.COINS_CREDITED);
        assertThat(reply.getData()).as("data").isEqualTo(new CoinBalance(balanceAfter));
      });
      return send;
    }

    /** Plans one call from time t; returns the time it ended (or was refused). */
    private long planCall(CallerPlan caller, int index, long t) {
      ReceiverRef receiver = receivers.get(random.nextInt(receivers.size()));
      CallType type = random.nextBoolean() ? CallType.audio : CallType.video;
      Call call = new Call(caller, index, receiver, type, ratesOf(receiver, type), t, caller.balance);
      caller.calls.add(call);
      startsById.put(call.startCommandId(), call);
      expectStart(call);
      if (!call.accepted) {
        call.endTs = t;
        return t;
      }
      long maxSeconds = call.rates.maxSeconds(call.balanceBefore);
      int roll = random.nextInt(100);
      boolean firstOfLowCaller = caller.lowBalance && caller.calls.stream().filter(c -> c.accepted).count() == 1;
      if (maxSeconds <= 900 && (firstOfLowCaller || caller.lowBalance && roll < 25)) {
        call.finish = Finish.INSUFFICIENT;
      } else if (roll < 6) {
        call.finish = Finish.ZERO;
      } else if (roll < 21) {
        call.finish = Finish.SHORT;
      } else if (roll < 28) {
        call.finish = Finish.OVER_REPORTED;
      } else {
        call.finish = Finish.NORMAL;
      }
      long lastedMillis;
      switch (call.finish) {
        case ZERO -> {
          lastedMillis = random.nextInt(5_000);
          call.reported = 0;
        }
        case SHORT -> {
          call.reported = 1 + random.nextInt(29);
          lastedMillis = call.reported * 1000 + random.nextInt(1000);
        }
        case OVER_REPORTED -> {
          long real = Math.min(30 + random.nextInt(150), maxSeconds - CLOCK_SKEW_SECONDS);
          lastedMillis = real * 1000;
          call.reported = real + 40 + random.nextInt(300);
        }
        case INSUFFICIENT -> {
          call.reported = maxSeconds + 1 + random.nextInt(120);
          lastedMillis = call.reported * 1000;
        }
        default -> {
          call.reported = Math.min(30 + random.nextInt(391), maxSeconds);
          lastedMillis = call.reported * 1000 + random.nextInt(1000);
        }
      }
      call.endTs = t + lastedMillis;
      call.endedBy = random.nextInt(100) < 40 ? CallParty.receiver : CallParty.caller;
      int echo = random.nextInt(100);
      call.echo = echo < 12 ? Echo.OTHER_SIDE : echo < 18 ? Echo.RETRY_SAME_BATCH : echo < 24 ? Echo.RETRY_NEXT_WAVE
          : Echo.NONE;
      settle(call);
      return call.endTs + (call.echo == Echo.OTHER_SIDE ? 2_000 : 0);
    }

    /** The model of an end: clamp, 30 s minimum, afford or refuse, move the money. */
    private void settle(Call call) {
      call.measured = Math.floorDiv(call.endTs - call.startTs + 999, 1000);
      call.duration = Math.min(call.reported, call.measured + CLOCK_SKEW_SECONDS);
      call.balanceAfter = call.balanceBefore;
      if (call.duration <= 0) {
        call.status = CallStatus.not_connected;
        call.charge = Charge.NONE;
      } else {
        call.charge = Charge.of(call.rates, call.duration);
        call.status = call.balanceBefore < call.charge.total() ? CallStatus.insufficient_coins : CallStatus.completed;
      }
      if (call.status == CallStatus.completed) {
        CallerPlan caller = call.caller;
        Charge charge = call.charge;
        caller.balance -= charge.total();
        call.balanceAfter = caller.balance;
        caller.balanceHistory.add(caller.balance * 100);
        receiverEarnings.merge(call.receiver.id(), charge.female() * 100, Long::sum);
        platformEarnings += charge.adminHundredths();
        if (charge.agencyHundredths() > 0) {
          agencyEarnings.merge(call.receiver.agencyId(), charge.agencyHundredths(), Long::sum);
        }
      }
      expectEnd(call, call.endCommandId());
      if (call.echo == Echo.OTHER_SIDE) {
        expectEnd(call, call.echoCommandId());
      } else if (call.echo != Echo.NONE) {
        expected.get(call.endCommandId()).sends++;
      }
    }

    /** Ledger expectations need the call id, known once the start was answered. */
    private void expectLedger(Call call) {
      if (call.status != CallStatus.completed) {
        return;
      }
      Charge charge = call.charge;
      expectedLedger.put(LedgerEntryIds.callerDebit(call.callId), new ExpectedEntry(AccountType.caller, call.caller.id,
          LedgerAction.debit, charge.total() * 100, call.balanceAfter * 100, call.callId));
      expectedLedger.put(LedgerEntryIds.receiverCredit(call.callId), new ExpectedEntry(AccountType.receiver, call.receiver.id(),
          LedgerAction.credit, charge.female() * 100, null, call.callId));
      if (charge.adminHundredths() > 0) {
        expectedLedger.put(LedgerEntryIds.ofCall(call.callId, AccountType.platform), new ExpectedEntry(AccountType.platform, AccountKeys.PLATFORM_ID,
            LedgerAction.credit, charge.adminHundredths(), null, call.callId));
      }
      if (charge.agencyHundredths() > 0) {
        expectedLedger.put(LedgerEntryIds.ofCall(call.callId, AccountType.agency), new ExpectedEntry(AccountType.agency, call.receiver.agencyId(),
            LedgerAction.credit, charge.agencyHundredths(), null, call.callId));
      }
    }

    private void expectStart(Call call) {
      expect(call.caller, call.startCommandId(), reply -> {
        if (call.accepted) {
          assertThat(reply.getHttpStatus()).as("httpStatus").isEqualTo(200);
          assertThat(reply.getMessage()).as("message").isEqualTo(Messages.CALL_CAN_START);
          StartAccepted data = (StartAccepted) reply.getData();
          assertThat(data.getMaxSeconds()).as("maxSeconds").isEqualTo(call.rates.maxSeconds(call.balanceBefore));
          assertThat(data.getCallerCoinBalance()).as("callerCoinBalance").isEqualTo(call.balanceBefore);
          assertThat(data.getIsAgencyFemale()).as("isAgencyFemale").isEqualTo(call.receiver.agencyId() != null);
          assertThat(data.getReceiverLevel()).as("receiverLevel").isEqualTo(call.receiver.level());
        } else {
          assertThat(reply.getHttpStatus()).as("httpStatus").isEqualTo(400);
          assertThat(reply.getSuccess()).as("success").isFalse();
          assertThat(reply.getMessage()).as("message").isEqualTo(Messages.NOT_ENOUGH_COINS);
          StartShortfall data = (StartShortfall) reply.getData();
          assertThat(data.getAvailable()).as("available").isEqualTo(call.balanceBefore);
          assertThat(data.getRequired()).as("required").isEqualTo(call.rates.minCoinsToStart());
        }
      });
    }

    private void expectEnd(Call call, String commandId) {
      expect(call.caller, commandId, reply -> {
        switch (call.status) {
          case completed -> {
            assertThat(reply.getHttpStatus()).as("httpStatus").isEqualTo(200);
            assertThat(reply.getSuccess()).as("success").isTrue();
            assertThat(reply.getMessage()).as("message").isEqualTo(Messages.CALL_ENDED);
            Settlement s = (Settlement) reply.getData();
            Charge charge = call.charge;
            assertThat(s.getCallId()).as("callId").isEqualTo(call.callId);
            assertThat(s.getDuration()).as("duration").isEqualTo(call.duration);
            assertThat(s.getReportedDuration()).as("reportedDuration").isEqualTo(call.reported);
            assertThat(s.getMeasuredDuration()).as("measuredDuration").isEqualTo(call.measured);
            assertThat(s.getBillableDuration()).as("billableDuration").isEqualTo(charge.billable());
            assertThat(s.getTotalCoins()).as("totalCoins").isEqualTo(charge.total());
            assertThat(s.getCoinsDeducted()).as("coinsDeducted").isEqualTo(charge.total());
            assertThat(s.getFemaleEarning()).as("femaleEarning").isEqualTo(charge.female());
            assertThat(s.getPlatformMargin()).as("platformMargin").isEqualTo(charge.margin());
            assertThat(hundredths(s.getAdminEarned())).as("adminEarned").isEqualTo(charge.adminHundredths());
            assertThat(hundredths(s.getAgencyEarned())).as("agencyEarned").isEqualTo(charge.agencyHundredths());
            assertThat(s.getCallerRemainingBalance()).as("callerRemainingBalance").isEqualTo(call.balanceAfter);
            assertThat(s.getReceiverNewBalance()).as("receiverNewBalance").isNotNull();
          }
          case not_connected -> {
            assertThat(reply.getHttpStatus()).as("httpStatus").isEqualTo(400);
            assertThat(reply.getSuccess()).as("success").isFalse();
            assertThat(reply.getMessage()).as("message").isEqualTo(Messages.NOT_CONNECTED);
            assertThat(reply.getData()).as("data").isNull();
          }
          case insufficient_coins -> {
            assertThat(reply.getHttpStatus()).as("httpStatus").isEqualTo(400);
            assertThat(reply.getSuccess()).as("success").isFalse();
            assertThat(reply.getMessage()).as("message").isEqualTo(Messages.INSUFFICIENT_COINS);
            assertThat(reply.getData()).as("data").isEqualTo(new EndShortfall(call.charge.total(), call.balanceBefore,
                call.charge.total() - call.balanceBefore, call.callId));
          }
          default -> fail("unexpected modelled status " + call.status);
        }
      });
    }

    private void expect(CallerPlan caller, String commandId, Consumer<CommandReply> check) {
      assertThat(expected.put(commandId, new Expect(caller.id, check))).as("command id %s", commandId).isNull();
    }

    private static BillingOracle ratesOf(ReceiverRef receiver, CallType type) {
      String[] level = LEVELS[receiver.level() - 1];
      boolean agency = receiver.agencyId() != null;
      return BillingOracle.of(type == CallType.audio ? level[1] : level[2], agency ? level[3] : level[4],
          agency ? ADMIN_SHARE_PERCENTAGE : "100");
    }

    /** The commands of one wave, every caller's in order, callers interleaved in a shuffled order. */
    List<Send> wave(int wave) {
      List<CallerPlan> order = new ArrayList<>(callers);
      Collections.shuffle(order, random);
      List<Send> batch = new ArrayList<>();
      for (CallerPlan caller : order) {
        if (wave == 0) {
          batch.addAll(caller.credits);
          continue;
        }
        call(caller, wave - 3).filter(call -> call.echo == Echo.RETRY_NEXT_WAVE).ifPresent(call -> batch.add(call.end));
        call(caller, wave - 2).ifPresent(call -> {
          call.end = endCommand(call, call.endCommandId(), call.endedBy, call.reported, call.endTs);
          batch.add(call.end);
          if (call.echo == Echo.RETRY_SAME_BATCH) {
            batch.add(call.end);
          } else if (call.echo == Echo.OTHER_SIDE) {
            CallParty other = call.endedBy == CallParty.caller ? CallParty.receiver : CallParty.caller;
            batch.add(endCommand(call, call.echoCommandId(), other, Math.max(0, call.reported - 2),
                call.endTs + 2_000));
          }
        });
        if (wave - 1 < caller.calls.size()) {
          Call call = caller.calls.get(wave - 1);
          batch.add(new Send(caller.id, new CallCommand(call.startCommandId(), caller.id,
              Instant.ofEpochMilli(call.startTs), new StartCall(call.receiver.id(), call.type)), call.startTs));
        }
      }
      sent += batch.size();
      return batch;
    }

    private static Optional<Call> call(CallerPlan caller, int index) {
      if (index < 0 || index >= caller.calls.size() || !caller.calls.get(index).accepted) {
        return Optional.empty();
      }
      return Optional.of(caller.calls.get(index));
    }

    private static Send endCommand(Call call, String commandId, CallParty party, long reported, long t) {
      Objects.requireNonNull(call.callId, () -> "no call id learned for " + call);
      return new Send(call.caller.id, new CallCommand(commandId, call.caller.id, Instant.ofEpochMilli(t),
          new EndCall(call.callId, call.receiver.id(), party, reported)), t);
    }

    void learnCallIds(Map<String, List<CommandReply>> replies) {
      startsById.forEach((commandId, call) -> {
        if (call.accepted && call.callId == null && replies.containsKey(commandId)) {
          CommandReply reply = replies.get(commandId).get(0);
          assertThat(reply.getData()).as("reply to %s: %s", commandId, reply).isInstanceOf(StartAccepted.class);
          call.callId = ((StartAccepted) reply.getData()).getCallId();
          expectLedger(call);
        }
      });
    }

    List<Call> calls() {
      return callers.stream().flatMap(caller -> caller.calls.stream()).toList();
    }

    List<Call> acceptedCalls() {
      return calls().stream().filter(call -> call.accepted).toList();
    }

    int commandsSent() {
      return sent;
    }

    long latestTimestamp() {
      return calls().stream().mapToLong(call -> call.endTs + 2_000).max().orElseThrow();
    }

    /** The seeded plan must exercise every case the test claims to cover. */
    void assertCoversEveryCase() {
      List<Call> accepted = acceptedCalls();
      assertThat(accepted.size()).as("calls started").isGreaterThanOrEqualTo(250);
      assertThat(calls().size() - accepted.size()).as("starts refused").isGreaterThanOrEqualTo(3);
      for (Finish finish : Finish.values()) {
        assertThat(accepted.stream().filter(call -> call.finish == finish).count()).as("calls ending %s", finish)
            .isGreaterThanOrEqualTo(5);
      }
      for (Echo echo : Echo.values()) {
        assertThat(accepted.stream().filter(call -> call.echo == echo).count()).as("calls with %s", echo)
            .isGreaterThanOrEqualTo(5);
      }
      assertThat(accepted.stream().filter(call -> call.endedBy == CallParty.receiver).count())
          .as("calls ended by the receiver").isGreaterThanOrEqualTo(50);
      assertThat(accepted.stream().filter(call -> call.status == CallStatus.insufficient_coins).count())
          .as("insufficient_coins").isGreaterThanOrEqualTo(8);
      assertThat(accepted.stream().filter(call -> call.status == CallStatus.not_connected).count())
          .as("not_connected").isGreaterThanOrEqualTo(5);
      assertThat(accepted.stream().filter(call -> call.status == CallStatus.completed
          && call.receiver.agencyId() != null && call.charge.margin() % 2 == 1).count())
          .as("agency splits of an odd margin (62.5 % leaves half a hundredth to round)").isGreaterThanOrEqualTo(5);
    }
  }

  // ---- running the app and driving the broker ------------------------------------------------------------------

  private StreamsSettings settings(Path stateDir) {
    Map<String, String> environment = Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
        StreamsSettings.ENV_APPLICATION_ID, APPLICATION_ID,
        StreamsSettings.ENV_STATE_DIR, stateDir.toString(),
        StreamsSettings.ENV_NUM_STREAM_THREADS, "1",
        "CALLBILL_TOPIC_PREFIX", PREFIX,
        "CALLBILL_TOPIC_PARTITIONS", Integer.toString(PARTITIONS),
        "CALLBILL_HEALTH_PORT", "0",
        // The reference model below is the clamp policy's: pinned, whatever the default metering becomes.
        "CALLBILL_METERING", "clamp");
    Properties file = new Properties();
    // A closed Kafka Streams instance does not leave its group: the coordinator notices after the session timeout
    // (45 s by default) before it hands the partitions on. The broker's minimum keeps handovers to seconds here.
    file.setProperty(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
    file.setProperty(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
    // Bootstrapping the three tiny global topics waits out the fetch wait (500 ms) several times: about 6 s per
    // start at the default, under 1 s with this.
    file.setProperty(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
    StreamsSettings settings = StreamsSettings.from(file, environment);
    assertThat(settings.streamsProperties().getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    return settings;
  }

  private static void awaitRunning(BillingStreamsApp app, String name) throws InterruptedException {
    Await.until(WAVE_DEADLINE, name + " RUNNING", () -> app.state() == KafkaStreams.State.RUNNING);
  }

  private static void awaitReplies(CommandClient commands, List<BillingStreamsApp> running, String what,
                                   Set<String> commandIds) throws InterruptedException {
    Await.until(WAVE_DEADLINE, what, () -> {
      for (BillingStreamsApp app : running) {
        if (app.failed()) {
          throw new AssertionError("an instance stopped on an error while waiting for " + what);
        }
      }
      return commands.answered(commandIds);
    });
  }

  private static int membersOwningPartitions() throws Exception {
    try (Admin admin = BROKER.admin()) {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups()
          .get(APPLICATION_ID).get(10, TimeUnit.SECONDS);
      return (int) group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
    }
  }

  /** Fences every transactional producer of the application (Kafka Streams' ids start with the application id). */
  private static int fenceStreamsProducers() throws Exception {
    try (Admin admin = BROKER.admin()) {
      List<String> ids = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
          .map(TransactionListing::transactionalId).filter(id -> id.startsWith(APPLICATION_ID + "-")).toList();
      admin.fenceProducers(ids).all().get(30, TimeUnit.SECONDS);
      return ids.size();
    }
  }

  /** The commands of one wave in one transaction (each keyed by its caller, at its planned record time). */
  private static void sendInOneTransaction(CommandClient commands, List<Send> batch) {
    if (batch.isEmpty()) {
      return;
    }
    commands.inTransaction(tx -> batch.forEach(send ->
        tx.command(send.command(), Instant.ofEpochMilli(send.timestamp()))));
  }

  /** Commands in a transaction that is aborted: read_committed processing must never see them. */
  private static void abortedTransaction(CommandClient commands, Plan plan) {
    Instant now = Instant.now();
    commands.inAbortedTransaction(tx -> {
      for (CallerPlan caller : plan.callers.subList(0, 5)) {
        tx.command(new CallCommand(caller.id + "-aborted-credit", caller.id, now,
            new CreditCoins(1_000_000L, "aborted-purchase")), now);
      }
    });
  }

  /** Levels, platform settings, agencies, receivers and callers in one transaction, all at {@code timestamp}. */
  private void publishReferenceData(CommandClient commands, Plan plan, long timestamp) {
    Instant at = Instant.ofEpochMilli(timestamp);
    commands.inTransaction(tx -> {
      for (String[] level : LEVELS) {
        LevelConfig config = LevelConfig.newBuilder().setLevel(Integer.parseInt(level[0])).setIsActive(true)
            .setAudioRatePerMinute(rate(level[1])).setVideoRatePerMinute(rate(level[2]))
            .setPlatformMarginPerMinute(new PlatformMargin(rate(level[3]), rate(level[4]))).build();
        tx.record(topics.levelConfigs, level[0], config, at);
      }
      tx.record(topics.platformConfig, ReferenceData.PLATFORM_CONFIG_KEY, PlatformConfig.newBuilder()
          .setMinCallCoins(0).setAdminSharePercentage(rate(ADMIN_SHARE_PERCENTAGE)).build(), at);
      plan.receivers.stream().map(ReceiverRef::agencyId).filter(Objects::nonNull).distinct().forEach(agencyId ->
          tx.record(topics.agencies, agencyId, new Agency(agencyId, "Agency " + agencyId), at));
      for (ReceiverRef receiver : plan.receivers) {
        tx.record(topics.receivers, receiver.id(), Receiver.newBuilder().setReceiverId(receiver.id())
            .setName("Receiver " + receiver.id()).setOnlineStatus(true).setCurrentLevel(receiver.level())
            .setAgencyId(receiver.agencyId()).setReviewAccepted(true).build(), at);
      }
      for (CallerPlan caller : plan.callers) {
        tx.record(topics.callers, caller.id, Caller.newBuilder().setCallerId(caller.id)
            .setFirstName("First " + caller.id).build(), at);
      }
    });
  }

  // ---- reading the outputs -------------------------------------------------------------------------------------

  /** Every output topic, read_committed, from the beginning to its end. */
  private record Outputs(List<ConsumerRecord<String, CommandReply>> replies,
                         List<ConsumerRecord<String, CallRecord>> callHistory,
                         List<ConsumerRecord<String, CallEvent>> events,
                         List<ConsumerRecord<String, ActiveCall>> activeCalls,
                         List<ConsumerRecord<String, LedgerEntry>> ledger,
                         List<ConsumerRecord<String, AccountBalance>> balances) {
  }

  private Outputs readOutputs() {
    return new Outputs(readAll(topics.replies), readAll(topics.callHistory), readAll(topics.callEvents),
        readAll(topics.activeCalls), readAll(topics.ledger), readAll(topics.balances));
  }

  private static <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
    List<ConsumerRecord<String, V>> read = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = committedReader(topic)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + WAVE_DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic.name() + " to its end " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  private static <V> KafkaConsumer<String, V> committedReader(Topic<String, V> topic) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, ?> consumer, Topic<String, ?> topic) {
    return consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  /** Follows a topic read_committed in the background, to wait on what has arrived so far. */
  private static final class Tail<V> implements AutoCloseable {
    private final List<ConsumerRecord<String, V>> records = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    Tail(Topic<String, V> topic) {
      thread = new Thread(() -> follow(topic), "tail-" + topic.baseName());
      thread.setDaemon(true);
      thread.start();
    }

    private void follow(Topic<String, V> topic) {
      try (KafkaConsumer<String, V> consumer = committedReader(topic)) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running) {
          consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    int size() {
      check();
      return records.size();
    }

    private void check() {
      if (failure != null) {
        throw new IllegalStateException("tail stopped", failure);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(Duration.ofSeconds(10).toMillis());
    }
  }

  // ---- small helpers -------------------------------------------------------------------------------------------

  private static <V> Map<String, List<V>> groupByKey(List<ConsumerRecord<String, V>> records) {
    Map<String, List<V>> byKey = new LinkedHashMap<>();
    records.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
    return byKey;
  }

  private static CommandReply unaddressed(CommandReply reply) {
    return CommandReply.newBuilder(reply).setCommandId("").setAnsweredAt(Instant.EPOCH).build();
  }

  private static long hundredths(BigDecimal amount) {
    return amount.movePointRight(2).longValueExact();
  }

  private static long signedHundredths(LedgerAction action, BigDecimal amount) {
    return action == LedgerAction.debit ? -hundredths(amount) : hundredths(amount);
  }

  private static BigDecimal rate(String decimal) {
    return new BigDecimal(decimal).setScale(4);
  }
}
