package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveSessionInfo;
import io.callbill.avro.CallProgress;
import io.callbill.billing.money.RateCard;
import java.time.Instant;

/** Views of an ongoing call, and the times billing measures it by. */
final class ActiveCalls {

  private ActiveCalls() {
  }

  /** The seed's active-call answer (also the data of a 409 on start), with the current maxSeconds. */
  static ActiveSessionInfo info(ActiveCall call) {
    return ActiveSessionInfo.newBuilder()
        .setCallId(call.getCallId())
        .setReceiverId(call.getReceiverId())
        .setCallType(call.getCallType())
        .setStartedAt(call.getStartedAt())
        .setMaxSeconds(call.getMaxSeconds())
        .setAcceptedAt(call.getAcceptedAt())
        .build();
  }

  /** Where the call stands: the answer to an accept or a heartbeat. */
  static CallProgress progress(ActiveCall call, Instant now) {
    Instant cutoffAt = cutoffAt(call);
    return CallProgress.newBuilder()
        .setCallId(call.getCallId())
        .setCallerId(call.getCallerId())
        .setReceiverId(call.getReceiverId())
        .setCallType(call.getCallType())
        .setStartedAt(call.getStartedAt())
        .setAcceptedAt(call.getAcceptedAt())
        .setLastHeartbeatAt(call.getLastHeartbeatAt())
        .setMaxSeconds(call.getMaxSeconds())
        .setConfirmedSeconds(confirmedSeconds(call))
        .setSecondsLeft(cutoffAt == null ? null : Math.max(0, (cutoffAt.toEpochMilli() - now.toEpochMilli()) / 1000))
        .build();
  }

  /** The rates frozen at start. */
  static RateCard rates(ActiveCall call) {
    return new RateCard(call.getFemaleRatePerMinute(), call.getPlatformMarginPerMinute(),
        call.getAdminSharePercentage());
  }

  /** Where billing's measurement starts; null while a call that connects at its accept rings. */
  static Instant connectedAt(ActiveCall call) {
    return call.getConnectedAt();
  }

  /** When the balance runs out: connect + maxSeconds; null while ringing. */
  static Instant cutoffAt(ActiveCall call) {
    Instant connectedAt = connectedAt(call);
    return connectedAt == null ? null : connectedAt.plusSeconds(call.getMaxSeconds());
  }

  /** The last moment someone confirmed the call was live: its accept or its last heartbeat; null when none. */
  static Instant lastConfirmedAt(ActiveCall call) {
    return later(call.getAcceptedAt(), call.getLastHeartbeatAt());
  }

  /** Seconds from the connect to the last confirmed moment (0 when nothing confirmed it after the connect). */
  static long confirmedSeconds(ActiveCall call) {
    Instant connectedAt = connectedAt(call);
    Instant confirmed = lastConfirmedAt(call);
    return connectedAt == null || confirmed == null ? 0 : seconds(connectedAt, confirmed);
  }

  /** Whole seconds from {@code from} to {@code to}, a started second counting as one; 0 when to is not later. */
  static long seconds(Instant from, Instant to) {
    long millis = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
    return (millis + 999) / 1000;
  }

  static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }

}
