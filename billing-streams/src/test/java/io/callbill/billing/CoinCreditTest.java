package io.callbill.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.LedgerAction;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.testkit.CallbillTestDriver;
import io.callbill.schemas.AccountKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coin top-ups: idempotent per reference, each one a ledger entry and a balance update. */
class CoinCreditTest {

  private final CallbillTestDriver billing = new CallbillTestDriver().caller("c1").caller("c2");

  @AfterEach
  void tearDown() {
    billing.close();
  }

  @Test
  void aTopUpToACallerWithoutAProfileIsRefusedAndCreditsNothing() {
    CommandReply reply = billing.credit("c-mistyped", 500, "purchase-1");

    assertThat(reply.getHttpStatus()).isEqualTo(404);
    assertThat(reply.getMessage()).isEqualTo(Messages.CALLER_NOT_FOUND);
    assertThat(billing.callerBalance("c-mistyped")).isZero();
    assertThat(billing.ledger()).isEmpty();
    assertThat(billing.balances()).isEmpty();
  }

  @Test
  void creditAddsCoinsAndAnswersTheNewBalance() {
    billing.credit("c1", 500, "purchase-1");
    CommandReply reply = billing.credit("c1", 340, "purchase-2");

    assertThat(reply.getMessage()).isEqualTo(Messages.COINS_CREDITED);
    assertThat(((CoinBalance) reply.getData()).getCoinBalance()).isEqualTo(840);
    assertThat(billing.callerBalance("c1")).isEqualTo(840);
  }

  @Test
  void theSameReferenceCreditsOnce() {
    billing.credit("c1", 500, "purchase-1");
    CommandReply again = billing.credit("c1", 500, "purchase-1");

    assertThat(again.getSuccess()).isTrue();
    assertThat(again.getMessage()).isEqualTo(Messages.COINS_ALREADY_CREDITED);
    assertThat(((CoinBalance) again.getData()).getCoinBalance()).isEqualTo(500);
    assertThat(billing.ledger()).hasSize(1);
  }

  @Test
  void theSameReferenceOfAnotherCallerIsItsOwnCredit() {
    billing.credit("c1", 500, "purchase-1");
    billing.credit("c2", 300, "purchase-1");
    assertThat(billing.callerBalance("c2")).isEqualTo(300);
  }

  @Test
  void eachCreditIsALedgerEntryAndABalanceUpdate() {
    billing.credit("c1", 500, "purchase-1");

    assertThat(billing.ledger()).singleElement().satisfies(entry -> {
      assertThat(entry.getUserType()).isEqualTo(AccountType.caller);
      assertThat(entry.getAction()).isEqualTo(LedgerAction.credit);
      assertThat(entry.getAmount()).isEqualByComparingTo("500");
      assertThat(entry.getBalanceAfter()).isEqualByComparingTo("500");
    });
    assertThat(billing.balances()).singleElement().satisfies(balance -> {
      assertThat(balance.getAccountKey()).isEqualTo(AccountKeys.caller("c1"));
      assertThat(balance.getBalance()).isEqualByComparingTo("500");
    });
  }

  @Test
  void nonPositiveAmountIsRefused() {
    CommandReply reply = billing.credit("c1", 0, "zero");
    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.INVALID_AMOUNT);
    assertThat(billing.callerBalance("c1")).isZero();
  }

  @Test
  void aCommandStampedFarInTheFutureIsRefusedWithAWallClockAnswer() {
    // Its outputs would carry a timestamp the broker refuses, stalling the task's transaction.
    java.time.Instant future = billing.now().plus(java.time.Duration.ofHours(2));
    CommandReply reply = billing.send("c1", new CallCommand("cmd-f", "c1", future, new CreditCoins(100L, "r")));

    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.COMMAND_IN_FUTURE);
    assertThat(reply.getAnsweredAt()).isEqualTo(billing.now());
    assertThat(billing.callerBalance("c1")).isZero();
  }

  @Test
  void aCommandKeyedByAnotherCallerIsRefused() {
    CallCommand command = new CallCommand("cmd-x", "c1", billing.now(), new CreditCoins(100L, "r"));
    CommandReply reply = billing.send("c2", command);
    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(billing.callerBalance("c1")).isZero();
    assertThat(billing.callerBalance("c2")).isZero();
  }
}
