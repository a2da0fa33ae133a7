package io.callbill.proofs.bench;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The drain: the commands of every call written while billing-streams is stopped, then billing started on the
 * backlog. A drained call is its start, accept and end, keyed by its caller (so on the caller's partition, in that
 * order), the accept and end naming the call by the id billing will give it ({@link BenchCalls#written}). Each caller
 * has one call per round; a round's starts and accepts are written before its ends.
 *
 * <p>Why the record times lie {@link #AHEAD} in the future: billing's deadlines (ring and heartbeat timeouts) run on
 * the wall clock from a command's record time. A backlog stamped in the past would have every call's deadline due
 * at once, and the punctuator would close calls whose end is still waiting in the backlog. Billing takes commands up
 * to 10 minutes ahead of its clock, so a call starts 8 minutes ahead and ends at most 9; every round uses the same
 * times (a caller's next start before his last end, as in the closed loop).
 *
 * <p>Capacity is the calls settled over first to last settlement read, so billing's start and its restore do not
 * count. Every command was due when billing started: latencies count from then.
 */
final class DrainedCalls {

  static final Duration AHEAD = Duration.ofMinutes(8);

  private final int calls;
  /** The number of this drain's first call in its command ids: a second measurement's ids are new to billing. */
  private final int firstCall;
  private final int callers;
  private final long[] startMicros;
  private final long[] endMicros;
  private final SettlementTally tally;
  private volatile long dueNanos;

  DrainedCalls(int calls, int firstCall, int callers) {
    this.calls = calls;
    this.firstCall = firstCall;
    this.callers = callers;
    this.startMicros = new long[calls];
    this.endMicros = new long[calls];
    this.tally = new SettlementTally(calls);
  }

  int rounds() {
    return (calls + callers - 1) / callers;
  }

  /** Writes every call's commands, round after round. */
  void write(Consumer<CallCommand> send) {
    Instant at = Instant.now().plus(AHEAD);
    for (int round = 0; round < rounds(); round++) {
      List<CallCommand> ends = new ArrayList<>();
      for (int caller = 0; caller < callers; caller++) {
        int call = round * callers + caller;
        if (call >= calls) {
          break;
        }
        List<CallCommand> commands = BenchCalls.written(firstCall + call, caller, at);
        send.accept(commands.get(0));
        send.accept(commands.get(1));
        ends.add(commands.get(2));
      }
      ends.forEach(send);
    }
  }

  /** Billing is started now: every command is due. */
  void due(long nanos) {
    dueNanos = nanos;
  }

  void onReply(CommandReply reply, long receivedNanos) {
    int call = BenchCalls.callOf(reply.getCommandId()) - firstCall;
    if (call < 0 || call >= calls) {
      return;
    }
    long micros = (receivedNanos - dueNanos) / 1000;
    switch (reply.getCommandId().charAt(0)) {
      case 's' -> startMicros[call] = micros;
      case 'e' -> {
        endMicros[call] = micros;
        tally.over(BenchCalls.isExact(reply), receivedNanos);
      }
      default -> {
        // The accept's answer says nothing the settlement does not.
      }
    }
  }

  SettlementTally tally() {
    return tally;
  }

  Percentiles startLatency() {
    return Percentiles.of(startMicros);
  }

  Percentiles endLatency() {
    return Percentiles.of(endMicros);
  }
}
