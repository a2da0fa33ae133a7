package io.callbill.billing.money;

/**
 * The money of one settled call. Coins for the caller's charge and the receiver's earning; hundredths of a coin for
 * the platform/agency split of the margin. Conserves value by construction:
 * {@code totalCoins * 100 == femaleEarning * 100 + adminHundredths + agencyHundredths}.
 */
public record CallCharge(long billableSeconds, long totalCoins, long femaleEarning, long platformMargin,
                         long adminHundredths, long agencyHundredths) {

  public CallCharge {
    if (femaleEarning + platformMargin != totalCoins || adminHundredths + agencyHundredths != platformMargin * 100) {
      throw new IllegalStateException("settlement does not conserve coins: " + this);
    }
  }
}
