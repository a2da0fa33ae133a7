package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Settlement;
import io.callbill.billing.money.Money;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random calls through the whole topology (random per-minute rates with up to 4 decimals, durations, balances and
 * admin share percentages, agency and non-agency receivers): every settlement agrees with a plain exact reference
 * model written here with integers, coins are conserved to the hundredth across all wallets, no balance goes
 * negative, and every call's ledger entries balance. Seeded: a failure names its seed; replay it with
 * {@code -Dcallbill.settlement.seed=N}.
 */
class SettlementPropertiesTest {

  private static final int CALLS = 300;

  @Test
  void randomCallsAgreeWithTheReferenceModelAndConserveCoins() {
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
        Reference ref = new Reference(femaleUnits, marginUnits, agency ? shareUnits : 100 * 10_000L);

        CommandReply start = billing.start(caller, receiver, CallType.video);
        if (balance < ref.coinsFor(30)) {
          assertThat(start.getHttpStatus()).as(trial).isEqualTo(400);
          continue;
        }
        assertThat(start.getHttpStatus()).as(trial).isEqualTo(200);
        long maxSeconds = ((io.callbill.avro.StartAccepted) start.getData()).getMaxSeconds();
        assertThat(maxSeconds).as(trial).isEqualTo(ref.maxSeconds(balance));

        // Mostly affordable durations, sometimes more than the balance pays for.
        long duration = random.nextInt(10) == 0 ? maxSeconds + 1 + random.nextLong(600)
            : random.nextLong(Math.min(maxSeconds, 7000) + 1);
        billing.advance(Duration.ofSeconds(duration));
        CommandReply end = billing.endByCaller(caller, receiver, callId(start), duration);

        long billable = Math.max(duration, 30);
        long total = ref.coinsFor(billable);
        if (duration == 0) {
          assertThat(end.getHttpStatus()).as(trial).isEqualTo(400);
        } else if (total > balance) {
          assertThat(end.getHttpStatus()).as(trial).isEqualTo(400);
          assertThat(billing.callerBalance(caller)).as(trial).isEqualTo(balance);
        } else {
          Settlement s = (Settlement) end.getData();
          long female = ref.femaleEarning(total);
          long adminHundredths = ref.adminHundredths(total - female);
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

  /**
   * The seed's formulas in plain integers: rates are counted in ten-thousandths of a coin per minute, so
   * pay per second = pay units / 600000 exactly, and every rounding is an integer floor or ceiling division.
   */
  private record Reference(long femaleUnits, long marginUnits, long shareUnits) {

    private static final BigInteger UNITS_PER_COIN_MINUTE = BigInteger.valueOf(60 * 10_000L);

    long coinsFor(long seconds) {
      BigInteger numerator = BigInteger.valueOf(seconds).multiply(BigInteger.valueOf(femaleUnits + marginUnits));
      return ceilDiv(numerator, UNITS_PER_COIN_MINUTE);
    }

    long maxSeconds(long balance) {
      return BigInteger.valueOf(balance).multiply(UNITS_PER_COIN_MINUTE)
          .divide(BigInteger.valueOf(femaleUnits + marginUnits)).longValueExact();
    }

    long femaleEarning(long totalCoins) {
      return BigInteger.valueOf(totalCoins).multiply(BigInteger.valueOf(femaleUnits))
          .divide(BigInteger.valueOf(femaleUnits + marginUnits)).longValueExact();
    }

    /** margin coins * share% in hundredths = margin * shareUnits / 10^4, rounded half up. */
    long adminHundredths(long marginCoins) {
      BigInteger scaled = BigInteger.valueOf(marginCoins).multiply(BigInteger.valueOf(shareUnits));
      BigInteger[] qr = scaled.divideAndRemainder(BigInteger.valueOf(10_000));
      return qr[0].longValueExact() + (qr[1].longValueExact() * 2 >= 10_000 ? 1 : 0);
    }

    private static long ceilDiv(BigInteger numerator, BigInteger denominator) {
      BigInteger[] qr = numerator.divideAndRemainder(denominator);
      return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }
  }
}
