package io.callbill.billing.reply;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import java.time.Instant;

/** Builds the answer to a command: the seed's HTTP status, success flag, message and data. */
public final class Replies {

  private Replies() {
  }

  public static CommandReply ok(CallCommand command, String message, Object data, Instant now) {
    return reply(command, 200, true, message, data, now);
  }

  public static CommandReply refused(CallCommand command, int httpStatus, String message, Object data, Instant now) {
    return reply(command, httpStatus, false, message, data, now);
  }

  public static CommandReply badRequest(CallCommand command, String message, Instant now) {
    return refused(command, 400, message, null, now);
  }

  /** The answer kept for a call that expired, given to an end that arrives after it. */
  public static CommandReply sessionExpired(String callerId, Instant now) {
    return CommandReply.newBuilder().setCommandId("").setCallerId(callerId).setHttpStatus(400).setSuccess(false)
        .setMessage(Messages.SESSION_NOT_FOUND).setAnsweredAt(now).build();
  }

  /** The same answer, addressed to another command (a repeated end or command id). */
  public static CommandReply replay(CommandReply original, CallCommand command, Instant now) {
    return CommandReply.newBuilder(original).setCommandId(command.getCommandId()).setAnsweredAt(now).build();
  }

  private static CommandReply reply(CallCommand command, int httpStatus, boolean success, String message, Object data,
                                    Instant now) {
    return CommandReply.newBuilder()
        .setCommandId(command.getCommandId())
        .setCallerId(command.getCallerId())
        .setHttpStatus(httpStatus)
        .setSuccess(success)
        .setMessage(message)
        .setData(data)
        .setAnsweredAt(now)
        .build();
  }
}
