package io.callbill.api.command;

import io.callbill.api.UnavailableException;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Writes a command to the call-commands topic (key: callerId, record timestamp: issuedAt) and completes with the
 * reply that {@link ReplyRouter} correlates by commandId.
 */
public final class KafkaCommandGateway implements CommandGateway {

  private final TopicWriter writer;
  private final Topics topics;
  private final ReplyRouter replies;
  private final Duration replyTimeout;
  private final MeterRegistry meters;
  private final ReplyWaits replyWaits;

  public KafkaCommandGateway(TopicWriter writer, Topics topics, ReplyRouter replies, Duration replyTimeout,
      MeterRegistry meters) {
    this.writer = writer;
    this.topics = topics;
    this.replies = replies;
    this.replyTimeout = replyTimeout;
    this.meters = meters;
    this.replyWaits = new ReplyWaits(meters);
  }

  @Override
  public CompletableFuture<CommandReply> submit(CallCommand command) {
    if (!replies.isReady()) {
      return CompletableFuture.failedFuture(
          new UnavailableException("The API is still connecting to Kafka; retry shortly."));
    }
    Timer.Sample sample = Timer.start(meters);
    String commandType = command.getCommand().getClass().getSimpleName();
    ReplyWaits.Wait wait = replyWaits.start();
    CompletableFuture<CommandReply> reply = replies.expect(command.getCommandId(), replyTimeout);
    writer.write(topics.callCommands, command.getCallerId(), command, command.getIssuedAt())
        .whenComplete((metadata, failure) -> {
          if (failure == null) {
            wait.written();
          } else {
            reply.completeExceptionally(new UnavailableException(
                "The command could not be written to Kafka; retry the same request.", failure));
          }
        });
    return reply
        .whenComplete((answer, failure) -> wait.ended(failure))
        .whenComplete((answer, failure) -> sample.stop(meters.timer("callbill.command.round.trip",
            "command", commandType, "outcome", outcome(answer, failure))))
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(failure)));
  }

  private Throwable translate(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return new UnavailableException("Billing did not answer within " + readable(replyTimeout)
          + ". Retry the same request (same callId or Idempotency-Key): it is never charged twice.", cause);
    }
    return cause;
  }

  private static String readable(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static String outcome(CommandReply answer, Throwable failure) {
    if (failure == null) {
      return answer.getSuccess() ? "success" : "refused";
    }
    return failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
        ? "timeout" : "error";
  }
}
