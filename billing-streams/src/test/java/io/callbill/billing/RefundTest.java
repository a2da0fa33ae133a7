package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.RefundAccepted;
import io.callbill.billing.reply.Messages;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.LedgerEntryIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds of a settled call: the caller's coins back, the receiver's, platform's and agency's parts taken back in
 * the call's proportions, exact to the hundredth and conserving coins; never more than is left; once per reference.
 */
class RefundTest extends WorkedExampleBilling {

  private static final String RECEIVER = "receiver-a";
  private static final String AGENCY = "agency-1";

  private String callId;

  /** The worked example's 180 s call to an agency receiver: 126 coins; 90 to her, 21.60 platform, 14.40 agency. */
  @BeforeEach
  void settledAgencyCall() {
    billing.platform(0, "60").receiver(RECEIVER, 1, AGENCY);
    callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(180));
    billing.endByCaller(CALLER, RECEIVER, callId, 180);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(714);
  }

  @Test
  void aPartialRefundTakesBackEachPartyInProportionExactToTheHundredthAndConserving() {
    CommandReply reply = billing.refund(CALLER, callId, 10L, "dispute-1");

    assertThat(reply.getHttpStatus()).isEqualTo(200);
    assertThat(reply.getMessage()).isEqualTo(Messages.CALL_REFUNDED);
    RefundAccepted refund = (RefundAccepted) reply.getData();
    assertThat(refund.getCoins()).isEqualTo(10);
    assertThat(refund.getCoinsLeft()).isEqualTo(116);
    assertThat(refund.getCallerBalance()).isEqualTo(724);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(724);
    // 10 coins of 126: floor(1000 * 90/126) = 714 hundredths from her, the other 286 split 21.60 : 14.40.
    Map<AccountType, LedgerEntry> entries = refundEntries();
    assertThat(entries.get(AccountType.caller).getAction()).isEqualTo(LedgerAction.credit);
    assertThat(entries.get(AccountType.caller).getAmount()).isEqualByComparingTo("10.00");
    assertThat(entries.get(AccountType.receiver).getAmount()).isEqualByComparingTo("7.14");
    assertThat(entries.get(AccountType.platform).getAmount()).isEqualByComparingTo("1.72");
    assertThat(entries.get(AccountType.agency).getAmount()).isEqualByComparingTo("1.14");
    BigDecimal debits = entries.values().stream().filter(e -> e.getAction() == LedgerAction.debit)
        .map(LedgerEntry::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(debits).isEqualByComparingTo(entries.get(AccountType.caller).getAmount());
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver(RECEIVER))).isEqualTo(9000 - 714);
    assertThat(billing.accountBalanceHundredths(AccountKeys.agency(AGENCY))).isEqualTo(1440 - 114);
    assertThat(entries.get(AccountType.receiver).getBalanceAfter()).isEqualByComparingTo("82.86");
  }

  @Test
  void refundingTheRestAfterAPartTakesBackExactlyWhatTheCallPaidEachParty() {
    billing.refund(CALLER, callId, 10L, "dispute-1");
    CommandReply rest = billing.refund(CALLER, callId, null, "dispute-2");

    assertThat(((RefundAccepted) rest.getData()).getCoins()).isEqualTo(116);
    assertThat(((RefundAccepted) rest.getData()).getCoinsLeft()).isZero();
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver(RECEIVER))).isZero();
    assertThat(billing.accountBalanceHundredths(AccountKeys.agency(AGENCY))).isZero();
    long platform = billing.balances().stream().filter(b -> b.getUserType() == AccountType.platform)
        .collect(Collectors.toMap(b -> b.getAccountKey(), b -> b.getBalance(), (a, b) -> b)).values().stream()
        .mapToLong(b -> b.movePointRight(2).longValueExact()).sum();
    assertThat(platform).isZero();
  }

  @Test
  void aFullRefundWithoutCoinsGivesBackTheWholeCharge() {
    CommandReply reply = billing.refund(CALLER, callId, null, "dropped-call");

    assertThat(((RefundAccepted) reply.getData()).getCoins()).isEqualTo(126);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(840);
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver(RECEIVER))).isZero();
  }

  @Test
  void aRefundAboveWhatIsLeftIsRefusedNamingTheAmountLeft() {
    billing.refund(CALLER, callId, 10L, "dispute-1");
    CommandReply tooMuch = billing.refund(CALLER, callId, 117L, "dispute-2");

    assertThat(tooMuch.getHttpStatus()).isEqualTo(400);
    assertThat(tooMuch.getMessage()).isEqualTo(Messages.refundExceeds(116)).contains("116 coins left");
    assertThat(((RefundAccepted) tooMuch.getData()).getCoinsLeft()).isEqualTo(116);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(724);

    billing.refund(CALLER, callId, null, "dispute-3");
    assertThat(billing.refund(CALLER, callId, null, "dispute-4").getMessage()).isEqualTo(Messages.refundExceeds(0));
  }

  @Test
  void theSameReferenceRefundsOnce() {
    billing.refund(CALLER, callId, 10L, "dispute-1");
    CommandReply again = billing.refund(CALLER, callId, 10L, "dispute-1");

    assertThat(again.getHttpStatus()).isEqualTo(200);
    assertThat(again.getMessage()).isEqualTo(Messages.REFUND_ALREADY_MADE);
    assertThat(((RefundAccepted) again.getData()).getRefundedCoins()).isEqualTo(10);
    assertThat(billing.callerBalance(CALLER)).isEqualTo(724);
    assertThat(billing.ledger()).filteredOn(e -> LedgerEntryIds.isRefund(e.getEntryId())).hasSize(4);
  }

  @Test
  void aRefundMayLeaveTheReceiversWalletBelowZeroADebtShownAsSuch() {
    billing.payout(AccountType.receiver, RECEIVER, "90", "bank-transfer-1");

    CommandReply reply = billing.refund(CALLER, callId, null, "dispute-1");

    assertThat(reply.getHttpStatus()).isEqualTo(200);
    assertThat(billing.accountBalanceHundredths(AccountKeys.receiver(RECEIVER))).isEqualTo(-9000);
    assertThat(billing.balances()).filteredOn(b -> b.getAccountKey().equals(AccountKeys.receiver(RECEIVER))).last()
        .satisfies(b -> assertThat(b.getBalance()).isEqualByComparingTo("-90.00"));
    assertThat(refundEntries().get(AccountType.receiver).getBalanceAfter()).isEqualByComparingTo("-90.00");
  }

  @Test
  void theRecordIsRepublishedWithRefundedCoinsAndARefundedEvent() {
    billing.refund(CALLER, callId, 10L, "dispute-1");

    assertThat(billing.callHistory()).last().satisfies(record -> {
      assertThat(record.getCallId()).isEqualTo(callId);
      assertThat(record.getRefundedCoins()).isEqualTo(10);
      assertThat(record.getTotalCoins()).isEqualTo(126);
    });
    assertThat(billing.events()).last().satisfies(event -> {
      assertThat(event.getType()).isEqualTo(CallEventType.refunded);
      assertThat(event.getCallId()).isEqualTo(callId);
    });
  }

  @Test
  void aCallBillingDoesNotHoldForThisCallerIsNotFound() {
    assertThat(billing.refund(CALLER, "call_unknown", 10L, "dispute-1").getHttpStatus()).isEqualTo(404);
    billing.caller("someone-else");
    CommandReply other = billing.refund("someone-else", callId, 10L, "dispute-1");
    assertThat(other.getHttpStatus()).isEqualTo(404);
    assertThat(other.getMessage()).isEqualTo(Messages.REFUND_CALL_NOT_FOUND);
  }

  private Map<AccountType, LedgerEntry> refundEntries() {
    List<LedgerEntry> entries = billing.ledger().stream().filter(e -> LedgerEntryIds.isRefund(e.getEntryId())).toList();
    return entries.stream().collect(Collectors.toMap(LedgerEntry::getUserType, e -> e, (a, b) -> b));
  }
}
