package io.callbill.api.support;

import io.callbill.api.command.CommandGateway;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Records every submitted command and answers as told (by default: 200 "OK" without data). */
public final class FakeCommandGateway implements CommandGateway {

  private final List<CallCommand> submitted = new CopyOnWriteArrayList<>();
  private volatile Function<CallCommand, CompletableFuture<CommandReply>> answer =
      command -> CompletableFuture.completedFuture(reply(command, 200, true, "OK", null));

  @Override
  public CompletableFuture<CommandReply> submit(CallCommand command) {
    submitted.add(command);
    return answer.apply(command);
  }

  public List<CallCommand> submitted() {
    return submitted;
  }

  public CallCommand last() {
    return submitted.get(submitted.size() - 1);
  }

  /** Answers every command with this status, message and data. */
  public void answer(int status, boolean success, String message, Object data) {
    answer = command -> CompletableFuture.completedFuture(reply(command, status, success, message, data));
  }

  public void fail(RuntimeException failure) {
    answer = command -> CompletableFuture.failedFuture(failure);
  }

  public void reset() {
    submitted.clear();
    answer(200, true, "OK", null);
  }

  /** A reply as a billing from before the reason wrote it: the API answers its own status and message. */
  public static CommandReply reply(CallCommand command, int status, boolean success, String message, Object data) {
    return new CommandReply(command.getCommandId(), command.getCallerId(), status, success, message, data,
        Instant.parse("2026-01-01T00:00:01Z"), null);
  }
}
