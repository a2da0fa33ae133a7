package io.callbill.api.view;

import io.callbill.api.UnavailableException;
import io.callbill.avro.ActiveCall;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link OngoingCalls} over a {@link TopicView} of the active-calls topic and its {@link CallIdIndex}. Billing writes
 * a call's active-calls record in the same transaction as its start answer, so once anyone has seen that answer the
 * record is committed: a miss waits for the view to apply everything committed so far (bounded by {@code wait}),
 * then looks again. A view that cannot catch up in time is a 503, not a false "not found".
 */
public final class KafkaOngoingCalls implements OngoingCalls {

  private final TopicView<ActiveCall> activeCalls;
  private final CallIdIndex index;
  private final Duration wait;

  public KafkaOngoingCalls(TopicView<ActiveCall> activeCalls, CallIdIndex index, Duration wait) {
    this.activeCalls = activeCalls;
    this.index = index;
    this.wait = wait;
  }

  @Override
  public CompletableFuture<Optional<String>> callerOfCallTo(String callId, String receiverId) {
    if (!activeCalls.isReady()) {
      throw new UnavailableException("The API is still loading ongoing calls from Kafka; retry shortly.");
    }
    if (index.find(callId).isPresent()) {
      return CompletableFuture.completedFuture(callerOf(callId, receiverId));
    }
    return activeCalls.whenCaughtUp().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
        .handle((caughtUp, failure) -> {
          if (failure != null) {
            throw new UnavailableException(failure instanceof TimeoutException
                ? "The API's copy of ongoing calls is behind; retry shortly."
                : "The API cannot read ongoing calls from Kafka right now; retry shortly.", failure);
          }
          return callerOf(callId, receiverId);
        });
  }

  private Optional<String> callerOf(String callId, String receiverId) {
    return index.find(callId).filter(parties -> parties.receiverId().equals(receiverId))
        .map(CallIdIndex.Parties::callerId);
  }
}
