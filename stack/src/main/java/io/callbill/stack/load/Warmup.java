package io.callbill.stack.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Billing applies reference data moments after the API accepted it. Before the clock starts, one short call to
 * every receiver (retried until the start is accepted) proves the levels, platform config and receivers are in
 * place. These calls are real: they are in the model and verified like the others.
 */
final class Warmup {

  private final Api api;
  private final RunningStack stack;

  Warmup(Api api, RunningStack stack) {
    this.api = api;
    this.stack = stack;
  }

  List<CallOutcome> probeEveryReceiver(LoadParties parties, ExpectedBalances model) {
    List<CallOutcome> probes = new ArrayList<>();
    String caller = parties.callers().get(0);
    String token = stack.token(caller, "caller");
    long index = -1;
    for (LoadParties.Receiver receiver : parties.receivers()) {
      CallPlan plan = new CallPlan(index--, caller, receiver, "audio", 1, CallPlan.EndKind.CALLER);
      Api.Answer started = LoadSetup.untilOk("warm-up start to " + receiver.id(), () -> api.post(
          "/male-user/calls/start", token, "{\"receiverId\":" + Api.quote(receiver.id()) + ",\"callType\":\"audio\"}"));
      String callId = started.data().path("callId").asText();
      ExpectedCharge charge = receiver.plan("audio", parties.adminSharePercent()).charge(1);
      Api.Answer ended = LoadSetup.untilOk("warm-up end", () -> api.post("/male-user/calls/end", token,
          "{\"receiverId\":" + Api.quote(receiver.id()) + ",\"duration\":1,\"callType\":\"audio\",\"callId\":"
              + Api.quote(callId) + "}"));
      model.settled(caller, receiver.id(), receiver.agencyId(), charge);
      List<String> errors = ended.data().path("totalCoins").asLong() == charge.totalCoins() ? List.of()
          : List.of("warm-up end: settlement differs from the model");
      probes.add(new CallOutcome(plan, callId, charge, -1, -1, errors));
    }
    return probes;
  }
}
