package io.callbill.billing.reply;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import io.callbill.schemas.SeedAnswers;
import java.time.Instant;

/**
 * Builds the answer to a command: its {@link Reason} and data. Billing decides the reason only; the API renders it as
 * the seed's HTTP status and message.
 *
 * <p>What billing still writes into {@code httpStatus}, {@code success} and {@code message}: the seed's answer for
 * the reason, from {@link SeedAnswers} (the table the API renders with), so that a reader built before the reason
 * existed (the API of the previous release during a rolling upgrade, the crash and load checks, anyone reading the
 * replies topic) reads the same answer as before. They are derived, never decided here; a reply with a reason is read
 * by its reason.
 */
public final class Replies {

  private Replies() {
  }

  /** The answer to {@code command}: {@code reason}, with {@code data} (or null) for its figures. */
  public static CommandReply answer(CallCommand command, Reason reason, Object data, Instant now) {
    return withReason(CommandReply.newBuilder()
        .setCommandId(command.getCommandId())
        .setCallerId(command.getCallerId()), reason, data)
        .setAnsweredAt(now)
        .build();
  }

  /**
   * The answer kept for a call billing closed on its own clock (cutoff, abandoned, missed, expired), given to an end
   * that arrives after it. No command asked for it, so it names none until {@link #replay} addresses it.
   */
  public static CommandReply byBilling(String callerId, Reason reason, Object data, Instant now) {
    return withReason(CommandReply.newBuilder().setCommandId("").setCallerId(callerId), reason, data)
        .setAnsweredAt(now).build();
  }

  /** The same answer, addressed to another command (a repeated end or command id). */
  public static CommandReply replay(CommandReply original, CallCommand command, Instant now) {
    return CommandReply.newBuilder(original).setCommandId(command.getCommandId()).setAnsweredAt(now).build();
  }

  /** Sets {@code reason} and {@code data} on a reply, and the seed's answer for them for readers from before it. */
  public static CommandReply.Builder withReason(CommandReply.Builder reply, Reason reason, Object data) {
    SeedAnswers.Answer seed = SeedAnswers.of(reason);
    return reply.setReason(reason)
        .setData(data)
        .setHttpStatus(seed.httpStatus())
        .setSuccess(seed.success())
        .setMessage(seed.message().apply(data));
  }
}
