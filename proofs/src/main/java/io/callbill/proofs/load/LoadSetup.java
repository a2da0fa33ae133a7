package io.callbill.proofs.load;

import io.callbill.stack.Pause;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Writes the run's reference data through the admin API (levels, platform config, agency, receivers, callers),
 * credits every caller with a reference unique to the run (but those meant to talk past their balance, which are
 * topped up call by call), and notes the balances before the run.
 */
public final class LoadSetup {

  public static final long CREDIT_PER_CALLER = 1_000_000;
  /** Setup requests in flight at once. */
  static final int PARALLEL = 16;

  private final Api api;
  private final RunningStack stack;
  private final AdminTokens admins;

  public LoadSetup(Api api, RunningStack stack) {
    this.api = api;
    this.stack = stack;
    this.admins = new AdminTokens(stack);
  }

  /** Balances before the run: callers in coins, the others in hundredths. */
  public record Before(Map<String, Long> callers, Map<String, Long> receivers, long agency, long platform) {
  }

  public Before prepare(LoadParties parties, String runId, ExpectedBalances model) {
    for (LoadParties.Level level : LoadParties.LEVELS) {
      expectOk(api.put("/admin/level-configs/" + level.number(), admins.next(), level.json()));
    }
    expectOk(api.put("/admin/platform-config", admins.next(),
        "{\"minCallCoins\":0,\"adminSharePercentage\":" + parties.adminSharePercent() + "}"));
    expectOk(api.put("/admin/agencies/" + parties.agencyId(), admins.next(), "{\"name\":\"Load agency\"}"));
    for (LoadParties.Receiver receiver : parties.receivers()) {
      expectOk(api.put("/admin/receivers/" + receiver.id(), admins.next(), "{\"name\":\"Load " + receiver.id()
          + "\",\"email\":\"load@example.com\",\"profileImage\":null,\"onlineStatus\":true,\"currentLevel\":"
          + receiver.level().number() + ",\"agencyId\":" + (receiver.agencyId() == null ? "null"
          : Api.quote(receiver.agencyId())) + ",\"reviewAccepted\":true,\"blockList\":[]}"));
    }
    eachCaller(parties.callers(), caller -> expectOk(api.put("/admin/callers/" + caller, admins.next(),
        "{\"firstName\":\"Load\",\"lastName\":" + Api.quote(caller) + ",\"email\":\"load@example.com\","
            + "\"profileImage\":null,\"blockList\":[]}")));
    requireNoOngoingCall(parties);
    Map<String, Long> receivers = new TreeMap<>();
    for (LoadParties.Receiver receiver : parties.receivers()) {
      receivers.put(receiver.id(), hundredths("/admin/wallets/receiver/" + receiver.id()));
    }
    long agency = hundredths("/admin/wallets/agency/" + parties.agencyId());
    long platform = hundredths("/admin/wallets/platform");
    Map<String, Long> callers = new TreeMap<>(eachCaller(parties.callers(), caller -> {
      if (parties.shortOfCoins(caller)) {
        return expectOk(api.get("/admin/wallets/caller/" + caller, admins.next())).data().path("balance").asLong();
      }
      Api.Answer credited = untilOk("POST /admin/callers/" + caller + "/coins",
          () -> api.post("/admin/callers/" + caller + "/coins", admins.next(),
              "{\"amount\":" + CREDIT_PER_CALLER + ",\"reference\":" + Api.quote(runId + "-" + caller) + "}"));
      return credited.data().path("coinBalance").asLong() - CREDIT_PER_CALLER;
    }));
    parties.callers().stream().filter(caller -> !parties.shortOfCoins(caller))
        .forEach(caller -> model.credit(caller, CREDIT_PER_CALLER));
    return new Before(callers, receivers, agency, platform);
  }

  /** A caller still in a call (a run interrupted mid-call) could start nothing: say so before the clock starts. */
  private void requireNoOngoingCall(LoadParties parties) {
    eachCaller(parties.callers(), caller -> {
      Api.Answer active = untilOk("GET /male-user/calls/active of " + caller,
          () -> api.get("/male-user/calls/active", stack.token(caller, "caller")));
      if (!active.data().path("callId").isMissingNode() && !active.data().isNull()
          && active.data().hasNonNull("callId")) {
        throw new IllegalStateException("caller " + caller + " is still in call " + active.data().path("callId")
            .asText() + " (an interrupted run?): use another --prefix, or wait until the session expires");
      }
      return active;
    });
  }

  /**
   * Runs {@code request} for every caller, {@link #PARALLEL} at a time (each caller's requests are independent of
   * the others', and an open loop's thousands of callers one request at a time take minutes); answers each caller's
   * result. The first failure is thrown.
   */
  static <T> Map<String, T> eachCaller(List<String> callers, Function<String, T> request) {
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
      Thread thread = new Thread(r, "callbill-load-setup");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<String, Future<T>> pending = new LinkedHashMap<>();
      callers.forEach(caller -> pending.put(caller, pool.submit(() -> request.apply(caller))));
      Map<String, T> results = new LinkedHashMap<>();
      for (Map.Entry<String, Future<T>> each : pending.entrySet()) {
        try {
          results.put(each.getKey(), each.getValue().get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  long hundredths(String path) {
    Api.Answer answer = expectOk(api.get(path, admins.next()));
    return answer.data().path("balance").decimalValue().movePointRight(2).longValueExact();
  }

  /** Billing applies reference data moments after the API accepted it: retry until it answers 200. */
  static Api.Answer untilOk(String what, java.util.function.Supplier<Api.Answer> request) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Api.Answer answer = request.get();
      if (answer.status() == 200) {
        return answer;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(what + " answered " + answer.describe());
      }
      Pause.orFail(Duration.ofMillis(250));
    }
  }

  static Api.Answer expectOk(Api.Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("setup failed: " + answer.describe());
    }
    return answer;
  }

  AdminTokens admins() {
    return admins;
  }

  RunningStack stack() {
    return stack;
  }
}
