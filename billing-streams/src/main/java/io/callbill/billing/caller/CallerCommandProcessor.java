package io.callbill.billing.caller;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.AccountCredit;
import io.callbill.avro.AccountType;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveCallQuery;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.Payout;
import io.callbill.avro.RateCall;
import io.callbill.avro.Reason;
import io.callbill.avro.RefundCall;
import io.callbill.avro.SettledCall;
import io.callbill.avro.StartCall;
import io.callbill.avro.WalletQuery;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingStores;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.Emitter;
import io.callbill.billing.Retention;
import io.callbill.billing.deadletter.DeadLetterCounts;
import io.callbill.billing.ledger.LedgerEntries;
import io.callbill.billing.metrics.BillingSensors;
import io.callbill.billing.money.Money;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.billing.reply.Replies;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.DeadLetters;
import io.callbill.schemas.SeedAnswers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The per-caller state machine. Commands are keyed by callerId, so one task owns a caller's wallet and ongoing call,
 * and processes that caller's commands one at a time: no double spend, no second ongoing call, and two ends of the
 * same call (one from each side, or an end and a deadline) settle once — the second gets the first answer again.
 *
 * <p>A router: one handler per command decides as a pure function ({@link CallStarter}, {@link CallAcceptor},
 * {@link HeartbeatRecorder}, {@link CallEnder}, {@link CoinCrediter}, {@link CallQueries}, {@link CallRater},
 * {@link CallRefunder}, {@link PayoutRequester}); the
 * session's deadlines are decided by {@link SessionTimeouts} on the clock of {@link DeadlinePunctuator}; this class
 * applies every {@link Decision} to the stores and emits. A command that breaks an invariant
 * ({@link CommandInvariants}) or whose payload no handler knows is refused and dead-lettered.
 *
 * <p>Input: call-commands (and, through the store, callers). Output: replies, call-events, call-history,
 * active-calls, ledger (caller entries), balances (caller wallets), account-credits (what the call owes the receiver,
 * platform and agency, applied in their partitions), dead-letters. Stores: caller-wallets, coin-credit-references,
 * call-sessions, call-deadlines, settled-calls, command-replies; reads caller-profiles and the global receivers,
 * level-configs and platform-config.
 *
 * <p>Time: a command's time is its record timestamp (when the API accepted it).
 */
public final class CallerCommandProcessor implements Processor<String, CallCommand, String, SpecificRecord> {

  private final BillingConfig config;
  private final SessionDeadlines deadlines;
  private final CallStarter starter;
  private final CallAcceptor acceptor;
  private final HeartbeatRecorder heartbeats;
  private final CallEnder ender;
  private final CoinCrediter crediter;
  private final SessionTimeouts timeouts;
  private final LedgerEntries ledger;

  private KeyValueStore<String, Long> wallets;
  private KeyValueStore<String, Long> creditReferences;
  private OpenSessions sessions;
  private TimestampedKeyValueStore<String, SettledCall> settledCalls;
  private TimestampedKeyValueStore<String, CommandReply> commandReplies;
  private CallerView view;
  private Retention retention;
  private Retention.Kept<SettledCall> keptSettledCalls;
  private Retention.Kept<CommandReply> keptAnswers;
  private Retention.Kept<CommandReply> keptRefusals;
  private Emitter emit;
  private BillingSensors sensors;
  private ProcessorContext<String, SpecificRecord> context;

