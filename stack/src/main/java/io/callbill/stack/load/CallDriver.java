package io.callbill.stack.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Drives one call over HTTP: start, wait for the answer, wait the call's duration (so the reported duration never
 * exceeds the measured one), end as planned, wait for the answer, and check the settlement against the model.
 * Every request carries an Idempotency-Key, so a 503 or a lost connection is retried as the same command.
 */
public final class CallDriver {

  static final int ATTEMPTS = 3;
  /** Fields two answers to the same call's ends must agree on. */
  private static final List<String> SETTLEMENT_FIELDS = List.of("callId", "duration", "billableDuration",
      "totalCoins", "femaleEarning", "platformMargin", "adminEarned", "agencyEarned", "callerRemainingBalance");

  private final Api api;
  private final RunningStack stack;
  private final String runId;
  private final int adminSharePercent;
  private final ExecutorService secondSide;

  public CallDriver(Api api, RunningStack stack, String runId, int adminSharePercent, ExecutorService secondSide) {
    this.api = api;
    this.stack = stack;
    this.runId = runId;
    this.adminSharePercent = adminSharePercent;
    this.secondSide = secondSide;
  }

  public CallOutcome drive(CallPlan plan) {
    List<String> errors = new ArrayList<>();
    String callerToken = stack.token(plan.callerId(), "caller");
    String key = runId + "-" + plan.index();
    Attempt start = send("start", errors, () -> api.send("POST", "/male-user/calls/start", callerToken,
        "{\"receiverId\":" + Api.quote(plan.receiver().id()) + ",\"callType\":\"" + plan.callType() + "\"}",
        Map.of("Idempotency-Key", key + "-start")));
    if (start.answer == null || start.answer.status() != 200) {
      return new CallOutcome(plan, null, null, start.nanos, -1, errors);
    }
    String callId = start.answer.data().path("callId").asText();
    ExpectedCharge charge = plan.receiver().plan(plan.callType(), adminSharePercent).charge(plan.seconds());
    LoadSetup.sleep(plan.seconds() * 1000L);

    String callerEnd = "{\"receiverId\":" + Api.quote(plan.receiver().id()) + ",\"duration\":" + plan.seconds()
        + ",\"callType\":\"" + plan.callType() + "\",\"callId\":" + Api.quote(callId) + "}";
    String receiverEnd = "{\"callerId\":" + Api.quote(plan.callerId()) + ",\"duration\":" + plan.seconds()
        + ",\"callType\":\"" + plan.callType() + "\",\"callId\":" + Api.quote(callId) + "}";
    String receiverToken = stack.token(plan.receiver().id(), "receiver");
    Map<String, String> endKey = Map.of("Idempotency-Key", key + "-end");
    Attempt end;
    Attempt second = null;
    switch (plan.endKind()) {
      case CALLER -> end = send("end", errors,
          () -> api.send("POST", "/male-user/calls/end", callerToken, callerEnd, endKey));
      case RECEIVER -> end = send("end", errors,
          () -> api.send("POST", "/female-user/calls/end", receiverToken, receiverEnd, endKey));
      case BOTH -> {
        List<String> otherErrors = new ArrayList<>();
        CompletableFuture<Attempt> other = CompletableFuture.supplyAsync(() -> send("end by receiver", otherErrors,
            () -> api.send("POST", "/female-user/calls/end", receiverToken, receiverEnd, endKey)), secondSide);
        end = send("end", errors, () -> api.send("POST", "/male-user/calls/end", callerToken, callerEnd, endKey));
        second = other.join();
        errors.addAll(otherErrors);
      }
      case RETRIED -> {
        end = send("end", errors, () -> api.send("POST", "/male-user/calls/end", callerToken, callerEnd, endKey));
        second = send("retried end", errors,
            () -> api.send("POST", "/male-user/calls/end", callerToken, callerEnd, endKey));
      }
      default -> throw new IllegalStateException(plan.endKind().toString());
    }
    check(end, charge, errors);
    if (second != null && second.answer != null && end.answer != null) {
      if (second.answer.status() != 200) {
        errors.add(plan.endKind().name().toLowerCase() + " second end: " + second.answer.describe());
      } else if (!sameSettlement(end.answer.data(), second.answer.data())) {
        errors.add(plan.endKind().name().toLowerCase() + " second end: a different settlement");
      }
    }
    return new CallOutcome(plan, callId, charge, start.nanos, end.nanos, errors);
  }

  private static void check(Attempt end, ExpectedCharge charge, List<String> errors) {
    if (end.answer == null) {
      return;
    }
    if (end.answer.status() != 200) {
      errors.add("end: " + end.answer.describe());
      return;
    }
    JsonNode data = end.answer.data();
    if (data.path("totalCoins").asLong(-1) != charge.totalCoins()
        || data.path("femaleEarning").asLong(-1) != charge.femaleEarning()
        || data.path("billableDuration").asLong(-1) != charge.billableSeconds()) {
      errors.add("end: settlement differs from the model");
    }
  }

  static boolean sameSettlement(JsonNode a, JsonNode b) {
    return SETTLEMENT_FIELDS.stream().allMatch(field -> Objects.equals(a.path(field).asText(null),
        b.path(field).asText(null)));
  }

  private record Attempt(Api.Answer answer, long nanos) {
  }

  /**
   * Sends until answered with anything but 503 (at most {@link #ATTEMPTS} times, same Idempotency-Key); every 503
   * and lost connection is noted as an error. The latency is the first attempt's.
   */
  private static Attempt send(String what, List<String> errors, java.util.function.Supplier<Api.Answer> request) {
    long firstNanos = -1;
    Api.Answer answer = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long began = System.nanoTime();
      try {
        answer = request.get();
      } catch (RuntimeException e) {
        errors.add(what + ": no answer (" + e.getClass().getSimpleName() + ")");
        answer = null;
      }
      if (firstNanos < 0) {
        firstNanos = System.nanoTime() - began;
      }
      if (answer != null && answer.status() != 503) {
        break;
      }
      if (answer != null) {
        errors.add(what + ": " + answer.describe());
      }
      LoadSetup.sleep(200L * attempt);
    }
    if (answer != null && answer.status() != 200 && answer.status() != 503 && what.equals("start")) {
      errors.add("start: " + answer.describe());
    }
    return new Attempt(answer, firstNanos);
  }
}
