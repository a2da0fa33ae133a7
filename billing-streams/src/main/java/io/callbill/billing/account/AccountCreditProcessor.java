package io.callbill.billing.account;

import io.callbill.avro.AccountCredit;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import io.callbill.avro.Settlement;
import io.callbill.avro.WalletBalance;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingStores;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.Emitter;
import io.callbill.billing.Retention;
import io.callbill.billing.ledger.LedgerEntries;
import io.callbill.billing.metrics.BillingSensors;
import io.callbill.billing.money.Money;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Applies credits to receiver, agency and platform wallets in the partition that owns the account (account-credits
 * is keyed by accountKey), writes each as a ledger entry with the balance after it, and completes the settlement
 * reply of a call with the receiver's new balance. A credit is applied once per entry id. A payout is a debit here
 * ({@code coverRequired}): refused 400 with the balance when the wallet does not cover it, answered on replies.
 *
 * <p>Input: account-credits. Output: ledger, balances, replies. Stores: account-wallets, applied-credits.
 */
public final class AccountCreditProcessor implements Processor<String, AccountCredit, String, SpecificRecord> {

  private final BillingConfig config;
  private KeyValueStore<String, Long> wallets;
  private TimestampedKeyValueStore<String, Long> appliedCredits;
  private Retention.Kept<Long> keptCredits;
  private Emitter emit;
  private BillingSensors sensors;

  public AccountCreditProcessor(BillingConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    wallets = context.getStateStore(BillingStores.ACCOUNT_WALLETS);
    appliedCredits = context.getStateStore(BillingStores.APPLIED_CREDITS);
    emit = new Emitter(context, BillingTopology.ACCOUNT_CREDITS);
    sensors = BillingSensors.of(context).registerAccountCounters(BillingTopology.ACCOUNT_CREDITS);
    Retention retention = new Retention(context.getStateStore(BillingStores.APPLIED_CREDIT_EXPIRY),
        context::currentSystemTimeMs, config.housekeepingEntriesPerSweep());
    keptCredits = retention.keep("credit", appliedCredits, config.replayRetention());
    context.schedule(Retention.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
        timestamp -> sensors.expirySweep(BillingTopology.ACCOUNT_CREDITS,
            retention.sweep(Instant.ofEpochMilli(timestamp))));
  }

  @Override
  public void process(Record<String, AccountCredit> record) {
    AccountCredit credit = record.value();
    if (credit == null) {
      return;
    }
    ValueAndTimestamp<Long> applied = appliedCredits.get(credit.getEntryId());
    if (credit.getReplayOnly() || applied != null) {
      long balanceAfter = applied != null ? applied.value() : balanceOf(credit.getAccountKey());
      completeReply(credit, balanceAfter, applied != null && credit.getCoverRequired());
      return;
    }
    long balance = balanceOf(credit.getAccountKey());
    long amount = Money.toHundredths(credit.getAmount());
    if (credit.getCoverRequired() && balance + amount < 0) {
      // A payout never takes a wallet below zero; nothing is applied or kept, so the same reference may be paid
      // once the wallet covers it.
      refuse(credit, balance);
      return;
    }
    long balanceAfter = Math.addExact(balance, amount);
    wallets.put(credit.getAccountKey(), balanceAfter);
    keptCredits.put(credit.getEntryId(), balanceAfter, Instant.ofEpochMilli(record.timestamp()));
    emit.ledger(LedgerEntries.entryOf(credit, balanceAfter));
    emit.balance(LedgerEntries.balance(credit.getUserType(), credit.getUserId(), credit.getAccountKey(), balanceAfter,
        Instant.ofEpochMilli(record.timestamp())));
    if (credit.getCoverRequired()) {
      sensors.paidOut(-amount);
    }
    completeReply(credit, balanceAfter, false);
  }

  /**
   * Sends the reply a credit carries: a settlement with the receiver's balance right after that credit (whole
   * coins); a payout with the wallet's balance after it.
   */
  private void completeReply(AccountCredit credit, long balanceAfterHundredths, boolean paidBefore) {
    CommandReply reply = credit.getReply();
    if (reply == null) {
      return;
    }
    if (credit.getCoverRequired()) {
      reply = Replies.withReason(CommandReply.newBuilder(reply),
          paidBefore ? Reason.PAYOUT_ALREADY_MADE : Reason.PAYOUT_MADE, walletBalance(credit, balanceAfterHundredths))
          .build();
    } else if (reply.getData() instanceof Settlement settlement) {
      reply = CommandReply.newBuilder(reply).setData(Settlement.newBuilder(settlement)
          .setReceiverNewBalance(balanceAfterHundredths / 100).build()).build();
    }
    emit.reply(reply);
  }

  /** A payout the wallet does not cover: 400 with the balance, so the operator sees what can be paid. */
  private void refuse(AccountCredit credit, long balanceHundredths) {
    sensors.commandRefused(Reason.PAYOUT_NOT_COVERED);
    if (credit.getReply() != null) {
      emit.reply(Replies.withReason(CommandReply.newBuilder(credit.getReply()), Reason.PAYOUT_NOT_COVERED,
          walletBalance(credit, balanceHundredths)).build());
    }
  }

  private static WalletBalance walletBalance(AccountCredit credit, long hundredths) {
    return WalletBalance.newBuilder().setAccountKey(credit.getAccountKey()).setBalance(Money.hundredths(hundredths))
        .build();
  }

  private long balanceOf(String accountKey) {
    Long balance = wallets.get(accountKey);
    return balance == null ? 0 : balance;
  }
}