  public CallerCommandProcessor(BillingConfig config) {
    this.config = config;
    MeteringRules rules = MeteringRules.of(config);
    CallSettler settler = new CallSettler(rules);
    this.deadlines = new SessionDeadlines(rules);
    this.starter = new CallStarter(rules);
    this.acceptor = new CallAcceptor(rules);
    this.heartbeats = new HeartbeatRecorder();
    this.ender = new CallEnder(settler);
    this.crediter = new CoinCrediter(rules);
    this.timeouts = new SessionTimeouts(settler);
    this.ledger = new LedgerEntries(config.platformShards());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    wallets = context.getStateStore(BillingStores.CALLER_WALLETS);
    creditReferences = context.getStateStore(BillingStores.COIN_CREDIT_REFERENCES);
    sessions = new OpenSessions(context.getStateStore(BillingStores.CALL_SESSIONS),
        context.getStateStore(BillingStores.CALL_DEADLINES), deadlines);
    settledCalls = context.getStateStore(BillingStores.SETTLED_CALLS);
    commandReplies = context.getStateStore(BillingStores.COMMAND_REPLIES);
    view = new StoreView(new ReferenceData(context));
    emit = new Emitter(context, BillingTopology.CALLER_COMMANDS);
    sensors = BillingSensors.of(context).registerCallerCounters(BillingTopology.CALLER_COMMANDS);
    context.schedule(config.sessionScanInterval(), PunctuationType.WALL_CLOCK_TIME,
        new DeadlinePunctuator(sessions.deadlineIndex(), sessions, deadlines, timeouts, this::balanceOf, this::apply,
            config.deadlinesPerPunctuation(), sensors));
    retention = new Retention(context.getStateStore(BillingStores.REPLAY_EXPIRY), context::currentSystemTimeMs,
        config.housekeepingEntriesPerSweep());
    keptSettledCalls = retention.keep("settled", settledCalls, config.replayRetention());
    keptAnswers = retention.keep("answer", commandReplies, config.replayRetention());
    keptRefusals = retention.keep("refusal", commandReplies, config.refusalRetention());
    context.schedule(Retention.SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
        timestamp -> sensors.expirySweep(BillingTopology.CALLER_COMMANDS,
            retention.sweep(Instant.ofEpochMilli(timestamp))));
  }

  @Override
  public void process(Record<String, CallCommand> record) {
    CallCommand command = record.value();
    if (command == null) {
      return;
    }
    Instant now = Instant.ofEpochMilli(record.timestamp());
    Instant wallClock = Instant.ofEpochMilli(context.currentSystemTimeMs());
    Optional<Reason> breach = CommandInvariants.breach(record.key(), command, now, wallClock);
    if (breach.isPresent()) {
      refuse(record, breach.get(), now.isAfter(wallClock) ? wallClock : now);
      return;
    }
    ValueAndTimestamp<CommandReply> answered = commandReplies.get(command.getCommandId());
    if (answered != null) {
      emit.reply(Replies.replay(answered.value(), command, now));
      return;
    }
    Object payload = command.getCommand();
    if (payload instanceof StartCall start) {
      apply(starter.decide(command, start, view, now));
    } else if (payload instanceof AcceptCall accept) {
      apply(acceptor.decide(command, accept, view, now));
    } else if (payload instanceof Heartbeat heartbeat) {
      apply(heartbeats.decide(command, heartbeat, view, now));
    } else if (payload instanceof EndCall end) {
      apply(ender.decide(command, end, view, now));
    } else if (payload instanceof CreditCoins credit) {
      apply(crediter.decide(command, credit, view, now));
    } else if (payload instanceof ActiveCallQuery) {
      apply(CallQueries.activeCall(command, view, now));
    } else if (payload instanceof WalletQuery) {
      apply(CallQueries.wallet(command, view, now));
    } else if (payload instanceof RateCall rating) {
      apply(CallRater.decide(command, rating, view, now));
    } else if (payload instanceof RefundCall refund) {
      apply(CallRefunder.decide(command, refund, view, now));
    } else if (payload instanceof Payout payout) {
      apply(PayoutRequester.decide(command, payout, now));
    } else {
      refuse(record, Reason.UNKNOWN_COMMAND, now);
    }
  }

  // ---- applying decisions ----------------------------------------------------------------------------------------

