package io.callbill.proofs.load;

import io.callbill.testkit.oracle.BillingOracle;
import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.math.BigDecimal;

/**
 * The rates of a call as the generator configured them (per minute, at most 4 decimal places, as the API accepts
 * them) and the share of the margin the platform keeps (a whole percent; 100 % for a receiver without agency). What
 * a call at these rates must cost is the {@link BillingOracle}'s answer, not a formula of the generator's own.
 */
public record RatePlan(BigDecimal ratePerMinute, BigDecimal marginPerMinute, int adminSharePercent) {

  public RatePlan {
    if (ratePerMinute.signum() <= 0 || marginPerMinute.signum() < 0) {
      throw new IllegalArgumentException("rate must be > 0 and margin >= 0");
    }
    if (ratePerMinute.scale() > 4 || marginPerMinute.scale() > 4) {
      throw new IllegalArgumentException("rates have at most 4 decimal places");
    }
    if (adminSharePercent < 0 || adminSharePercent > 100) {
      throw new IllegalArgumentException("admin share is 0..100 %");
    }
  }

  public BillingOracle oracle() {
    return BillingOracle.of(ratePerMinute, marginPerMinute, BigDecimal.valueOf(adminSharePercent));
  }

  /** What a call that lasted {@code durationSeconds} must move (the 30 s minimum applied). */
  public Charge charge(long durationSeconds) {
    return oracle().chargeForDuration(durationSeconds);
  }

  /** The seconds {@code balanceCoins} pay for at these rates, as billing's start answers. */
  public long maxSeconds(long balanceCoins) {
    return oracle().maxSeconds(balanceCoins);
  }
}
