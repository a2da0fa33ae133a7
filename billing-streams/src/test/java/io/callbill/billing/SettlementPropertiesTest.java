package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Settlement;
import io.callbill.billing.money.Money;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import io.callbill.testkit.oracle.BillingOracle;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random calls through the whole topology (random per-minute rates with up to 4 decimals, durations, balances and
 * admin share percentages, agency and non-agency receivers): every settlement agrees with the independent exact
 * model of the rules (test-kit's {@link BillingOracle}), coins are conserved to the hundredth across all wallets, no
 * balance goes negative, and every call's ledger entries balance. Seeded: a failure names its seed; replay it with
 * {@code -Dcallbill.settlement.seed=N}.
 */
class SettlementPropertiesTest {

  private static final int CALLS = 300;

  @Test
  void randomCallsAgreeWithTheBillingOracleAndConserveCoins() {
    long seed = Long.getLong("callbill.settlement.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    long creditedCoins = 0;
    // Expiry and cutoff are not under test here: a long scan interval keeps the clock jumps cheap.
    try (CallbillTestDriver billing = new CallbillTestDriver(BillingFixtures.config(Metering.CLAMP,
        BillingConfig.SESSION_SCAN_INTERVAL_MS, "86400000"))) {
      for (int i = 0; i < CALLS; i++) {
        String trial = "seed " + seed + ", call " + i;
        long femaleUnits = 1 + random.nextLong(1_000 * 10_000L);        // (0, 1000] per minute, 4 decimals
        long marginUnits = random.nextLong(200 * 10_000L + 1);           // [0, 200]
        long shareUnits = random.nextLong(100 * 10_000L + 1);            // [0, 100] percent
        boolean agency = random.nextBoolean();
        String caller = "c" + i;
        String receiver = "r" + i;
        billing.level(i, decimal(femaleUnits), decimal(femaleUnits), decimal(marginUnits), decimal(marginUnits))
            .platform(0, decimal(shareUnits))
            .receiver(receiver, i, agency ? "agency-" + (i % 7) : null)
            .caller(caller);
        long balance = random.nextLong(20_000_000);
        if (balance > 0) {
          billing.credit(caller, balance, "p-" + i);
          creditedCoins += balance;
        }
        BillingOracle oracle = BillingOracle.ofTenThousandths(femaleUnits, marginUnits,
            agency ? shareUnits : 100 * 10_000L);

        CommandReply start = billing.start(caller, receiver, CallType.video);
        if (balance < oracle.minCoinsToStart()) {
          assertThat(start.getHttpStatus()).as(trial).isEqualTo(400);
          continue;
        }
        assertThat(start.getHttpStatus()).as(trial).isEqualTo(200);
        long maxSeconds = ((io.callbill.avro.StartAccepted) start.getData()).getMaxSeconds();
        assertThat(maxSeconds).as(trial).isEqualTo(oracle.maxSeconds(balance));

        // Mostly affordable durations, sometimes more than the balance pays for.
        long duration = random.nextInt(10) == 0 ? maxSeconds + 1 + random.nextLong(600)
            : random.nextLong(Math.min(maxSeconds, 7000) + 1);
        billing.advance(Duration.ofSeconds(duration));
        CommandReply end = billing.endByCaller(caller, receiver, callId(start), duration);

        BillingOracle.Charge charge = oracle.chargeForDuration(duration);
        long total = charge.totalCoins();
        if (duration == 0) {
          assertThat(end.getHttpStatus()).as(trial).isEqualTo(400);
        } else if (total > balance) {
          assertThat(end.getHttpStatus()).as(trial).isEqualTo(400);
          assertThat(billing.callerBalance(caller)).as(trial).isEqualTo(balance);
        } else {
          Settlement s = (Settlement) end.getData();
          long female = charge.femaleEarning();
          long adminHundredths = charge.adminHundredths();
          assertThat(s.getTotalCoins()).as(trial).isEqualTo(total);
          assertThat(s.getFemaleEarning()).as(trial).isEqualTo(female);
          assertThat(s.getPlatformMargin()).as(trial).isEqualTo(total - female);
          assertThat(Money.toHundredths(s.getAdminEarned())).as(trial).isEqualTo(adminHundredths);
          assertThat(Money.toHundredths(s.getAgencyEarned())).as(trial)
              .isEqualTo((total - female) * 100 - adminHundredths);
          assertThat(s.getCallerRemainingBalance()).as(trial).isEqualTo(balance - total);
        }
      }

      assertLedgerBalancesPerCall(billing.ledger(), seed);
      assertCoinsConserved(billing.balances(), creditedCoins, seed);
    }
  }

  /**
   * Random interleavings under measured metering: starts, accepts (receiver or platform), heartbeats, ends from every
   * side with random claims (some for calls already closed), top-ups during calls and clock jumps that fire the
   * cutoff, abandoned, missed and expiry deadlines. Checked against a model kept here from what the test sent: every
   * call settles exactly once, a caller's or receiver's end bills the measured time (capped at maxSeconds) whatever
   * the claim, billing's own settlements never pass maxSeconds, coins are conserved and no balance goes negative.
   */
  @Test
  void randomMeteredInterleavingsSettleEachCallOnceAtTheMeasuredTime() {
    long seed = Long.getLong("callbill.settlement.seed", System.nanoTime());
    SplittableRandom random = new SplittableRandom(seed);
    long skew = 5;
    Map<String, Long> credited = new HashMap<>();
    Map<String, BillingOracle> rates = new HashMap<>();
    Map<String, MeteredCall> open = new HashMap<>();
    Map<String, MeteredCall> calls = new HashMap<>();
    Map<String, Long> modelBalance = new HashMap<>();
    long creditedCoins = 0;
    int references = 0;
    try (CallbillTestDriver billing = new CallbillTestDriver(BillingFixtures.config(Metering.MEASURED))) {
      billing.platform(0, "60");
      for (int r = 0; r < METERED_RECEIVERS; r++) {
        long femaleUnits = 1 + random.nextLong(100 * 10_000L);
        long marginUnits = random.nextLong(50 * 10_000L + 1);
        boolean agency = r % 2 == 0;
        billing.level(100 + r, decimal(femaleUnits), decimal(femaleUnits), decimal(marginUnits), decimal(marginUnits))
            .receiver("mr" + r, 100 + r, agency ? "agency-m" : null);
        rates.put("mr" + r,
            BillingOracle.ofTenThousandths(femaleUnits, marginUnits, agency ? 60 * 10_000L : 100 * 10_000L));
      }
      for (int c = 0; c < METERED_CALLERS; c++) {
        String caller = "mc" + c;
        billing.caller(caller);
        long coins = 50 + random.nextLong(800);
        billing.credit(caller, coins, "mp-" + references++);
        creditedCoins += coins;
        modelBalance.put(caller, coins);
      }
      int seen = 0;
      for (int step = 0; step < METERED_STEPS; step++) {
        String trial = "seed " + seed + ", step " + step;
        String caller = "mc" + random.nextInt(METERED_CALLERS);
        MeteredCall call = open.get(caller);
        int action = random.nextInt(100);
        if (action < 15 && call == null) {
          String receiver = "mr" + random.nextInt(METERED_RECEIVERS);
          CommandReply start = billing.start(caller, receiver, CallType.audio);
          if (start.getHttpStatus() == 200) {
            MeteredCall started = new MeteredCall(callId(start), caller, receiver, rates.get(receiver));
            started.maxSeconds = ((io.callbill.avro.StartAccepted) start.getData()).getMaxSeconds();
            assertThat(started.maxSeconds).as(trial).isEqualTo(started.rates.maxSeconds(modelBalance.get(caller)));
            open.put(caller, started);
            calls.put(started.callId, started);
            started.chatty = random.nextBoolean();
            if (random.nextInt(4) != 0) {
              // Most calls are answered within moments; the rest ring into the ring timeout (or are ended).
              billing.advance(Duration.ofSeconds(random.nextInt(6)));
              assertThat(billing.accept(receiver, caller, started.callId).getHttpStatus()).as(trial).isEqualTo(200);
              started.connectedAt = billing.now();
              started.lastSignOfLife = billing.now();
            }
          } else {
            assertThat(modelBalance.get(caller)).as(trial).isLessThan(rates.get(receiver).minCoinsToStart());
          }
        } else if (action < 22 && call != null) {
          boolean byPlatform = random.nextInt(4) == 0;
          CommandReply accepted = byPlatform ? billing.acceptByPlatform(caller, call.callId)
              : billing.accept(call.receiver, caller, call.callId);
          assertThat(accepted.getHttpStatus()).as(trial).isEqualTo(200);
          if (call.connectedAt == null) {
            call.connectedAt = billing.now();
            call.lastSignOfLife = billing.now();
          }
        } else if (action < 27 && call != null) {
          int party = random.nextInt(3);
          CommandReply beat = party == 0 ? billing.heartbeatByCaller(caller, call.callId)
              : party == 1 ? billing.heartbeatByReceiver(call.receiver, caller, call.callId)
              : billing.heartbeatByPlatform(caller, call.callId);
          assertThat(beat.getHttpStatus()).as(trial).isEqualTo(200);
          call.heartbeats = true;
          call.lastSignOfLife = billing.now();
        } else if (action < 37 && call != null) {
          long measured = call.connectedAt == null ? 0 : Duration.between(call.connectedAt, billing.now()).toSeconds();
          call.claim = random.nextInt(4) == 0 ? 0 : Math.max(0, measured + random.nextLong(41) - 20);
          call.endedAt = billing.now();
          int party = random.nextInt(3);
          call.endedBy = party == 0 ? CallParty.caller : party == 1 ? CallParty.receiver : CallParty.platform;
          CommandReply end = party == 0 ? billing.endByCaller(caller, call.receiver, call.callId, call.claim)
              : party == 1 ? billing.endByReceiver(call.receiver, caller, call.callId, call.claim)
              : billing.endByPlatform(caller, call.callId, call.claim);
          assertThat(end.getHttpStatus()).as(trial).isIn(200, 400);
        } else if (action < 42 && !calls.isEmpty()) {
          // An end for some call, maybe long closed: a replay or a refusal, never a second settlement.
          MeteredCall any = calls.values().stream().skip(random.nextInt(calls.size())).findFirst().orElseThrow();
          if (open.get(any.caller) != any) {
            CommandReply again = billing.endByReceiver(any.receiver, any.caller, any.callId, 10);
            assertThat(again.getHttpStatus()).as(trial).isIn(200, 400);
          }
        } else if (action < 52) {
          long coins = 1 + random.nextLong(300);
          billing.credit(caller, coins, "mp-" + references++);
          creditedCoins += coins;
          modelBalance.merge(caller, coins, Long::sum);
          if (call != null) {
            call.maxSeconds = Math.max(call.maxSeconds, call.rates.maxSeconds(modelBalance.get(caller)));
          }
        } else {
          // Chatty calls send a heartbeat before the clock moves; a long jump is silence everyone may die of.
          for (MeteredCall chatty : List.copyOf(open.values())) {
            if (chatty.chatty && chatty.connectedAt != null && random.nextInt(20) != 0) {
              billing.heartbeatByPlatform(chatty.caller, chatty.callId);
              chatty.heartbeats = true;
              chatty.lastSignOfLife = billing.now();
            }
          }
          billing.advance(Duration.ofSeconds(random.nextInt(15) == 0 ? 60 + random.nextInt(200)
              : 1 + random.nextInt(30)));
        }
        seen = checkNewRecords(billing, seen, calls, open, modelBalance, skew, trial);
      }
      billing.advance(Duration.ofHours(3));
      seen = checkNewRecords(billing, seen, calls, open, modelBalance, skew, "seed " + seed + ", after the TTL");

      assertThat(open).as("seed %d: every call closed", seed).isEmpty();
      assertThat(billing.callHistory()).as("seed %d: exactly one settlement per call", seed)
          .extracting(io.callbill.avro.CallRecord::getCallId).doesNotHaveDuplicates().hasSize(calls.size());
      for (int c = 0; c < METERED_CALLERS; c++) {
        assertThat(billing.callerBalance("mc" + c)).as("seed %d", seed).isEqualTo(modelBalance.get("mc" + c));
      }
      assertCoinsConserved(billing.balances(), creditedCoins, seed);
    }
  }

  private static final int METERED_CALLERS = 12;
  private static final int METERED_RECEIVERS = 4;
  private static final int METERED_STEPS = 300;

  /** Checks the call records that appeared since {@code seen} against the model; returns the new count. */
  private static int checkNewRecords(CallbillTestDriver billing, int seen, Map<String, MeteredCall> calls,
                                     Map<String, MeteredCall> open, Map<String, Long> modelBalance, long skew,
                                     String trial) {
    List<io.callbill.avro.CallRecord> history = billing.callHistory();
    for (io.callbill.avro.CallRecord record : history.subList(seen, history.size())) {
      MeteredCall call = calls.get(record.getCallId());
      String at = trial + ", " + record.getCallId() + " " + record.getStatus() + " by " + record.getEndedBy();
      assertThat(call).as(at).isNotNull();
      assertThat(open.remove(call.caller)).as(at + ": settled once, while open").isSameAs(call);
      long balanceBefore = modelBalance.get(call.caller);
      long billed = record.getDuration();
      assertThat(billed).as(at + ": never past maxSeconds").isLessThanOrEqualTo(call.maxSeconds)
          .isLessThanOrEqualTo(call.rates.maxSeconds(balanceBefore));
      if (record.getTotalCoins() > 0) {
        assertThat(record.getTotalCoins()).as(at).isEqualTo(call.rates.chargeForDuration(billed).totalCoins());
      }
      assertThat(record.getTotalCoins()).as(at + ": no negative balance").isLessThanOrEqualTo(balanceBefore);
      CallParty endedBy = record.getEndedBy();
      if (endedBy == CallParty.caller || endedBy == CallParty.receiver) {
        assertThat(endedBy).as(at).isEqualTo(call.endedBy);
        long measured = call.connectedAt == null ? 0 : Duration.between(call.connectedAt, call.endedAt).toSeconds();
        assertThat(record.getMeasuredDuration()).as(at).isEqualTo(measured);
        boolean free = call.connectedAt == null || (call.claim == 0 && measured <= skew);
        if (free) {
          assertThat(record.getStatus()).as(at).isEqualTo(io.callbill.avro.CallStatus.not_connected);
          assertThat(record.getTotalCoins()).as(at).isZero();
        } else {
          assertThat(billed).as(at + ": the measured time").isEqualTo(Math.min(measured, call.maxSeconds));
          assertThat(Math.abs(billed - measured) <= skew || billed == call.maxSeconds).as(at).isTrue();
          assertThat(record.getDurationDisputed()).as(at).isEqualTo(Math.abs(call.claim - measured) > skew);
        }
      } else if (endedBy == CallParty.platform) {
        assertThat(billed).as(at + ": the platform's figure").isEqualTo(Math.min(call.claim, call.maxSeconds));
      } else if (endedBy == CallParty.cutoff) {
        assertThat(billed).as(at).isEqualTo(call.maxSeconds);
        assertThat(record.getEndedAt()).as(at).isEqualTo(call.connectedAt.plusSeconds(call.maxSeconds));
      } else if (endedBy == CallParty.abandoned) {
        assertThat(call.heartbeats).as(at).isTrue();
        assertThat(billed).as(at + ": to the last heartbeat")
            .isEqualTo(Math.min(Duration.between(call.connectedAt, call.lastSignOfLife).toSeconds(), call.maxSeconds));
      } else {
        assertThat(record.getStatus()).as(at).isIn(io.callbill.avro.CallStatus.missed,
            io.callbill.avro.CallStatus.expired);
        if (record.getStatus() == io.callbill.avro.CallStatus.missed) {
          assertThat(call.connectedAt).as(at).isNull();
          assertThat(record.getTotalCoins()).as(at).isZero();
        }
      }
      modelBalance.put(call.caller, balanceBefore - record.getTotalCoins());
    }
    return history.size();
  }

  /** What the test knows of one call from the commands it sent. */
  private static final class MeteredCall {
    final String callId;
    final String caller;
    final String receiver;
    final BillingOracle rates;
    long maxSeconds;
    java.time.Instant connectedAt;
    java.time.Instant lastSignOfLife;
    boolean heartbeats;
    boolean chatty;
    long claim;
    java.time.Instant endedAt;
    CallParty endedBy;

    MeteredCall(String callId, String caller, String receiver, BillingOracle rates) {
      this.callId = callId;
      this.caller = caller;
      this.receiver = receiver;
      this.rates = rates;
    }
  }

  private static void assertLedgerBalancesPerCall(List<LedgerEntry> ledger, long seed) {
    Map<String, BigDecimal> netByCall = new HashMap<>();
    for (LedgerEntry entry : ledger) {
      assertThat(entry.getBalanceAfter().signum()).as("seed %d: %s", seed, entry).isNotNegative();
      if ("CallHistory".equals(entry.getRelatedModel())) {
        BigDecimal signed = entry.getAction() == LedgerAction.debit ? entry.getAmount().negate() : entry.getAmount();
        netByCall.merge(entry.getRelatedId(), signed, BigDecimal::add);
      }
    }
    assertThat(netByCall).as("seed %d", seed).isNotEmpty();
    netByCall.forEach((call, net) -> assertThat(net).as("seed %d, call %s", seed, call).isEqualByComparingTo("0"));
  }

  private static void assertCoinsConserved(List<AccountBalance> updates, long creditedCoins, long seed) {
    Map<String, BigDecimal> latest = updates.stream()
        .collect(Collectors.toMap(AccountBalance::getAccountKey, AccountBalance::getBalance, (a, b) -> b));
    latest.values().forEach(b -> assertThat(b.signum()).as("seed %d", seed).isNotNegative());
    BigDecimal total = latest.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total).as("seed %d: all wallets together hold exactly what was credited", seed)
        .isEqualByComparingTo(BigDecimal.valueOf(creditedCoins));
    assertThat(latest.keySet()).anyMatch(AccountKeys::isPlatform);
  }

  private static String decimal(long tenThousandths) {
    return BigDecimal.valueOf(tenThousandths, 4).toPlainString();
  }
}
