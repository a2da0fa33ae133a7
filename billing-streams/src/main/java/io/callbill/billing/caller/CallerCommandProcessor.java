package io.callbill.billing.caller;

import io.callbill.avro.AccountCredit;
import io.callbill.avro.AccountType;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveCallQuery;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.CallRecord;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.RateCall;
import io.callbill.avro.RatingAccepted;
import io.callbill.avro.SettledCall;
import io.callbill.avro.StartCall;
import io.callbill.avro.WalletQuery;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingStores;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.Emitter;
import io.callbill.billing.Retention;
import io.callbill.billing.ledger.LedgerEntries;
import io.callbill.billing.money.Money;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.billing.reply.Messages;
import io.callbill.billing.reply.Replies;
import io.callbill.schemas.AccountKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The per-caller state machine. Commands are keyed by callerId, so one task owns a caller's wallet and ongoing call,
 * and processes that caller's commands one at a time: no double spend, no second ongoing call, and two ends of the
 * same call (one from each side) settle once — the second gets the first answer again.
 *
 * <p>Input: call-commands (and, through the store, callers). Output: replies, call-events, call-history,
 * active-calls, ledger (caller entries), balances (caller wallets), account-credits (what the call owes the receiver,
 * platform and agency, applied in their partitions). Stores: caller-wallets, coin-credit-references, call-sessions,
 * settled-calls, command-replies; reads caller-profiles and the global receivers, level-configs and platform-config.
 *
 * <p>Time: a command's time is its record timestamp (when the API accepted it). Cutoff and expiry are checked by a
 * wall-clock punctuator.
 */
public final class CallerCommandProcessor implements Processor<String, CallCommand, String, SpecificRecord> {

  /**
   * How far a command's time may be ahead of this instance's clock. Outputs carry the command's time, and brokers
   * refuse records stamped more than an hour ahead (log.message.timestamp.after.max.ms): such a record would stall
   * the task's transaction, so it is refused here, answered with the wall-clock time.
   */
  static final Duration MAX_COMMAND_AHEAD = Duration.ofMinutes(10);

  private final BillingConfig config;
  private final CallStarter starter;
  private final CallSettler settler;
  private final LedgerEntries ledger;

  private KeyValueStore<String, Long> wallets;
  private KeyValueStore<String, Long> creditReferences;
  private KeyValueStore<String, ActiveCall> sessions;
  private TimestampedKeyValueStore<String, SettledCall> settledCalls;
  private TimestampedKeyValueStore<String, CommandReply> commandReplies;
  private Retention retention;
  private Retention.Kept<SettledCall> keptSettledCalls;
  private Retention.Kept<CommandReply> keptAnswers;
  private Retention.Kept<CommandReply> keptRefusals;
  private ReferenceData reference;
  private Emitter emit;
  private ProcessorContext<String, SpecificRecord> context;

  public CallerCommandProcessor(BillingConfig config) {
    this.config = config;
    this.starter = new CallStarter(config.sessionTtl());
    this.settler = new CallSettler(config.durationPolicy(), config.clockSkew());
    this.ledger = new LedgerEntries(config.platformShards());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    wallets = context.getStateStore(BillingStores.CALLER_WALLETS);
    creditReferences = context.getStateStore(BillingStores.COIN_CREDIT_REFERENCES);
    sessions = context.getStateStore(BillingStores.CALL_SESSIONS);
    settledCalls = context.getStateStore(BillingStores.SETTLED_CALLS);
    commandReplies = context.getStateStore(BillingStores.COMMAND_REPLIES);
    reference = new ReferenceData(context);
    emit = new Emitter(context, BillingTopology.CALLER_COMMANDS);
    context.schedule(config.sessionScanInterval(), PunctuationType.WALL_CLOCK_TIME,
        timestamp -> checkOngoingCalls(Instant.ofEpochMilli(timestamp)));
    retention = new Retention(context.getStateStore(BillingStores.REPLAY_EXPIRY), context::currentSystemTimeMs);
    keptSettledCalls = retention.keep("settled", settledCalls, config.replayRetention());
    keptAnswers = retention.keep("answer", commandReplies, config.replayRetention());
    keptRefusals = retention.keep("refusal", commandReplies, config.refusalRetention());
    context.schedule(Retention.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
        timestamp -> retention.sweep(Instant.ofEpochMilli(timestamp)));
  }

