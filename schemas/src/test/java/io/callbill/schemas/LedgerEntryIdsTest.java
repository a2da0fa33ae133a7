package io.callbill.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import org.junit.jupiter.api.Test;

/** The ids are keys of rows already written: their spelling is a wire format and must not change. */
class LedgerEntryIdsTest {

  @Test
  void theIdsAreSpelledAsTheRowsAlreadyWrittenSpellThem() {
    assertThat(LedgerEntryIds.callerDebit("call-1")).isEqualTo("call-1:caller");
    assertThat(LedgerEntryIds.receiverCredit("call-1")).isEqualTo("call-1:receiver");
    assertThat(LedgerEntryIds.ofCall("call-1", AccountType.platform)).isEqualTo("call-1:platform");
    assertThat(LedgerEntryIds.ofCall("call-1", AccountType.agency)).isEqualTo("call-1:agency");
    assertThat(LedgerEntryIds.topUp("c1", "p-1")).isEqualTo("topup:c1:p-1");
    assertThat(LedgerEntryIds.payout("receiver:r1", "bank-1")).isEqualTo("payout:receiver:r1:bank-1");
    assertThat(LedgerEntryIds.refund("call-1", "dispute-1", AccountType.caller))
        .isEqualTo("call-1:refund:dispute-1:caller");
  }

  @Test
  void aTopUpAndARefundAreToldFromTheirIds() {
    assertThat(LedgerEntryIds.isTopUp(LedgerEntryIds.topUp("c1", "p-1"))).isTrue();
    assertThat(LedgerEntryIds.isTopUp(LedgerEntryIds.callerDebit("call-1"))).isFalse();
    assertThat(LedgerEntryIds.isRefund(LedgerEntryIds.refund("call-1", "d", AccountType.agency))).isTrue();
    assertThat(LedgerEntryIds.isRefund(LedgerEntryIds.receiverCredit("call-1"))).isFalse();
  }
}
