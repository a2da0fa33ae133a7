package io.callbill.billing.account;

import io.callbill.avro.AccountCredit;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Settlement;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingStores;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.Emitter;
import io.callbill.billing.Retention;
import io.callbill.billing.ledger.LedgerEntries;
import io.callbill.billing.money.Money;
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
 * reply of a call with the receiver's new balance. A credit is applied once per entry id.
 *
 * <p>Input: account-credits. Output: ledger, balances, replies. Stores: account-wallets, applied-credits.
 */
public final class AccountCreditProcessor implements Processor<String, AccountCredit, String, SpecificRecord> {

  private final BillingConfig config;
  private KeyValueStore<String, Long> wallets;
  private TimestampedKeyValueStore<String, Long> appliedCredits;
  private Retention.Kept<Long> keptCredits;
  private Emitter emit;

  public AccountCreditProcessor(BillingConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    wallets = context.getStateStore(BillingStores.ACCOUNT_WALLETS);
    appliedCredits = context.getStateStore(BillingStores.APPLIED_CREDITS);
    emit = new Emitter(context, BillingTopology.ACCOUNT_CREDITS);
    Retention retention = new Retention(context.getStateStore(BillingStores.APPLIED_CREDIT_EXPIRY),
        context::currentSystemTimeMs);
    keptCredits = retention.keep("credit", appliedCredits, config.replayRetention());
    context.schedule(Retention.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
        timestamp -> retention.sweep(Instant.ofEpochMilli(timestamp)));
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
      completeReply(credit, balanceAfter);
      return;
    }
    long balanceAfter = Math.addExact(balanceOf(credit.getAccountKey()), Money.toHundredths(credit.getAmount()));
    wallets.put(credit.getAccountKey(), balanceAfter);
    keptCredits.put(credit.getEntryId(), balanceAfter, Instant.ofEpochMilli(record.timestamp()));
    emit.ledger(LedgerEntries.entryOf(credit, balanceAfter));
    emit.balance(LedgerEntries.balance(credit.getUserType(), credit.getUserId(), credit.getAccountKey(), balanceAfter,
        Instant.ofEpochMilli(record.timestamp())));
    completeReply(credit, balanceAfter);
  }

  /** Sends the reply a credit carries, with the receiver's balance right after that credit (whole coins). */
  private void completeReply(AccountCredit credit, long balanceAfterHundredths) {
    CommandReply reply = credit.getReply();
    if (reply == null) {
      return;
    }
    if (reply.getData() instanceof Settlement settlement) {
      reply = CommandReply.newBuilder(reply).setData(Settlement.newBuilder(settlement)
          .setReceiverNewBalance(balanceAfterHundredths / 100).build()).build();
    }
    emit.reply(reply);
  }

  private long balanceOf(String accountKey) {
    Long balance = wallets.get(accountKey);
    return balance == null ? 0 : balance;
  }
}
