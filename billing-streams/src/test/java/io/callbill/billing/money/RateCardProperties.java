package io.callbill.billing.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.testkit.oracle.BillingOracle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Properties of the money rules over random rate cards: per-minute rates with up to 4 decimals (receiver rate in
 * (0, 1000], margin in [0, 1000]), admin shares in [0, 100] with up to 4 decimals, durations 0..7200 s, balances
 * 0..10^9, with the boundary values mixed in. Each property runs {@value #TRIES} tries; the properties hold for every
 * input, and the results must agree with the independent exact model of the rules, test-kit's {@link BillingOracle}.
 *
 * <p>The runner is a small seeded loop on JUnit Jupiter (see {@link #forAll}), not jqwik: jqwik 1.10+ asks not to
 * be used by AI coding agents, and these tests were written by one. A failure names the seed and the inputs; rerun
 * the same cases with {@code -Dcallbill.money.seed=<seed>}.
 */
class RateCardProperties {

  private static final int TRIES = 1000;
  private static final String SEED_PROPERTY = "callbill.money.seed";
  /** Every generated rate and percentage is a whole number of ten-thousandths. */
  private static final long UNITS = 10_000;

  // ---------------------------------------------------------------------------------------------------------------
  // Properties

  @Test
  void coinsAreConserved() {
    forAll(gen -> {
      Amount rate = gen.receiverRate();
      Amount margin = gen.margin();
      Amount share = gen.share();
      long duration = gen.duration();
      CallCharge c = card(rate, margin, share).charge(RateCard.billableSeconds(duration));

      assertThat(c.totalCoins() * 100)
          .isEqualTo(c.femaleEarning() * 100 + c.adminHundredths() + c.agencyHundredths());
      assertThat(c.femaleEarning() + c.platformMargin()).isEqualTo(c.totalCoins());
      assertThat(c.adminHundredths() + c.agencyHundredths()).isEqualTo(c.platformMargin() * 100);
      assertThat(c.billableSeconds()).isGreaterThanOrEqualTo(RateCard.MIN_BILLABLE_SECONDS);
      assertThat(c.totalCoins()).isPositive(); // 30 s of a positive rate costs at least a coin
      assertThat(c.femaleEarning()).isNotNegative();
      assertThat(c.platformMargin()).isNotNegative();
      assertThat(c.adminHundredths()).isNotNegative();
      assertThat(c.agencyHundredths()).isNotNegative();
    });
  }

  @Test
  void agreesWithTheBillingOracle() {
    forAll(gen -> {
      Amount rate = gen.receiverRate();
      Amount margin = gen.margin();
      Amount share = gen.share();
      long duration = gen.duration();
      long balance = gen.balance();
      RateCard card = card(rate, margin, share);
      BillingOracle oracle = BillingOracle.of(rate.value(), margin.value(), share.value());

      long billable = RateCard.billableSeconds(duration);
      assertThat(billable).isEqualTo(BillingOracle.billableSeconds(duration));
      assertThat(card.charge(billable)).isEqualTo(asCallCharge(oracle.charge(billable)));
      assertThat(card.maxSeconds(balance)).isEqualTo(oracle.maxSeconds(balance));
      assertThat(card.minCoinsToStart()).isEqualTo(oracle.minCoinsToStart());
    });
  }

  @Test
  void refundsInPartsAgreeWithTheBillingOracle() {
    forAll(gen -> {
      Amount rate = gen.receiverRate();
      Amount margin = gen.margin();
      Amount share = gen.share();
      RateCard card = card(rate, margin, share);
      CallCharge charge = card.charge(RateCard.billableSeconds(gen.duration()));
      BillingOracle.Charge oracleCharge = BillingOracle.of(rate.value(), margin.value(), share.value())
          .charge(charge.billableSeconds());
      // The whole charge given back in up to five parts of random size.
      int parts = gen.intBetween(1, 5);
      long refunded = 0;
      for (int part = 1; part <= parts && refunded < charge.totalCoins(); part++) {
        long left = charge.totalCoins() - refunded;
        long coins = part == parts ? left : 1 + gen.intBetween(0, (int) Math.min(left - 1, Integer.MAX_VALUE - 1));
        RefundSplit split = RefundSplit.of(charge, refunded, coins);
        BillingOracle.Refund expected = BillingOracle.refund(oracleCharge, refunded, coins);
        assertThat(split).isEqualTo(new RefundSplit(expected.coins(), expected.receiverHundredths(),
            expected.adminHundredths(), expected.agencyHundredths()));
        refunded += coins;
      }
    });
  }

  @Test
  void aCallerWhoCanStartAndStopsByMaxSecondsNeverGoesNegative() {
    forAll(gen -> {
      RateCard card = card(gen.receiverRate(), gen.margin(), Amount.of(100));
      // Only callers who may start: balance >= minCoinsToStart (generated so, rather than filtered).
      long balance = gen.balanceAtLeast(card.minCoinsToStart());
      long duration = gen.duration();
      int permille = gen.intBetween(0, 1000);

      long maxSeconds = card.maxSeconds(balance);
      // Affording the 30-second minimum means affording 30 seconds of talk.
      assertThat(maxSeconds).isGreaterThanOrEqualTo(RateCard.MIN_BILLABLE_SECONDS);
      for (long d : new long[] {maxSeconds, Math.min(duration, maxSeconds), maxSeconds / 1000 * permille, 0,
          RateCard.MIN_BILLABLE_SECONDS}) {
        assertThat(d).isLessThanOrEqualTo(maxSeconds);
        assertThat(card.charge(RateCard.billableSeconds(d)).totalCoins()).as("charge of a %d s call", d)
            .isLessThanOrEqualTo(balance);
      }
      // And maxSeconds is the longest such call: one second more costs more than the balance.
      assertThat(card.charge(RateCard.billableSeconds(maxSeconds + 1)).totalCoins()).isGreaterThan(balance);
    });
  }

  @Test
  void earningNeverExceedsTheReceiverRateShare() {
    forAll(gen -> {
      Amount rate = gen.receiverRate();
      Amount margin = gen.margin();
      CallCharge c = card(rate, margin, Amount.of(100)).charge(RateCard.billableSeconds(gen.duration()));
      BigInteger pay = BigInteger.valueOf(rate.units() + margin.units());
      BigInteger earningTimesPay = BigInteger.valueOf(c.femaleEarning()).multiply(pay);
      BigInteger totalTimesRate = BigInteger.valueOf(c.totalCoins()).multiply(BigInteger.valueOf(rate.units()));

      // femaleEarning <= totalCoins * female / pay ...
      assertThat(earningTimesPay).isLessThanOrEqualTo(totalTimesRate);
      // ... and short of it by less than one coin (the floor takes only the fraction).
      assertThat(earningTimesPay.add(pay)).isGreaterThan(totalTimesRate);
      // So the platform keeps at least its share: platformMargin >= totalCoins * margin / pay.
      assertThat(BigInteger.valueOf(c.platformMargin()).multiply(pay))
          .isGreaterThanOrEqualTo(BigInteger.valueOf(c.totalCoins()).multiply(BigInteger.valueOf(margin.units())));
    });
  }

  @Test
  void aLongerCallNeverCostsOrEarnsLess() {
    forAll(gen -> {
      RateCard card = card(gen.receiverRate(), gen.margin(), Amount.of(100));
      long duration = gen.duration();
      CallCharge shorter = card.charge(RateCard.billableSeconds(duration));
      CallCharge longer = card.charge(RateCard.billableSeconds(duration + 1));
      assertThat(longer.totalCoins()).isGreaterThanOrEqualTo(shorter.totalCoins());
      assertThat(longer.femaleEarning()).isGreaterThanOrEqualTo(shorter.femaleEarning());
    });
  }

  /** The runner must really run its tries and really fail on a false property. */
  @Test
  void theRunnerRunsEveryTryAndReportsAFalsifiedProperty() {
    int[] runs = {0};
    forAll(gen -> {
      gen.duration();
      runs[0]++;
    });
    assertThat(runs[0]).isEqualTo(TRIES);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> forAll(gen -> {
      long duration = gen.duration();
      assertThat(duration).isLessThan(7200);
    })).isInstanceOf(AssertionError.class).hasMessageContaining("seed").hasMessageContaining("duration=7200");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Runner and generators

  private static void forAll(Consumer<Gen> property) {
    String fixed = System.getProperty(SEED_PROPERTY);
    long seed = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < TRIES; i++) {
      Gen gen = new Gen(random);
      try {
        property.accept(gen);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("falsified at try " + (i + 1) + " of " + TRIES + " with " + gen.inputs
            + " (seed " + seed + "; rerun with -D" + SEED_PROPERTY + "=" + seed + "): " + e.getMessage(), e);
      }
    }
  }

  /** A decimal with up to 4 decimals, and the same value as a whole number of ten-thousandths. */
  record Amount(long units, BigDecimal value) {

    static Amount of(long whole) {
      return new Amount(whole * UNITS, BigDecimal.valueOf(whole));
    }

    @Override
    public String toString() {
      return value.toPlainString();
    }
  }

  /** Draws inputs, one in ten at a boundary, and records them for the failure message. */
  private static final class Gen {

    private final SplittableRandom random;
    private final List<String> inputs = new ArrayList<>();

    Gen(SplittableRandom random) {
      this.random = random;
    }

    Amount receiverRate() {
      return record("rate", amount(1, 1000));
    }

    Amount margin() {
      return record("margin", amount(0, 1000));
    }

    Amount share() {
      return record("share", amount(0, 100));
    }

    long duration() {
      return record("duration", edgeOr(new long[] {0, 1, 29, 30, 31, 7199, 7200}, 0, 7200));
    }

    long balance() {
      long[] edges = {0, 1, 1_000_000_000L};
      // Small balances (around what starting a call costs) as often as large ones.
      return record("balance", random.nextBoolean() ? edgeOr(edges, 0, 1_000_000_000L) : edgeOr(edges, 0, 2_000));
    }

    long balanceAtLeast(long min) {
      long[] edges = {min, min + 1, 1_000_000_000L};
      return record("balance", random.nextBoolean() ? edgeOr(edges, min, 1_000_000_000L)
          : edgeOr(edges, min, min + 2_000));
    }

    int intBetween(int min, int max) {
      return record("int", random.nextInt(min, max + 1));
    }

    /**
     * Values in [minUnits / 10^4, maxWhole] with a random number of decimals, 0 to 4 (so whole and one-decimal rates,
     * the usual ones, come up often).
     */
    private Amount amount(long minUnits, long maxWhole) {
      int scale = random.nextInt(5);
      long toUnits = BigInteger.TEN.pow(4 - scale).longValueExact();
      long minUnscaled = (minUnits + toUnits - 1) / toUnits;
      long maxUnscaled = maxWhole * BigInteger.TEN.pow(scale).longValueExact();
      long unscaled = edgeOr(new long[] {minUnscaled, maxUnscaled}, minUnscaled, maxUnscaled);
      return new Amount(unscaled * toUnits, BigDecimal.valueOf(unscaled, scale));
    }

    private long edgeOr(long[] edges, long min, long max) {
      return random.nextInt(10) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong(min, max + 1);
    }

    private <T> T record(String name, T value) {
      inputs.add(name + "=" + value);
      return value;
    }
  }

  private static RateCard card(Amount rate, Amount margin, Amount share) {
    return new RateCard(rate.value(), margin.value(), share.value());
  }

  /** The oracle's charge in billing's type, so the two compare as records. */
  private static CallCharge asCallCharge(BillingOracle.Charge c) {
    return new CallCharge(c.billableSeconds(), c.totalCoins(), c.femaleEarning(), c.platformMargin(),
        c.adminHundredths(), c.agencyHundredths());
  }
}