  @Override
  public void process(Record<String, CallCommand> record) {
    CallCommand command = record.value();
    if (command == null) {
      return;
    }
    Instant now = Instant.ofEpochMilli(record.timestamp());
    Instant wallClock = Instant.ofEpochMilli(context.currentSystemTimeMs());
    if (now.isAfter(wallClock.plus(MAX_COMMAND_AHEAD))) {
      emit.reply(Replies.badRequest(command, Messages.COMMAND_IN_FUTURE, wallClock));
      return;
    }
    if (!command.getCallerId().equals(record.key())) {
      // Keyed elsewhere, this caller's state is not in this task: refuse rather than act on the wrong wallet.
      emit.reply(Replies.badRequest(command, Messages.CALLER_MISMATCH, now));
      return;
    }
    ValueAndTimestamp<CommandReply> answered = commandReplies.get(command.getCommandId());
    if (answered != null) {
      emit.reply(Replies.replay(answered.value(), command, now));
      return;
    }
    Object payload = command.getCommand();
    if (payload instanceof StartCall start) {
      start(command, start, now);
    } else if (payload instanceof EndCall end) {
      end(command, end, now);
    } else if (payload instanceof CreditCoins credit) {
      creditCoins(command, credit, now);
    } else if (payload instanceof Heartbeat heartbeat) {
      heartbeat(command, heartbeat, now);
    } else if (payload instanceof ActiveCallQuery) {
      Optional<ActiveCall> ongoing = ongoingCall(command.getCallerId());
      emit.reply(Replies.ok(command, ongoing.isPresent() ? Messages.ACTIVE_CALL : Messages.NO_ACTIVE_CALL,
          ongoing.map(ActiveCalls::info).orElse(null), now));
    } else if (payload instanceof RateCall rating) {
      rate(command, rating, now);
    } else if (payload instanceof WalletQuery) {
      emit.reply(Replies.ok(command, Messages.WALLET, coinBalance(balanceOf(command.getCallerId())), now));
    }
  }

  private void start(CallCommand command, StartCall start, Instant now) {
    String callerId = command.getCallerId();
    CallStarter.Decision decision =
        starter.decide(command, start, reference, balanceOf(callerId), ongoingCall(callerId), now);
    if (decision instanceof CallStarter.Accepted accepted) {
      sessions.put(callerId, accepted.session());
      emit.activeCall(accepted.session(), now);
      emit.event(CallEvents.started(accepted.session()));
    } else {
      emit.event(CallEvents.rejected(command, start, decision.reply().getMessage(), now));
    }
    answer(decision.reply());
  }

  private void end(CallCommand command, EndCall end, Instant now) {
    if (end.getReportedDurationSeconds() < 0) {
      answer(Replies.badRequest(command, Messages.DURATION_NEGATIVE, now));
      return;
    }
    String callerId = command.getCallerId();
    Optional<ActiveCall> ongoing = ongoingCall(callerId).filter(call -> isSameCall(call.getCallId(),
        call.getReceiverId(), end));
    if (ongoing.isPresent()) {
      close(command, end, ongoing.get(), now);
      return;
    }
    ValueAndTimestamp<SettledCall> settled = settledCalls.get(end.getCallId());
    if (settled != null && settled.value().getRecord().getCallerId().equals(callerId)
        && isSameCall(settled.value().getRecord().getCallId(), settled.value().getRecord().getReceiverId(), end)) {
      replay(command, settled.value(), now);
      return;
    }
    if (reference.caller(callerId).isEmpty() || reference.receiver(end.getReceiverId()).isEmpty()) {
      answer(Replies.refused(command, 404, Messages.USER_NOT_FOUND, null, now));
    } else {
      answer(Replies.badRequest(command, Messages.SESSION_NOT_FOUND, now));
    }
  }

