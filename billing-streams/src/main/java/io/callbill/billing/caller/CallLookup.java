package io.callbill.billing.caller;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import io.callbill.billing.reply.Replies;
import java.time.Instant;
import java.util.Optional;

/**
 * Which call a command from one side names, and the answer when it names none of the caller's: the same for end,
 * accept and heartbeat. The caller's side acts on its own call (the command is keyed by it); the receiver only on a
 * call made to her (her id must be the call's receiver); the platform on any call, named by its id.
 */
final class CallLookup {

  private CallLookup() {
  }

  static Optional<ActiveCall> ongoing(CallerView view, CallCommand command, String callId, CallParty party,
                                      String receiverId) {
    return view.ongoing(command.getCallerId())
        .filter(call -> isSameCall(call.getCallId(), call.getReceiverId(), callId, party, receiverId));
  }

  static Optional<CallerView.Kept> settled(CallerView view, CallCommand command, String callId, CallParty party,
                                           String receiverId) {
    return view.settled(callId).filter(kept -> {
      CallRecord record = kept.call().getRecord();
      return record.getCallerId().equals(command.getCallerId())
          && isSameCall(record.getCallId(), record.getReceiverId(), callId, party, receiverId);
    });
  }

  /** 404 when the caller or the named receiver is unknown, else 400: no such call of theirs. */
  static CommandReply notFound(CallerView view, CallCommand command, String receiverId, Instant now) {
    if (view.reference().caller(command.getCallerId()).isEmpty()
        || (receiverId != null && view.reference().receiver(receiverId).isEmpty())) {
      return Replies.answer(command, Reason.USER_NOT_FOUND, null, now);
    }
    return Replies.answer(command, Reason.SESSION_NOT_FOUND, null, now);
  }

  private static boolean isSameCall(String callId, String callReceiverId, String namedCallId, CallParty party,
                                    String namedReceiverId) {
    // The caller's heartbeat names no receiver: the command is keyed by him, so any call of his partition is his.
    boolean anyReceiver = party == CallParty.platform || (party == CallParty.caller && namedReceiverId == null);
    return callId.equals(namedCallId) && (anyReceiver || callReceiverId.equals(namedReceiverId));
  }
}
