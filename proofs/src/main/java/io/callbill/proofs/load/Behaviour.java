package io.callbill.proofs.load;

/**
 * How a load caller behaves in its calls. Honest callers claim the time they talked; the others try to pay less than
 * billing measured, and each must pay what billing measured all the same (issue 9: metering that cannot be cheated).
 */
public enum Behaviour {
  /** Talks the planned seconds, claims its own measurement, ends as the plan says (caller, receiver, both, retried). */
  HONEST("honest", 0, 0),
  /**
   * Talks 8 to 12 s, well past the clock skew, then ends claiming {@code "duration": 0}: billed as measured (the 30 s
   * minimum), flagged durationDisputed.
   */
  CLAIMS_ZERO("claims-zero", 8, 12),
  /**
   * Talks 34 to 40 s, then claims half of it (under the 30 s minimum): billed as measured, flagged
   * durationDisputed.
   */
  CLAIMS_HALF("claims-half", 34, 40),
  /**
   * Holds only the coins for 31 to 40 s of talk (topped up to that before each call), keeps the call alive with
   * heartbeats and never ends it: billing cuts it off at maxSeconds and charges exactly what maxSeconds costs.
   */
  PAST_BALANCE("past-balance", 31, 40),
  /**
   * Sends heartbeats for 38 to 44 s (the last one past the 30 s minimum), then goes silent and never ends: billing
   * settles it as abandoned at the last heartbeat once the stack's heartbeat timeout has passed.
   */
  VANISHES("vanishes", 38, 44);

  /** The adversarial kinds, in the order a run hands them out to caller accounts. */
  public static final java.util.List<Behaviour> ADVERSARIAL = java.util.List.of(CLAIMS_ZERO, CLAIMS_HALF,
      PAST_BALANCE, VANISHES);

  private final String label;
  private final int minSeconds;
  private final int maxSeconds;

  Behaviour(String label, int minSeconds, int maxSeconds) {
    this.label = label;
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
  }

  /** The name used in caller ids and in the report. */
  public String label() {
    return label;
  }

  /** Shortest talk (or, past the balance, the fewest seconds its coins pay for); 0 for honest callers (options). */
  public int minSeconds() {
    return minSeconds;
  }

  public int maxSeconds() {
    return maxSeconds;
  }

  /** Billing settles the call itself (cutoff or abandoned): the caller never ends it while it is live. */
  public boolean neverEnds() {
    return this == PAST_BALANCE || this == VANISHES;
  }
}
