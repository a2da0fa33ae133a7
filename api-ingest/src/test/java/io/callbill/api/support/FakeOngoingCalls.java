package io.callbill.api.support;

import io.callbill.api.view.CallIdIndex;
import io.callbill.api.view.OngoingCalls;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Ongoing calls in memory, as a test declares them; answers at once. */
public final class FakeOngoingCalls implements OngoingCalls {

  private final Map<String, CallIdIndex.Parties> calls = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;

  @Override
  public CompletableFuture<Optional<String>> callerOfCallTo(String callId, String receiverId) {
    if (failure != null) {
      throw failure;
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(calls.get(callId))
        .filter(parties -> parties.receiverId().equals(receiverId)).map(CallIdIndex.Parties::callerId));
  }

  /** The call {@code callId} of {@code callerId} to {@code receiverId} is ongoing. */
  public void ongoing(String callId, String callerId, String receiverId) {
    calls.put(callId, new CallIdIndex.Parties(callerId, receiverId));
  }

  public void fail(RuntimeException failure) {
    this.failure = failure;
  }

  public void reset() {
    calls.clear();
    failure = null;
  }
}
