package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import java.util.List;

/**
 * Decides what a due deadline does to its session, at the deadline's own time (a late punctuation bills the same):
 * the ring timeout closes it missed, the cutoff settles maxSeconds, the heartbeat timeout settles it abandoned at
 * the last heartbeat, the TTL expires it; the warning and cutoff-due only announce and mark the session.
 */
final class SessionTimeouts {

  private final CallSettler settler;

  SessionTimeouts(CallSettler settler) {
    this.settler = settler;
  }

  Decision decide(ActiveCall session, SessionDeadlines.Deadline due, long balance) {
    return switch (due.kind()) {
      case RING_TIMEOUT -> settler.miss(session, due.at());
      case CUTOFF -> settler.cutoff(session, balance, due.at());
      case HEARTBEAT_TIMEOUT -> settler.abandon(session, balance, due.at());
      case EXPIRY -> settler.expire(session, balance, due.at());
      case CUTOFF_WARNING -> new Decision.SessionChanged(session,
          ActiveCall.newBuilder(session).setCutoffWarningEmitted(true).build(), false,
          List.of(CallEvents.cutoffWarning(session, due.at())), null, due.at());
      case CUTOFF_DUE -> new Decision.SessionChanged(session,
          ActiveCall.newBuilder(session).setCutoffDueEmitted(true).build(), false,
          List.of(CallEvents.cutoffDue(session, due.at())), null, due.at());
    };
  }
}
