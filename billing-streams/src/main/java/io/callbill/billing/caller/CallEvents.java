package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallEventType;
import io.callbill.avro.CallRecord;
import io.callbill.avro.StartCall;
import java.time.Instant;

/** Lifecycle events for downstream systems. Event ids are derived from what caused them. */
final class CallEvents {

  private CallEvents() {
  }

  static CallEvent started(ActiveCall call) {
    return CallEvent.newBuilder().setEventId(call.getCallId() + ":started").setType(CallEventType.started)
        .setCallerId(call.getCallerId()).setCallId(call.getCallId()).setReceiverId(call.getReceiverId())
        .setOccurredAt(call.getStartedAt()).setMaxSeconds(call.getMaxSeconds()).build();
  }

  static CallEvent rejected(CallCommand command, StartCall start, String reason, Instant now) {
    return CallEvent.newBuilder().setEventId(command.getCommandId() + ":rejected").setType(CallEventType.rejected)
        .setCallerId(command.getCallerId()).setReceiverId(start.getReceiverId()).setOccurredAt(now)
        .setReason(reason).build();
  }

  /** The receiver (or the platform) answered. */
  static CallEvent accepted(ActiveCall call, Instant now) {
    return CallEvent.newBuilder().setEventId(call.getCallId() + ":accepted").setType(CallEventType.accepted)
        .setCallerId(call.getCallerId()).setCallId(call.getCallId()).setReceiverId(call.getReceiverId())
        .setOccurredAt(now).setMaxSeconds(call.getMaxSeconds()).build();
  }

  /**
   * Low balance: the call will be cut off in the warning window (the app can offer a top-up). Once per maxSeconds,
   * so the id names it: a top-up that moves the cutoff gives a new warning its own id.
   */
  static CallEvent cutoffWarning(ActiveCall call, Instant now) {
    return CallEvent.newBuilder()
        .setEventId(call.getCallId() + ":cutoff_warning:" + call.getMaxSeconds())
        .setType(CallEventType.cutoff_warning)
        .setCallerId(call.getCallerId()).setCallId(call.getCallId()).setReceiverId(call.getReceiverId())
        .setOccurredAt(now).setMaxSeconds(call.getMaxSeconds()).build();
  }

  /**
   * A closed call: settled (closed by an end: completed, insufficient_coins or not_connected), cutoff, abandoned,
   * expired or missed.
   */
  static CallEvent closed(CallRecord record, CallEventType type) {
    return CallEvent.newBuilder().setEventId(record.getCallId() + ":" + type.name()).setType(type)
        .setCallerId(record.getCallerId()).setCallId(record.getCallId()).setReceiverId(record.getReceiverId())
        .setOccurredAt(record.getEndedAt()).setStatus(record.getStatus()).setTotalCoins(record.getTotalCoins())
        .setReason(record.getErrorMessage()).setEndedBy(record.getEndedBy())
        .setDurationDisputed(record.getDurationDisputed()).build();
  }

  /** A refund of (part of) the call's charge; one event per refund reference. */
  static CallEvent refunded(CallRecord record, String reference, long coins, Instant now) {
    return CallEvent.newBuilder().setEventId(record.getCallId() + ":refunded:" + reference)
        .setType(CallEventType.refunded).setCallerId(record.getCallerId()).setCallId(record.getCallId())
        .setReceiverId(record.getReceiverId()).setOccurredAt(now).setStatus(record.getStatus())
        .setTotalCoins(record.getTotalCoins()).setReason("Refund " + reference + " of " + coins + " coins")
        .build();
  }

  /**
   * Under clamp and reported: the call has used up what the caller's balance pays for, the media layer should hang
   * up (billing does not settle it itself under these policies).
   */
  static CallEvent cutoffDue(ActiveCall call, Instant now) {
    return CallEvent.newBuilder().setEventId(call.getCallId() + ":cutoff_due").setType(CallEventType.cutoff_due)
        .setCallerId(call.getCallerId()).setCallId(call.getCallId()).setReceiverId(call.getReceiverId())
        .setOccurredAt(now).setMaxSeconds(call.getMaxSeconds()).build();
  }
}
