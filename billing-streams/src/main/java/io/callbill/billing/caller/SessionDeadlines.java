package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The session's clock as one pure function: the next deadline of an ongoing call, from the session alone. The
 * deadline store holds exactly one entry per session, at {@code next(session)}: whoever changes a session moves the
 * entry from {@code next(before)} to {@code next(after)}, so the old entry is removed exactly.
 *
 * <p>Under measured: ring timeout while not connected (connect=accept), then the cutoff warning, the cutoff at
 * connect + maxSeconds, the heartbeat timeout once a heartbeat came, and the TTL expiry. Under clamp and reported:
 * the cutoff-due event at start + maxSeconds and the TTL expiry.
 */
final class SessionDeadlines {

  /** What falls due. Declaration order breaks ties: closing the call first makes a same-time warning moot. */
  enum Kind { HEARTBEAT_TIMEOUT, CUTOFF, RING_TIMEOUT, EXPIRY, CUTOFF_WARNING, CUTOFF_DUE }

  record Deadline(Kind kind, Instant at) {
  }

  private static final Comparator<Deadline> EARLIEST =
      Comparator.comparing(Deadline::at).thenComparing(Deadline::kind);

  private final MeteringRules rules;

  SessionDeadlines(MeteringRules rules) {
    this.rules = rules;
  }

  Optional<Deadline> next(ActiveCall session) {
    List<Deadline> candidates = new ArrayList<>(4);
    candidates.add(new Deadline(Kind.EXPIRY, session.getExpiresAt()));
    if (!rules.measured()) {
      if (!session.getCutoffDueEmitted()) {
        candidates.add(new Deadline(Kind.CUTOFF_DUE, session.getStartedAt().plusSeconds(session.getMaxSeconds())));
      }
    } else if (ActiveCalls.connectedAt(session) == null) {
      candidates.add(new Deadline(Kind.RING_TIMEOUT, session.getStartedAt().plus(rules.ringTimeout())));
    } else {
      Instant cutoffAt = ActiveCalls.cutoffAt(session);
      candidates.add(new Deadline(Kind.CUTOFF, cutoffAt));
      if (!session.getCutoffWarningEmitted()) {
        candidates.add(new Deadline(Kind.CUTOFF_WARNING, warningAt(session)));
      }
      if (session.getLastHeartbeatAt() != null) {
        candidates.add(new Deadline(Kind.HEARTBEAT_TIMEOUT, heartbeatTimeoutAt(session)));
      }
    }
    return candidates.stream().min(EARLIEST);
  }

  /** Where the deadline store keeps the session's entry: its next deadline's time, or null for none. */
  Instant indexedAt(ActiveCall session) {
    return session == null ? null : next(session).map(Deadline::at).orElse(null);
  }

  /** cutoff - warning window, not before the connect (a call shorter than the window is warned at once). */
  Instant warningAt(ActiveCall session) {
    Instant at = ActiveCalls.cutoffAt(session).minus(rules.cutoffWarning());
    return ActiveCalls.later(at, ActiveCalls.connectedAt(session));
  }

  /** Silence counts from the last sign of life: the last heartbeat, or a later accept. */
  private Instant heartbeatTimeoutAt(ActiveCall session) {
    return ActiveCalls.lastConfirmedAt(session).plus(rules.heartbeatTimeout());
  }
}