  private void apply(Decision decision) {
    if (decision instanceof Decision.Answer answer) {
      answer.events().forEach(emit::event);
      answer(answer.reply());
    } else if (decision instanceof Decision.SessionChanged changed) {
      if (changed.before() == null) {
        sensors.callStarted();
      }
      sessions.put(changed.before(), changed.after());
      if (changed.publish()) {
        emit.activeCall(changed.after(), changed.at());
      }
      changed.events().forEach(emit::event);
      if (changed.reply() != null) {
        answer(changed.reply());
      }
    } else if (decision instanceof Decision.Closing closing) {
      close(closing);
    } else if (decision instanceof Decision.Replay replay) {
      replay(replay);
    } else if (decision instanceof Decision.CoinsCredited credited) {
      creditCoins(credited);
    } else if (decision instanceof Decision.Refunded refunded) {
      refund(refunded);
    } else if (decision instanceof Decision.HandedOver handedOver) {
      // Not kept in command-replies: a repeated command id is handed over again and the wallet's task, idempotent
      // per reference, answers it again.
      emit.credit(handedOver.credit());
    } else if (decision instanceof Decision.Rated rated) {
      keepSettledCall(rated.settled(), rated.settledAt());
      emit.callRecord(rated.settled().getRecord());
      answer(rated.reply());
    }
  }

  private void close(Decision.Closing closing) {
    ActiveCall session = closing.session();
    String callerId = session.getCallerId();
    Instant at = closing.record().getEndedAt();
    sessions.close(session);
    emit.noActiveCall(callerId, at);
    emit.callRecord(closing.record());
    emit.event(closing.event());
    sensors.callSettled(closing.record().getStatus(), closing.record().getEndedBy());
    String receiverEntryId = null;
    if (closing.charge() != null) {
      sensors.coinsCharged(closing.charge().totalCoins());
      wallets.put(callerId, closing.callerBalanceAfter());
      emit.ledger(ledger.callerDebit(closing.record(), closing.callerBalanceAfter(), at));
      emitCallerBalance(callerId, closing.callerBalanceAfter(), at);
      // The receiver's partition sends the reply once her earning is credited, with her new balance; a closing by
      // billing's clock has nobody to answer, and a later end replays it through the same hop.
      CommandReply waiting = closing.clientWaiting() ? closing.reply() : null;
      for (AccountCredit credit : ledger.creditsOf(closing.record(), waiting, at)) {
        emit.credit(credit);
      }
      receiverEntryId = LedgerEntries.receiverEntryId(session.getCallId());
    } else if (closing.clientWaiting()) {
      emit.reply(closing.reply());
    }
    if (closing.clientWaiting() && !closing.reply().getSuccess()) {
      sensors.commandRefused(closing.reply());
    }
    keepSettledCall(SettledCall.newBuilder().setRecord(closing.record()).setReply(closing.reply())
        .setReceiverEntryId(receiverEntryId).build(), at.toEpochMilli());
  }

  /** A second end of a closed call (the other side, a retry, an end after a cutoff): the kept answer, no charge. */
  private void replay(Decision.Replay replay) {
    SettledCall settled = replay.settled();
    if (settled.getReceiverEntryId() != null) {
      emit.credit(ledger.replayOf(settled.getRecord().getCallId(), settled.getRecord().getReceiverId(),
          replay.reply(), replay.reply().getAnsweredAt()));
    } else {
      emit.reply(replay.reply());
    }
  }

  private void creditCoins(Decision.CoinsCredited credited) {
    Instant now = credited.reply().getAnsweredAt();
    wallets.put(credited.callerId(), credited.balanceAfter());
    keepCreditReference(credited.callerId(), credited.reference(), credited.amount());
    emit.ledger(ledger.callerTopUp(credited.callerId(), credited.reference(), credited.amount(),
        credited.balanceAfter(), now));
    emitCallerBalance(credited.callerId(), credited.balanceAfter(), now);
    if (credited.after() != null && !credited.after().equals(credited.before())) {
      sessions.put(credited.before(), credited.after());
      emit.activeCall(credited.after(), now);
    }
    answer(credited.reply());
  }

