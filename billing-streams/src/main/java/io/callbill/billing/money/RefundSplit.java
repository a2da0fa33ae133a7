package io.callbill.billing.money;

/**
 * How a refund of a call's coins is taken back from the parties the call paid: the receiver's earning, the
 * platform's share and the agency's share, in the call's own proportions, in hundredths. The caller gets exactly
 * {@code coins}: {@code receiver + admin + agency == coins * 100}.
 *
 * <p>Each share is computed on the refunds so far, before and after this one ({@code floor(refunded * share /
 * total)}), and this refund takes the difference: rounding never accumulates over partial refunds, and refunding
 * the whole charge, in any number of parts, takes back exactly what the call paid each party.
 */
public record RefundSplit(long coins, long receiverHundredths, long adminHundredths, long agencyHundredths) {

  public RefundSplit {
    if (receiverHundredths + adminHundredths + agencyHundredths != Math.multiplyExact(coins, 100)) {
      throw new IllegalStateException("refund does not conserve coins: " + this);
    }
  }

  /**
   * @param charge the call's settlement
   * @param refundedBefore coins of the call refunded by earlier refunds
   * @param coins coins this refund gives back; {@code refundedBefore + coins <= charge.totalCoins()}
   */
  public static RefundSplit of(CallCharge charge, long refundedBefore, long coins) {
    long refundedAfter = Math.addExact(refundedBefore, coins);
    if (coins <= 0 || refundedAfter > charge.totalCoins()) {
      throw new IllegalArgumentException("refund of " + coins + " after " + refundedBefore + " exceeds " + charge);
    }
    long receiverBefore = receiverShare(charge, refundedBefore);
    long receiverAfter = receiverShare(charge, refundedAfter);
    long marginBefore = refundedBefore * 100 - receiverBefore;
    long marginAfter = refundedAfter * 100 - receiverAfter;
    long agency = agencyShare(charge, marginAfter) - agencyShare(charge, marginBefore);
    long receiver = receiverAfter - receiverBefore;
    return new RefundSplit(coins, receiver, (marginAfter - marginBefore) - agency, agency);
  }

  /** The receiver's part of {@code refunded} coins, in hundredths. */
  private static long receiverShare(CallCharge charge, long refunded) {
    return Math.floorDiv(Math.multiplyExact(Math.multiplyExact(refunded, 100), charge.femaleEarning()),
        charge.totalCoins());
  }

  /** The agency's part of {@code margin} hundredths of the platform margin refunded. */
  private static long agencyShare(CallCharge charge, long margin) {
    long wholeMargin = charge.adminHundredths() + charge.agencyHundredths();
    return wholeMargin == 0 ? 0 : Math.floorDiv(Math.multiplyExact(margin, charge.agencyHundredths()), wholeMargin);
  }
}
