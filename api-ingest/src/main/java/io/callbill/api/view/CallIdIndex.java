package io.callbill.api.view;

import io.callbill.avro.ActiveCall;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * callId to the call's parties, kept beside a {@link TopicView} of the active-calls topic (keyed by callerId): an
 * entry is added when a call appears and removed when its caller's key is tombstoned or moves to another call, so it
 * holds exactly the ongoing calls.
 */
public final class CallIdIndex implements TopicView.Listener<ActiveCall> {

  /** The two parties of an ongoing call. */
  public record Parties(String callerId, String receiverId) {
  }

  private final Map<String, Parties> byCallId = new ConcurrentHashMap<>();

  @Override
  public void changed(String callerId, ActiveCall previous, ActiveCall current) {
    if (previous != null && (current == null || !previous.getCallId().equals(current.getCallId()))) {
      byCallId.remove(previous.getCallId());
    }
    if (current != null) {
      byCallId.put(current.getCallId(), new Parties(current.getCallerId(), current.getReceiverId()));
    }
  }

  public Optional<Parties> find(String callId) {
    return Optional.ofNullable(byCallId.get(callId));
  }

  public int size() {
    return byCallId.size();
  }
}