  /**
   * The caller's coins back, and the receiver's, platform's and agency's parts taken back in their partitions: debits
   * that may leave those wallets below zero (a debt, shown as such), never refused there.
   */
  private void refund(Decision.Refunded refunded) {
    Instant now = refunded.reply().getAnsweredAt();
    CallRecord record = refunded.settled().getRecord();
    wallets.put(record.getCallerId(), refunded.callerBalanceAfter());
    keepSettledCall(refunded.settled(), refunded.settledAt());
    emit.callRecord(record);
    emit.event(refunded.event());
    emit.ledger(ledger.callerRefund(record, refunded.refund(), refunded.split(), refunded.callerBalanceAfter(), now));
    emitCallerBalance(record.getCallerId(), refunded.callerBalanceAfter(), now);
    for (AccountCredit debit : ledger.refundDebitsOf(record, refunded.refund(), refunded.split(), now)) {
      emit.credit(debit);
    }
    sensors.refunded(refunded.split().coins());
    answer(refunded.reply());
  }

  /** A command billing cannot apply: refused when its id is readable, and dead-lettered with the reason. */
  private void refuse(Record<String, CallCommand> record, Reason reason, Instant now) {
    CallCommand command = record.value();
    if (command.getCommandId() != null && !command.getCommandId().isBlank()) {
      emit.reply(Replies.answer(command, reason, null, now));
    }
    Headers headers = new RecordHeaders();
    header(headers, DeadLetters.EXCEPTION, CommandInvariants.class.getName());
    header(headers, DeadLetters.MESSAGE, SeedAnswers.message(reason));
    context.recordMetadata().ifPresent(origin -> {
      header(headers, DeadLetters.TOPIC, origin.topic());
      header(headers, DeadLetters.PARTITION, Integer.toString(origin.partition()));
      header(headers, DeadLetters.OFFSET, Long.toString(origin.offset()));
    });
    emit.deadLetter(record.key(), command, headers, now);
    sensors.commandRefused(reason);
    DeadLetterCounts.count(context.recordMetadata().map(RecordMetadata::topic).orElse(null),
        DeadLetterCounts.REFUSED);
  }

  // ---- the three replay stores, each written in one place --------------------------------------------------------

  /**
   * Emits and remembers an answer, so the same command id is answered the same way again: for the replay retention,
   * or, for a refusal (nothing changed), only for the refusal retention.
   */
  private void answer(CommandReply reply) {
    if (!reply.getSuccess()) {
      sensors.commandRefused(reply);
    }
    (reply.getSuccess() ? keptAnswers : keptRefusals).put(reply.getCommandId(), reply, reply.getAnsweredAt());
    emit.reply(reply);
  }

  /** Keeps a closed call (stamped when it closed) to answer a later end or rating, for the replay retention. */
  private void keepSettledCall(SettledCall settled, long keptAt) {
    keptSettledCalls.put(settled.getRecord().getCallId(), settled, Instant.ofEpochMilli(keptAt));
  }

  private void keepCreditReference(String callerId, String reference, long amount) {
    creditReferences.put(creditReferenceKey(callerId, reference), amount);
  }

  private static String creditReferenceKey(String callerId, String reference) {
    return callerId + '|' + reference;
  }

  // ---- reading ---------------------------------------------------------------------------------------------------

  private void emitCallerBalance(String callerId, long coins, Instant now) {
    emit.balance(LedgerEntries.balance(AccountType.caller, callerId, AccountKeys.caller(callerId),
        Money.toHundredths(Money.coins(coins)), now));
  }

  private long balanceOf(String callerId) {
    Long balance = wallets.get(callerId);
    return balance == null ? 0 : balance;
  }

  private static void header(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The handlers' read-only view of this task's stores. */
  private final class StoreView implements CallerView {
    private final ReferenceData reference;

    StoreView(ReferenceData reference) {
      this.reference = reference;
    }

    @Override
    public ReferenceData reference() {
      return reference;
    }

    @Override
    public long balance(String callerId) {
      return balanceOf(callerId);
    }

    @Override
    public Optional<ActiveCall> ongoing(String callerId) {
      return Optional.ofNullable(sessions.get(callerId));
    }

    @Override
    public Optional<Kept> settled(String callId) {
      ValueAndTimestamp<SettledCall> settled = settledCalls.get(callId);
      return settled == null ? Optional.empty() : Optional.of(new Kept(settled.value(), settled.timestamp()));
    }

    @Override
    public boolean coinsCredited(String callerId, String reference) {
      return creditReferences.get(creditReferenceKey(callerId, reference)) != null;
    }
  }
}
