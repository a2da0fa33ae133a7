package io.callbill.api.command;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a command to billing-streams and waits for its answer. The future completes with the reply, or
 * exceptionally with {@link io.callbill.api.UnavailableException} when the command could not be written or no reply
 * came in time. Sending the same commandId again is safe: billing-streams answers it with the stored reply.
 */
public interface CommandGateway {

  CompletableFuture<CommandReply> submit(CallCommand command);
}
