package io.callbill.billing;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountCredit;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerEntry;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Typed forwarding to the sinks, each with the key its topic is partitioned by. */
public final class Emitter {

  private final ProcessorContext<String, SpecificRecord> context;
  private final String processor;

  /** Forwards to the sinks of {@code processor} (see {@link Sinks#name}). */
  public Emitter(ProcessorContext<String, SpecificRecord> context, String processor) {
    this.context = context;
    this.processor = processor;
  }

  public void reply(CommandReply reply) {
    forward(Sinks.REPLIES, reply.getCommandId(), reply, reply.getAnsweredAt());
  }

  public void event(CallEvent event) {
    forward(Sinks.CALL_EVENTS, event.getCallerId(), event, event.getOccurredAt());
  }

  public void callRecord(CallRecord record) {
    forward(Sinks.CALL_HISTORY, record.getCallId(), record, record.getEndedAt());
  }

  public void activeCall(ActiveCall call, Instant now) {
    forward(Sinks.ACTIVE_CALLS, call.getCallerId(), call, now);
  }

  /** A tombstone: the caller has no ongoing call any more. */
  public void noActiveCall(String callerId, Instant now) {
    forward(Sinks.ACTIVE_CALLS, callerId, null, now);
  }

  public void ledger(LedgerEntry entry) {
    forward(Sinks.LEDGER, entry.getEntryId(), entry, entry.getCreatedAt());
  }

  public void balance(AccountBalance balance) {
    forward(Sinks.BALANCES, balance.getAccountKey(), balance, balance.getUpdatedAt());
  }

  public void credit(AccountCredit credit) {
    forward(Sinks.ACCOUNT_CREDITS, credit.getAccountKey(), credit, credit.getCreatedAt());
  }

  /** A command billing refused for breaking an invariant, as it was read, with why and where it came from. */
  public void deadLetter(String key, CallCommand command, Headers headers, Instant timestamp) {
    context.forward(new Record<String, SpecificRecord>(key, command, timestamp.toEpochMilli(), headers),
        Sinks.name(processor, Sinks.DEAD_LETTERS));
  }

  private void forward(String sink, String key, SpecificRecord value, Instant timestamp) {
    context.forward(new Record<>(key, value, timestamp.toEpochMilli()), Sinks.name(processor, sink));
  }
}
