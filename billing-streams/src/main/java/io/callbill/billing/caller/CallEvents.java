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

  /** A call closed by an end: completed, insufficient_coins or not_connected. */
  static CallEvent settled(CallRecord record) {
    return closed(record, CallEventType.settled);
  }

  static CallEvent expired(CallRecord record) {
    return closed(record, CallEventType.expired);
  }

  /** The call has used up what the caller's balance pays for: the media layer should hang up. */
  static CallEvent cutoffDue(ActiveCall call, Instant now) {
    return CallEvent.newBuilder().setEventId(call.getCallId() + ":cutoff_due").setType(CallEventType.cutoff_due)
        .setCallerId(call.getCallerId()).setCallId(call.getCallId()).setReceiverId(call.getReceiverId())
        .setOccurredAt(now).setMaxSeconds(call.getMaxSeconds()).build();
  }

  private static CallEvent closed(CallRecord record, CallEventType type) {
    return CallEvent.newBuilder().setEventId(record.getCallId() + ":" + type.name()).setType(type)
        .setCallerId(record.getCallerId()).setCallId(record.getCallId()).setReceiverId(record.getReceiverId())
        .setOccurredAt(record.getEndedAt()).setStatus(record.getStatus()).setTotalCoins(record.getTotalCoins())
        .setReason(record.getErrorMessage()).build();
  }
}