  private void close(CallCommand command, EndCall end, ActiveCall session, Instant now) {
    String callerId = command.getCallerId();
    CallSettler.Closing closing = settler.end(command, end, session, balanceOf(callerId), now);
    sessions.delete(callerId);
    emit.noActiveCall(callerId, now);
    emit.callRecord(closing.record());
    emit.event(CallEvents.settled(closing.record()));
    String receiverEntryId = null;
    if (closing.charge() != null) {
      wallets.put(callerId, closing.callerBalanceAfter());
      emit.ledger(ledger.callerDebit(closing.record(), closing.callerBalanceAfter(), now));
      emitCallerBalance(callerId, closing.callerBalanceAfter(), now);
      // The receiver's partition sends the reply once her earning is credited, with her new balance.
      for (AccountCredit credit : ledger.creditsOf(closing.record(), closing.reply(), now)) {
        emit.credit(credit);
      }
      receiverEntryId = LedgerEntries.receiverEntryId(session.getCallId());
    } else {
      emit.reply(closing.reply());
    }
    rememberSettled(new SettledCall(closing.record(), closing.reply(), receiverEntryId), now);
  }

  /** A second end of a closed call (the other side, or a retry): the first answer again, nothing charged. */
  private void replay(CallCommand command, SettledCall settled, Instant now) {
    CommandReply reply = Replies.replay(settled.getReply(), command, now);
    if (settled.getReceiverEntryId() != null) {
      emit.credit(ledger.replayOf(settled.getRecord().getCallId(), settled.getRecord().getReceiverId(), reply, now));
    } else {
      emit.reply(reply);
    }
  }

  private void creditCoins(CallCommand command, CreditCoins credit, Instant now) {
    String callerId = command.getCallerId();
    if (credit.getAmount() <= 0) {
      answer(Replies.badRequest(command, Messages.INVALID_AMOUNT, now));
      return;
    }
    String referenceKey = callerId + '|' + credit.getReference();
    long balance = balanceOf(callerId);
    if (creditReferences.get(referenceKey) != null) {
      answer(Replies.ok(command, Messages.COINS_ALREADY_CREDITED, coinBalance(balance), now));
      return;
    }
    long balanceAfter = Math.addExact(balance, credit.getAmount());
    wallets.put(callerId, balanceAfter);
    creditReferences.put(referenceKey, credit.getAmount());
    emit.ledger(ledger.callerTopUp(callerId, credit.getReference(), credit.getAmount(), balanceAfter, now));
    emitCallerBalance(callerId, balanceAfter, now);
    answer(Replies.ok(command, Messages.COINS_CREDITED, coinBalance(balanceAfter), now));
  }

  private void heartbeat(CallCommand command, Heartbeat heartbeat, Instant now) {
    Optional<ActiveCall> ongoing = ongoingCall(command.getCallerId())
        .filter(call -> call.getCallId().equals(heartbeat.getCallId()));
    if (ongoing.isEmpty()) {
      emit.reply(Replies.badRequest(command, Messages.SESSION_NOT_FOUND, now));
      return;
    }
    ActiveCall updated = ActiveCall.newBuilder(ongoing.get()).setLastHeartbeatAt(now).build();
    sessions.put(command.getCallerId(), updated);
    emit.reply(Replies.ok(command, Messages.HEARTBEAT_RECORDED, ActiveCalls.info(updated), now));
  }

