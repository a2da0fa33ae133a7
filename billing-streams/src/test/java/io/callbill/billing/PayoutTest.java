package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.Payout;
import io.callbill.avro.WalletBalance;
import io.callbill.billing.ledger.LedgerEntries;
import io.callbill.billing.reply.Messages;
import io.callbill.schemas.AccountKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payouts: a debit of a receiver's or agency's wallet in the partition that owns it, never below zero, a ledger entry
 * with the balance after, once per reference.
 */
class PayoutTest extends WorkedExampleBilling {

  private static final String RECEIVER_WALLET = AccountKeys.receiver(RECEIVER);

  /** The worked example's 180 s call: the receiver earns 90 coins. */
  @BeforeEach
  void receiverEarns90() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(180));
    billing.endByCaller(CALLER, RECEIVER, callId, 180);
    assertThat(billing.accountBalanceHundredths(RECEIVER_WALLET)).isEqualTo(9000);
  }

  @Test
  void aPayoutDebitsTheWalletAndItsEntryCarriesTheBalanceAfter() {
    CommandReply reply = billing.payout(AccountType.receiver, RECEIVER, "40.50", "bank-transfer-1");

    assertThat(reply.getHttpStatus()).isEqualTo(200);
    assertThat(reply.getMessage()).isEqualTo(Messages.PAYOUT_MADE);
    assertThat(((WalletBalance) reply.getData()).getBalance()).isEqualByComparingTo("49.50");
    assertThat(billing.accountBalanceHundredths(RECEIVER_WALLET)).isEqualTo(4950);
    LedgerEntry entry = payoutEntries().get(0);
    assertThat(entry.getAction()).isEqualTo(LedgerAction.debit);
    assertThat(entry.getAmount()).isEqualByComparingTo("40.50");
    assertThat(entry.getBalanceAfter()).isEqualByComparingTo("49.50");
    assertThat(entry.getRelatedId()).isEqualTo("bank-transfer-1");
    assertThat(billing.balances()).last().satisfies(balance -> {
      assertThat(balance.getAccountKey()).isEqualTo(RECEIVER_WALLET);
      assertThat(balance.getBalance()).isEqualByComparingTo("49.50");
    });
  }

  @Test
  void aPayoutTheWalletDoesNotCoverIsRefusedWithTheBalance() {
    CommandReply reply = billing.payout(AccountType.receiver, RECEIVER, "90.01", "bank-transfer-1");

    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.PAYOUT_NOT_COVERED);
    assertThat(((WalletBalance) reply.getData()).getBalance()).isEqualByComparingTo("90.00");
    assertThat(billing.accountBalanceHundredths(RECEIVER_WALLET)).isEqualTo(9000);
    assertThat(payoutEntries()).isEmpty();
  }

  @Test
  void aPayoutOfTheWholeBalanceLeavesZero() {
    CommandReply reply = billing.payout(AccountType.receiver, RECEIVER, "90", "bank-transfer-1");

    assertThat(reply.getHttpStatus()).isEqualTo(200);
    assertThat(billing.accountBalanceHundredths(RECEIVER_WALLET)).isZero();
  }

  @Test
  void thePayoutOfOneReferenceIsMadeOnce() {
    billing.payout(AccountType.receiver, RECEIVER, "40", "bank-transfer-1");
    CommandReply again = billing.payout(AccountType.receiver, RECEIVER, "40", "bank-transfer-1");

    assertThat(again.getHttpStatus()).isEqualTo(200);
    assertThat(again.getMessage()).isEqualTo(Messages.PAYOUT_ALREADY_MADE);
    assertThat(((WalletBalance) again.getData()).getBalance()).isEqualByComparingTo("50.00");
    assertThat(billing.accountBalanceHundredths(RECEIVER_WALLET)).isEqualTo(5000);
    assertThat(payoutEntries()).hasSize(1);
  }

  @Test
  void aRepeatedCommandIdIsAnsweredAgainNotPaidAgain() {
    CallCommand command = new CallCommand("payout-cmd-1", RECEIVER_WALLET, billing.now(),
        new Payout(AccountType.receiver, RECEIVER, new BigDecimal("10.00"), "bank-transfer-1"));
    billing.send(RECEIVER_WALLET, command);
    CommandReply again = billing.send(RECEIVER_WALLET, command);

    assertThat(again.getHttpStatus()).isEqualTo(200);
    assertThat(((WalletBalance) again.getData()).getBalance()).isEqualByComparingTo("80.00");
    assertThat(payoutEntries()).hasSize(1);
  }

  @Test
  void anAgencyWithoutEarningsIsRefusedWithAZeroBalance() {
    CommandReply reply = billing.payout(AccountType.agency, "agency-1", "0.01", "bank-transfer-1");

    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(((WalletBalance) reply.getData()).getBalance()).isEqualByComparingTo("0.00");
  }

  @Test
  void aPayoutKeyedByAnotherWalletIsRefusedAndDeadLettered() {
    CallCommand command = new CallCommand("payout-cmd-2", AccountKeys.receiver("someone-else"), billing.now(),
        new Payout(AccountType.receiver, RECEIVER, new BigDecimal("10.00"), "bank-transfer-1"));

    CommandReply reply = billing.send(AccountKeys.receiver("someone-else"), command);

    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.ACCOUNT_KEY_MISMATCH);
    assertThat(billing.deadLetters()).hasSize(1);
    assertThat(billing.accountBalanceHundredths(RECEIVER_WALLET)).isEqualTo(9000);
  }

  @Test
  void aCallerCannotBePaidOut() {
    CallCommand command = new CallCommand("payout-cmd-3", AccountKeys.caller(CALLER), billing.now(),
        new Payout(AccountType.caller, CALLER, new BigDecimal("10.00"), "bank-transfer-1"));

    assertThat(billing.send(AccountKeys.caller(CALLER), command).getMessage())
        .isEqualTo(Messages.PAYOUT_ACCOUNT_NOT_ALLOWED);
  }

  private List<LedgerEntry> payoutEntries() {
    return billing.ledger().stream().filter(entry -> LedgerEntries.PAYOUT.equals(entry.getRelatedModel())).toList();
  }
}
