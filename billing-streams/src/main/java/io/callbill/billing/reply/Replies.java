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

  /**
   * The answer kept for a call billing closed on its own clock (cutoff, abandoned, missed, expired), given to an end
   * that arrives after it. No command asked for it, so it names none until {@link #replay} addresses it.
   */
  public static CommandReply byBilling(String callerId, int httpStatus, String message, Object data, Instant now) {
    return CommandReply.newBuilder().setCommandId("").setCallerId(callerId).setHttpStatus(httpStatus)
        .setSuccess(httpStatus == 200).setMessage(message).setData(data).setAnsweredAt(now).build();
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
