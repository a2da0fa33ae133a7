package io.callbill.proofs.crash;

import io.callbill.stack.LocalStack.Part;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcome of a crash run: what was killed and survived, how much was driven and checked, and what was wrong. */
public record CrashReport(long seed, Map<Part, Long> killsPlanned, Map<Part, Integer> killsSurvived,
                          int killsUnderLoad, int calls, int callsCutOff, int callsAbandoned,
                          int housekeepingKills, int callsSettled, long commandsSent, long retries, long ledgerEntries,
                          List<Duration> restartTimes, Duration loadTime, Duration totalTime, List<String> problems) {

  public boolean clean() {
    return problems.isEmpty() && callsSettled == calls && killsPlanned.entrySet().stream()
        .allMatch(e -> killsSurvived.getOrDefault(e.getKey(), 0) == e.getValue().intValue());
  }

  public String describe() {
    String kills = killsPlanned.keySet().stream()
        .map(part -> part.name().toLowerCase() + " " + killsSurvived.getOrDefault(part, 0) + "/" + killsPlanned.get(part))
        .collect(Collectors.joining(", "));
    String restarts = restartTimes.stream().map(d -> String.format("%.1f", d.toMillis() / 1000.0))
        .collect(Collectors.joining(" ", "[", "] s"));
    StringBuilder text = new StringBuilder();
    text.append(String.format("crash verdict: %s (seed %d)%n", clean() ? "CLEAN" : "FAILED", seed));
    text.append(String.format("  kill -9 survived (part done/planned): %s; %d of them under load; back to ready in %s%n",
        kills, killsUnderLoad, restarts));
    text.append(String.format("  calls: %d planned (%d cut off at the balance and %d abandoned by billing's"
        + " punctuator), %d settled and verified against the model; %d commands sent, %d of them retries; %d ledger"
        + " entries%n", calls, callsCutOff, callsAbandoned, callsSettled, commandsSent, retries, ledgerEntries));
    if (housekeepingKills > 0) {
      text.append(String.format("  housekeeping: %d billing kill(s) in the middle of a large expiry pass; the restarted"
          + " instance resumed it and forgot what was left%n", housekeepingKills));
    }
    text.append(String.format("  load %.1f s, whole run %.1f s%n", loadTime.toMillis() / 1000.0,
        totalTime.toMillis() / 1000.0));
    for (String problem : problems.stream().limit(30).toList()) {
      text.append("  PROBLEM: ").append(problem).append('\n');
    }
    if (problems.size() > 30) {
      text.append("  ... ").append(problems.size() - 30).append(" more problems\n");
    }
    return text.toString();
  }
}
