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
  private volatile RuntimeException lateFailure;

  @Override
  public CompletableFuture<Optional<String>> callerOfCallTo(String callId, String receiverId) {
    if (failure != null) {
      throw failure;
    }
    if (lateFailure != null) {
      return CompletableFuture.failedFuture(lateFailure);
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(calls.get(callId))
        .filter(parties -> parties.receiverId().equals(receiverId)).map(CallIdIndex.Parties::callerId));
  }

  /** The call {@code callId} of {@code callerId} to {@code receiverId} is ongoing. */
  public void ongoing(String callId, String callerId, String receiverId) {
    calls.put(callId, new CallIdIndex.Parties(callerId, receiverId));
  }

  /** The lookup fails at once, as while the view is loading. */
  public void fail(RuntimeException failure) {
    this.failure = failure;
  }

  /** The lookup fails after waiting, as when the view could not catch up in time. */
  public void failAfterWaiting(RuntimeException failure) {
    this.lateFailure = failure;
  }

  public void reset() {
    calls.clear();
    failure = null;
    lateFailure = null;
  }
}
