package io.callbill.billing.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The refund split: proportional to the call's, conserving each refund, and exact over any sequence of refunds. */
class RefundSplitTest {

  /** 126 coins: 90 to the receiver, 21.60 to the platform, 14.40 to the agency. */
  private static final CallCharge AGENCY_CALL = new CallCharge(180, 126, 90, 36, 2160, 1440);

  @Test
  void refundingEveryCoinOneByOneTakesBackExactlyWhatTheCallPaid() {
    long receiver = 0;
    long admin = 0;
    long agency = 0;
    for (long before = 0; before < 126; before++) {
      RefundSplit split = RefundSplit.of(AGENCY_CALL, before, 1);
      assertThat(split.receiverHundredths() + split.adminHundredths() + split.agencyHundredths()).isEqualTo(100);
      receiver += split.receiverHundredths();
      admin += split.adminHundredths();
      agency += split.agencyHundredths();
    }
    assertThat(receiver).isEqualTo(9000);
    assertThat(admin).isEqualTo(2160);
    assertThat(agency).isEqualTo(1440);
  }

  @Test
  void aCallWithoutAnAgencyTakesNothingFromOne() {
    RefundSplit split = RefundSplit.of(new CallCharge(180, 126, 90, 36, 3600, 0), 0, 10);
    assertThat(split.agencyHundredths()).isZero();
    assertThat(split.adminHundredths()).isEqualTo(286);
  }

  @Test
  void moreThanIsLeftIsNoSplit() {
    assertThatThrownBy(() -> RefundSplit.of(AGENCY_CALL, 120, 7)).isInstanceOf(IllegalArgumentException.class);
  }
}
