package io.callbill.api.web;

import io.callbill.api.command.CommandGateway;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** Wraps a command payload in its envelope (id, caller, issuedAt = now) and submits it. */
@Component
public class CommandSender {

  private final CommandGateway gateway;
  private final Clock clock;

  public CommandSender(CommandGateway gateway, Clock clock) {
    this.gateway = gateway;
    this.clock = clock;
  }

  /**
   * @param callerId the caller whose partition owns the command (the record key)
   * @param payload one of the command types of {@link CallCommand}
   */
  public CompletableFuture<CommandReply> send(CommandOrigin origin, String callerId, Object payload) {
    return gateway.submit(new CallCommand(origin.commandId(), callerId, clock.instant(), payload));
  }
}
