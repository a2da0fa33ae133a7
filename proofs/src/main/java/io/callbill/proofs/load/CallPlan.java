package io.callbill.proofs.load;

import java.util.SplittableRandom;

/**
 * One call of the run: who calls whom, the type, how the caller behaves, how long it talks and how it is ended.
 *
 * @param seconds seconds of talk after the receiver's accept; past the balance: the seconds its coins pay for
 */
public record CallPlan(long index, String callerId, LoadParties.Receiver receiver, String callType,
                       Behaviour behaviour, int seconds, EndKind endKind) {

  /** How an honest call is ended (the adversarial ones are ended by their caller, or never). */
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

  /**
   * The plan of call {@code index} of {@code callerId}, whose behaviour comes from the parties. Honest calls last
   * {@code --call-seconds} and end 60 % by the caller, 20 % by the receiver, 10 % by both sides, 10 % retried;
   * adversarial calls last what their behaviour says.
   */
  public static CallPlan of(long index, String callerId, LoadParties parties, LoadOptions options, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003 + index);
    LoadParties.Receiver receiver = parties.receivers().get(random.nextInt(parties.receivers().size()));
    String type = random.nextBoolean() ? "audio" : "video";
    Behaviour behaviour = parties.behaviour(callerId);
    int min = behaviour == Behaviour.HONEST ? options.minCallSeconds() : behaviour.minSeconds();
    int max = behaviour == Behaviour.HONEST ? options.maxCallSeconds() : behaviour.maxSeconds();
    int seconds = min + random.nextInt(max - min + 1);
    EndKind kind = behaviour != Behaviour.HONEST ? EndKind.CALLER : switch ((int) (index % 10)) {
      case 6, 7 -> EndKind.RECEIVER;
      case 8 -> EndKind.BOTH;
      case 9 -> EndKind.RETRIED;
      default -> EndKind.CALLER;
    };
    return new CallPlan(index, callerId, receiver, type, behaviour, seconds, kind);
  }

  /** The seconds the caller claims at its end: its own measurement when honest, 0 or half when under-reporting. */
  public long claim(long talkedSeconds) {
    return switch (behaviour) {
      case CLAIMS_ZERO -> 0;
      case CLAIMS_HALF -> talkedSeconds / 2;
      default -> talkedSeconds;
    };
  }
}
