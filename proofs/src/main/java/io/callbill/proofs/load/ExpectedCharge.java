package io.callbill.proofs.load;

/**
 * What one completed call must move, in the load generator's own exact model: whole coins for the caller's charge
 * and the receiver's earning, hundredths of a coin for the platform's and the agency's share of the margin.
 */
public record ExpectedCharge(long billableSeconds, long totalCoins, long femaleEarning, long adminHundredths,
                             long agencyHundredths) {

  /** The receiver's earning in hundredths, as her wallet counts it. */
  public long femaleEarningHundredths() {
    return femaleEarning * 100;
  }
}
