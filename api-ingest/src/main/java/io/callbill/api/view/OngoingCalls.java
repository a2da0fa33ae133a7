package io.callbill.api.view;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The ongoing calls as billing-streams last published them on the active-calls topic, read locally: who is the
 * caller of a call a receiver names by its id alone (billing's commands are keyed by the caller). Throws
 * {@link io.callbill.api.UnavailableException} while the local copy is still loading.
 */
public interface OngoingCalls {

  /**
   * The caller of the ongoing call {@code callId} if it was made to {@code receiverId}. A call not seen yet (started
   * a moment ago) is looked for again once the local copy has caught up with the topic, within a bounded wait; the
   * future then completes empty for a call that is not ongoing or not hers.
   */
  CompletableFuture<Optional<String>> callerOfCallTo(String callId, String receiverId);
}
