package io.callbill.proofs.bench;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartCall;
import io.callbill.billing.caller.CallIds;
import java.time.Instant;
import java.util.List;

/**
 * The benchmark's calls on the wire: who calls whom, the command ids ({@code s-}, {@code a-}, {@code e-} and the
 * call's number), the commands of a call written ahead of billing, and the one check of a settlement.
 */
final class BenchCalls {

  static final long CALL_SECONDS = BillingBenchmark.CALL_SECONDS;
  static final int RECEIVERS = 50;

  private BenchCalls() {
  }

  static String caller(int i) {
    return String.format("caller-%04d", i);
  }

  static String receiver(int caller) {
    return String.format("receiver-%02d", caller % RECEIVERS);
  }

  static String startId(int call) {
    return "s-" + call;
  }

  static String acceptId(int call) {
    return "a-" + call;
  }

  static String endId(int call) {
    return "e-" + call;
  }

  /** The call a command id of this traffic belongs to, or -1 for any other id (a top-up, the state's growth). */
  static int callOf(String commandId) {
    if (commandId.length() < 3 || commandId.charAt(1) != '-' || "sae".indexOf(commandId.charAt(0)) < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(commandId.substring(2));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static CallCommand end(int caller, String callId, Instant at, String commandId) {
    return BillingBenchmark.endCommand(caller(caller), callId, receiver(caller), at, commandId);
  }

  /**
   * Start, accept and end of call {@code call}, started at {@code at} and ended CALL_SECONDS later, without waiting
   * for an answer: the accept and the end name the call by the id billing will give it ({@link CallIds}), because
   * the start's record time is {@code at}. The accept carries the start's time, as in the live traffic.
   */
  static List<CallCommand> written(int call, int caller, Instant at) {
    CallCommand start = new CallCommand(startId(call), caller(caller), at,
        new StartCall(receiver(caller), CallType.audio));
    String callId = CallIds.of(start, at);
    return List.of(start,
        new CallCommand(acceptId(call), caller(caller), at, new AcceptCall(callId, CallParty.receiver,
            receiver(caller))),
        end(caller, callId, at.plusSeconds(CALL_SECONDS), endId(call)));
  }

  /** A settlement of the call's whole length at the rate card's exact charge; anything else is a wrong answer. */
  static boolean isExact(CommandReply reply) {
    return reply.getData() instanceof Settlement s && s.getTotalCoins() == BillingBenchmark.EXPECTED_CHARGE
        && s.getMeasuredDuration() != null && s.getMeasuredDuration() == CALL_SECONDS;
  }
}