  /**
   * The receiver rates a call made to her: the call record is published again with its rating (the sink upserts it).
   * Possible while the settled call is kept ({@code callbill.replay.retention.seconds}).
   */
  private void rate(CallCommand command, RateCall rating, Instant now) {
    ValueAndTimestamp<SettledCall> settled = settledCalls.get(rating.getCallId());
    if (settled == null || !settled.value().getRecord().getCallerId().equals(command.getCallerId())
        || !settled.value().getRecord().getReceiverId().equals(rating.getReceiverId())) {
      answer(Replies.refused(command, 404, Messages.RATING_CALL_NOT_FOUND, null, now));
      return;
    }
    Optional<String> message = Ratings.message(rating.getStars());
    if (message.isEmpty()) {
      answer(Replies.badRequest(command, Messages.INVALID_STARS, now));
      return;
    }
    CallRecord record = settled.value().getRecord();
    if (record.getRatingStars() != null) {
      answer(Replies.badRequest(command, Messages.ALREADY_RATED, now));
      return;
    }
    CallRecord rated = CallRecord.newBuilder(record).setRatingStars(rating.getStars())
        .setRatingMessage(message.get()).setRatedBy(Ratings.RATED_BY_RECEIVER).setRatedAt(now).build();
    rememberSettled(SettledCall.newBuilder(settled.value()).setRecord(rated).build(),
        Instant.ofEpochMilli(settled.timestamp()));
    emit.callRecord(rated);
    answer(Replies.ok(command, Messages.RATING_SUBMITTED, new RatingAccepted(rating.getStars(), message.get()), now));
  }

  /** Cutoff-due when a call reaches what the balance pays for; expiry when nobody ended it within the TTL. */
  void checkOngoingCalls(Instant now) {
    List<ActiveCall> due = new ArrayList<>();
    try (KeyValueIterator<String, ActiveCall> all = sessions.all()) {
      all.forEachRemaining(entry -> due.add(entry.value));
    }
    for (ActiveCall call : due) {
      if (!now.isBefore(call.getExpiresAt())) {
        expire(call, now);
      } else if (!call.getCutoffDueEmitted()
          && !now.isBefore(call.getStartedAt().plusSeconds(call.getMaxSeconds()))) {
        sessions.put(call.getCallerId(), ActiveCall.newBuilder(call).setCutoffDueEmitted(true).build());
        emit.event(CallEvents.cutoffDue(call, now));
      }
    }
  }

  private void expire(ActiveCall call, Instant now) {
    CallRecord record = settler.expire(call, now);
    sessions.delete(call.getCallerId());
    emit.noActiveCall(call.getCallerId(), now);
    emit.callRecord(record);
    emit.event(CallEvents.expired(record));
    rememberSettled(new SettledCall(record, Replies.sessionExpired(call.getCallerId(), now), null), now);
  }

  /** Keeps a closed call (stamped when it closed) to answer a later end or rating, for the replay retention. */
  private void rememberSettled(SettledCall settled, Instant closedAt) {
    keptSettledCalls.put(settled.getRecord().getCallId(), settled, closedAt);
  }

  /**
   * Emits and remembers an answer, so the same command id is answered the same way again: for the replay retention,
   * or, for a refusal (nothing changed), only for the refusal retention.
   */
  private void answer(CommandReply reply) {
    (reply.getSuccess() ? keptAnswers : keptRefusals).put(reply.getCommandId(), reply, reply.getAnsweredAt());
    emit.reply(reply);
  }

  private void emitCallerBalance(String callerId, long coins, Instant now) {
    emit.balance(LedgerEntries.balance(AccountType.caller, callerId, AccountKeys.caller(callerId),
        Money.toHundredths(Money.coins(coins)), now));
  }

  private Optional<ActiveCall> ongoingCall(String callerId) {
    return Optional.ofNullable(sessions.get(callerId));
  }

  private long balanceOf(String callerId) {
    Long balance = wallets.get(callerId);
    return balance == null ? 0 : balance;
  }

  private static boolean isSameCall(String callId, String receiverId, EndCall end) {
    return callId.equals(end.getCallId()) && receiverId.equals(end.getReceiverId());
  }

  private static CoinBalance coinBalance(long balance) {
    return CoinBalance.newBuilder().setCoinBalance(balance).build();
  }
}
