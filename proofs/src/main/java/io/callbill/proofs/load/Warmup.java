package io.callbill.proofs.load;

import io.callbill.stack.Pause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Billing applies reference data moments after the API accepted it. Before the clock starts, one short call to
 * every receiver (its start retried until accepted, then the receiver's accept, then the caller's end) proves the
 * levels, platform config and receivers are in place. These calls are real: they are verified like the others.
 */
final class Warmup {

  private final Api api;
  private final RunningStack stack;

  Warmup(Api api, RunningStack stack) {
    this.api = api;
    this.stack = stack;
  }

  List<CallOutcome> probeEveryReceiver(LoadParties parties) {
    List<CallOutcome> probes = new ArrayList<>();
    String caller = parties.callers().get(0);
    String token = stack.token(caller, "caller");
    long index = -1;
    for (LoadParties.Receiver receiver : parties.receivers()) {
      CallPlan plan = new CallPlan(index--, caller, receiver, "audio", Behaviour.HONEST, 1, CallPlan.EndKind.CALLER);
      Api.Answer started = LoadSetup.untilOk("warm-up start to " + receiver.id(), () -> api.post(
          "/male-user/calls/start", token, "{\"receiverId\":" + Api.quote(receiver.id()) + ",\"callType\":\"audio\"}"));
      String callId = started.data().path("callId").asText();
      String receiverToken = stack.token(receiver.id(), "receiver");
      Instant acceptSent = Instant.now();
      LoadSetup.untilOk("warm-up accept by " + receiver.id(), () -> api.post("/female-user/calls/accept",
          receiverToken, "{\"callId\":" + Api.quote(callId) + "}"));
      Instant acceptAnswered = Instant.now();
      Pause.orFail(Duration.ofSeconds(1));
      Instant endSent = Instant.now();
      long claim = Math.max(1, Math.round(Duration.between(acceptAnswered, endSent).toMillis() / 1000.0));
      Api.Answer ended = LoadSetup.untilOk("warm-up end", () -> api.post("/male-user/calls/end", token,
          "{\"receiverId\":" + Api.quote(receiver.id()) + ",\"duration\":" + claim + ",\"callType\":\"audio\","
              + "\"callId\":" + Api.quote(callId) + "}"));
      probes.add(new CallOutcome(plan, callId, 0, started.data().path("callerCoinBalance").asLong(-1),
          started.data().path("maxSeconds").asLong(-1), acceptSent, acceptAnswered, endSent, Instant.now(), claim,
          ended.data(), -1, -1, List.of()));
    }
    return probes;
  }
}
