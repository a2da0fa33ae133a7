package io.callbill.proofs.bench;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallProgress;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The calls of a live run, each start, accept, end: a start is sent when the mode says (closed loop: when the
 * caller's call before is settled; open loop: at its scheduled time), the accept and the end as soon as the answer
 * before them is read. Every settlement is checked ({@link BenchCalls#isExact}).
 *
 * <p>Latency is counted from when a command was due, not from when it was sent: a start from its scheduled time
 * (the closed loop sends it when due), an end from the moment the accept's answer was read. So a sender that falls
 * behind, or a producer that blocks, shows in the figures instead of hiding in the schedule.
 */
final class CallTraffic {

  private final int calls;
  /** The number of this traffic's first call in its command ids: a second measurement's ids are new to billing. */
  private final int firstCall;
  private final Consumer<CallCommand> send;
  private final int[] callerOf;
  private final Instant[] startedAt;
  private final long[] startDueNanos;
  private final long[] endDueNanos;
  private final long[] startMicros;
  private final long[] endMicros;
  private final SettlementTally tally;
  private final IntConsumer onCallerFree;

  /**
   * @param firstCall the number of call 0 in the command ids ({@code s-<firstCall + call>}, ...)
   * @param send writes a command to call-commands
   * @param onCallerFree told the caller index whose call is over (settled or refused)
   */
  CallTraffic(int calls, int firstCall, Consumer<CallCommand> send, IntConsumer onCallerFree) {
    this.calls = calls;
    this.firstCall = firstCall;
    this.send = send;
    this.onCallerFree = onCallerFree;
    this.callerOf = new int[calls];
    this.startedAt = new Instant[calls];
    this.startDueNanos = new long[calls];
    this.endDueNanos = new long[calls];
    this.startMicros = new long[calls];
    this.endMicros = new long[calls];
    this.tally = new SettlementTally(calls);
  }

  /** Starts call {@code call} of caller {@code caller}, due at {@code dueNanos} (System.nanoTime). */
  void start(int call, int caller, long dueNanos) {
    // Each call starts and is accepted now and ends CALL_SECONDS later (record times), so its whole length is measured
    // without waiting for it. The end lies a minute ahead: billing takes commands up to 10 min ahead of its clock,
    // and a call stamped in the past would have rung past the ring timeout before its accept arrived.
    Instant at = Instant.now();
    callerOf[call] = caller;
    startedAt[call] = at;
    startDueNanos[call] = dueNanos;
    send.accept(new CallCommand(BenchCalls.startId(firstCall + call), BenchCalls.caller(caller), at,
        new StartCall(BenchCalls.receiver(caller), CallType.audio)));
  }

  /** An answer from command-replies; answers to other commands than this traffic's are ignored. */
  void onReply(CommandReply reply, long receivedNanos) {
    int call = BenchCalls.callOf(reply.getCommandId()) - firstCall;
    if (call < 0 || call >= calls || startedAt[call] == null) {
      return;
    }
    int caller = callerOf[call];
    switch (reply.getCommandId().charAt(0)) {
      case 's' -> {
        startMicros[call] = (receivedNanos - startDueNanos[call]) / 1000;
        if (!(reply.getData() instanceof StartAccepted accepted)) {
          over(call, false, receivedNanos);
          return;
        }
        send.accept(new CallCommand(BenchCalls.acceptId(firstCall + call), BenchCalls.caller(caller), startedAt[call],
            new AcceptCall(accepted.getCallId(), CallParty.receiver, BenchCalls.receiver(caller))));
      }
      case 'a' -> {
        if (!(reply.getData() instanceof CallProgress progress)) {
          over(call, false, receivedNanos);
          return;
        }
        endDueNanos[call] = receivedNanos;
        send.accept(BenchCalls.end(caller, progress.getCallId(), startedAt[call].plusSeconds(BenchCalls.CALL_SECONDS),
            BenchCalls.endId(firstCall + call)));
      }
      default -> {
        endMicros[call] = (receivedNanos - endDueNanos[call]) / 1000;
        over(call, BenchCalls.isExact(reply), receivedNanos);
      }
    }
  }

  private void over(int call, boolean exact, long nanos) {
    if (!tally.over(exact, nanos)) {
      onCallerFree.accept(callerOf[call]);
    }
  }

  SettlementTally tally() {
    return tally;
  }

  Percentiles startLatency() {
    return Percentiles.of(startMicros);
  }

  /** Over the calls whose end was sent: a call refused before its end has no end latency, not one of 0. */
  Percentiles endLatency() {
    return Percentiles.of(java.util.stream.IntStream.range(0, calls).filter(call -> endDueNanos[call] != 0)
        .mapToLong(call -> endMicros[call]).toArray());
  }
}
