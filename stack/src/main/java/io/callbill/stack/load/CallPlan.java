package io.callbill.stack.load;

import java.util.SplittableRandom;

/** One call of the run: who calls whom, the type, how long it lasts and how it is ended. */
public record CallPlan(long index, String callerId, LoadParties.Receiver receiver, String callType, int seconds,
                       EndKind endKind) {

  /** How a call is ended. */
  public enum EndKind {
    /** the caller ends it */
    CALLER,
    /** the receiver ends it */
    RECEIVER,
    /** both sides end it at the same time: one settlement, the same answer twice */
    BOTH,
    /** the caller's end is sent twice with the same Idempotency-Key: the same answer twice */
    RETRIED
  }

  /** The plan of call {@code index}: 60 % caller, 20 % receiver, 10 % both sides, 10 % retried ends. */
  public static CallPlan of(long index, String callerId, LoadParties parties, LoadOptions options, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003 + index);
    LoadParties.Receiver receiver = parties.receivers().get(random.nextInt(parties.receivers().size()));
    String type = random.nextBoolean() ? "audio" : "video";
    int seconds = options.minCallSeconds() + random.nextInt(options.maxCallSeconds() - options.minCallSeconds() + 1);
    EndKind kind = switch ((int) (index % 10)) {
      case 6, 7 -> EndKind.RECEIVER;
      case 8 -> EndKind.BOTH;
      case 9 -> EndKind.RETRIED;
      default -> EndKind.CALLER;
    };
    return new CallPlan(index, callerId, receiver, type, seconds, kind);
  }
}
