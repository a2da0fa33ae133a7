package io.callbill.proofs.load;

import io.callbill.stack.Pause;
import io.callbill.testkit.oracle.BillingOracle.Charge;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a run once the pipeline caught up (bounded by a deadline), against the generator's own model:
 * <ol>
 *   <li>every started call has one {@code call_history} row (PostgreSQL, written by the sink);</li>
 *   <li>each row bills exactly what {@link MeasuredMetering} says its recorded connect, end and last heartbeat must
 *       cost, with maxSeconds from the model's own wallet (each caller's credits minus its earlier calls), and the
 *       end's answer is that settlement;</li>
 *   <li>billing's measurement agrees with the client's wall clock: the recorded connect-to-end (or to the last
 *       heartbeat) lies within the client's request windows, give or take {@link #CLOCK_TOLERANCE}; a call cut off
 *       at its balance was not cut off before maxSeconds;</li>
 *   <li>every call's {@code ledger_entries} sum to zero and the caller's one debit is the modelled charge;</li>
 *   <li>every caller's wallet equals its balance before the run plus the credits minus the modelled charges;
 *       every receiver's, the agency's and the platform's wallet moved by exactly the model's delta.</li>
 * </ol>
 * It reports, per caller behaviour, what the calls talked by the client's clock and what they were billed.
 */
public final class LoadVerifier {

  /** How far billing's record times may lie outside the client's request windows (same machine, same clock). */
  static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(1);

  private final Api api;
  private final RunningStack stack;
  private final AdminTokens admins;
  private final Duration timeout;

  LoadVerifier(Api api, RunningStack stack, AdminTokens admins, Duration timeout) {
    this.api = api;
    this.stack = stack;
    this.admins = admins;
    this.timeout = timeout;
  }

  /** A started call with what billing recorded and what the model bills for it. */
  record Checked(CallOutcome call, MeasuredMetering.Recorded recorded, MeasuredMetering.Bill bill) {
  }

  public LoadReport.Verification verify(List<CallOutcome> calls, LoadParties parties, LoadSetup.Before before,
                                        ExpectedBalances model) {
    Instant deadline = Instant.now().plus(timeout);
    List<String> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Map<String, CallOutcome> byId = new LinkedHashMap<>();
    calls.stream().filter(CallOutcome::started).forEach(call -> byId.put(call.callId(), call));
    try (Connection db = stack.database()) {
      Map<String, List<MeasuredMetering.Recorded>> rows = new HashMap<>();
      List<String> history = until(deadline, () -> {
        rows.clear();
        rows.putAll(historyRows(db, byId.keySet()));
        return byId.keySet().stream().filter(id -> rows.getOrDefault(id, List.of()).size() != 1)
            .map(id -> "call " + id + ": " + rows.getOrDefault(id, List.of()).size()
                + " call_history rows (expected exactly 1)").toList();
      });
      record(checks, failures, history, byId.size() + " calls: one call_history row each");
      if (!history.isEmpty()) {
        return new LoadReport.Verification(false, checks, failures);
      }
      List<Checked> checked = new ArrayList<>();
      List<String> billing = new ArrayList<>();
      List<String> clock = new ArrayList<>();
      long[] worstMillis = {0};
      replayWallets(calls, parties, before, model, rows, checked, billing);
      for (Checked call : checked) {
        clock.addAll(clockFailures(call, worstMillis));
      }
      record(checks, failures, billing, checked.size() + " calls: status, billable time, charge, earning and split"
          + " exactly as measured metering bills the recorded connect/end/last heartbeat (30 s minimum, capped at"
          + " maxSeconds; claims of 0 within " + MeasuredMetering.CLOCK_SKEW.toSeconds() + " s and calls never"
          + " connected free, the latter " + MeasuredMetering.NOT_CONNECTED + " or " + MeasuredMetering.MISSED
          + "; disputes"
          + " flagged), start answers and end answers agreeing");
      record(checks, failures, clock, checked.size() + " calls: billing's measured time within the client's own"
          + " wall-clock windows (+/- " + CLOCK_TOLERANCE.toMillis() + " ms; furthest from the windows' middle: "
          + worstMillis[0] + " ms); no cutoff before maxSeconds");
      Map<String, Charge> charges = new HashMap<>();
      checked.forEach(c -> charges.put(c.call().callId(), c.bill().charge()));
      List<String> ledger = until(deadline, () -> ledgerFailures(db, byId, charges));
      record(checks, failures, ledger, byId.size() + " calls: ledger entries sum to zero, caller debit = charge");
      checks.addAll(byBehaviour(checked));
    } catch (SQLException e) {
      failures.add("PostgreSQL: " + e.getMessage());
      return new LoadReport.Verification(false, checks, failures);
    }
    List<String> callers = until(deadline, () -> callerFailures(parties, before, model));
    record(checks, failures, callers, parties.callers().size() + " caller wallets = before + credits - charges ("
        + model.coinsCharged() + " coins charged)");
    List<String> others = until(deadline, () -> otherWalletFailures(parties, before, model));
    record(checks, failures, others, parties.receivers().size() + " receiver wallets, the agency's and the "
        + "platform's (+" + hundredths(model.platformDelta()).toPlainString() + ") moved by the model's delta");
    return new LoadReport.Verification(failures.isEmpty(), checks, failures);
  }

  /**
   * Follows each caller's wallet through its calls in the order it made them: credits and top-ups in, the modelled
   * charge of each call out. The start must answer that balance and the seconds it pays for; the bill of the call
   * is the model's from its record, at those maxSeconds.
   */
  private static void replayWallets(List<CallOutcome> calls, LoadParties parties, LoadSetup.Before before,
                                    ExpectedBalances model, Map<String, List<MeasuredMetering.Recorded>> rows,
                                    List<Checked> checked, List<String> failures) {
    Map<String, Long> coins = new HashMap<>();
    Map<String, Long> credited = model.callerDeltas();
    parties.callers().forEach(caller -> coins.put(caller, before.callers().get(caller)
        + credited.getOrDefault(caller, 0L)));
    for (CallOutcome call : calls) {
      String caller = call.plan().callerId();
      if (call.topUpCoins() > 0) {
        model.credit(caller, call.topUpCoins());
      }
      long balance = coins.merge(caller, call.topUpCoins(), Long::sum);
      if (!call.started()) {
        continue;
      }
      RatePlan rates = call.plan().receiver().plan(call.plan().callType(), parties.adminSharePercent());
      long maxSeconds = rates.maxSeconds(balance);
      String id = "call " + call.callId() + " (" + call.plan().behaviour().label() + ")";
      if (call.startBalance() != balance || call.maxSeconds() != maxSeconds) {
        failures.add(id + ": start answered " + call.startBalance() + " coins for " + call.maxSeconds()
            + " s, model " + balance + " coins for " + maxSeconds + " s");
      }
      MeasuredMetering.Recorded recorded = rows.get(call.callId()).get(0);
      MeasuredMetering.Bill bill = MeasuredMetering.bill(recorded, maxSeconds, rates, MeasuredMetering.CLOCK_SKEW);
      MeasuredMetering.differences(recorded, bill).forEach(d -> failures.add(id + ": " + d));
      failures.addAll(endedAsTheBehaviourMust(id, call, recorded));
      if (call.settlement() != null && call.settlement().path("totalCoins").asLong(-1)
          != bill.charge().totalCoins()) {
        failures.add(id + ": the end answered " + call.settlement().path("totalCoins").asText() + " coins, model "
            + bill.charge().totalCoins());
      }
      coins.merge(caller, -bill.charge().totalCoins(), Long::sum);
      if (bill.charge().totalCoins() > 0) {
        model.settled(caller, call.plan().receiver().id(), call.plan().receiver().agencyId(), bill.charge());
      }
      checked.add(new Checked(call, recorded, bill));
    }
  }

  /** Callers that never end must have been cut off (past the balance) or abandoned (vanished) by billing. */
  private static List<String> endedAsTheBehaviourMust(String id, CallOutcome call,
                                                      MeasuredMetering.Recorded recorded) {
    String wanted = switch (call.plan().behaviour()) {
      case PAST_BALANCE -> MeasuredMetering.CUTOFF;
      case VANISHES -> MeasuredMetering.ABANDONED;
      default -> null;
    };
    if (wanted == null || !call.accepted() || wanted.equals(recorded.endedBy())) {
      return List.of();
    }
    return List.of(id + ": recorded as ended by " + recorded.endedBy() + ", expected " + wanted);
  }

  /** Billing's record times against the moments the client saw. */
  private static List<String> clockFailures(Checked checked, long[] worstMillis) {
    CallOutcome call = checked.call();
    MeasuredMetering.Recorded recorded = checked.recorded();
    if (!call.accepted() || recorded.connectedAt() == null) {
      return List.of();
    }
    String id = "call " + call.callId() + " (" + call.plan().behaviour().label() + ")";
    long tolerance = CLOCK_TOLERANCE.toMillis();
    if (call.plan().behaviour() == Behaviour.PAST_BALANCE) {
      long cutAfter = Duration.between(call.acceptSent(), call.lastSent()).toMillis();
      long recordedSpan = Duration.between(recorded.connectedAt(), recorded.endedAt()).toMillis();
      if (cutAfter < call.maxSeconds() * 1000 - tolerance || recordedSpan < call.maxSeconds() * 1000 - tolerance) {
        return List.of(id + ": cut off after " + recordedSpan + " ms recorded, seen closed " + cutAfter
            + " ms after the accept was sent: before maxSeconds " + call.maxSeconds() + " s");
      }
      return List.of();
    }
    Instant to = call.plan().behaviour() == Behaviour.VANISHES ? recorded.lastHeartbeatAt() : recorded.endedAt();
    if (to == null) {
      return List.of(id + ": no " + (call.plan().behaviour() == Behaviour.VANISHES ? "last heartbeat" : "end")
          + " time recorded");
    }
    long recordedSpan = Duration.between(recorded.connectedAt(), to).toMillis();
    long shortest = Duration.between(call.acceptAnswered(), call.lastSent()).toMillis();
    long longest = Duration.between(call.acceptSent(), call.lastAnswered()).toMillis();
    worstMillis[0] = Math.max(worstMillis[0], Math.abs(recordedSpan - (shortest + longest) / 2));
    if (recordedSpan < shortest - tolerance || recordedSpan > longest + tolerance) {
      return List.of(id + ": billing measured " + recordedSpan + " ms, the client's clock " + shortest + " to "
          + longest + " ms");
    }
    return List.of();
  }

  /**
   * Per behaviour: calls, seconds talked by the client's clock, seconds claimed at the client's ends (none for the
   * calls billing settled itself), seconds billed, coins, disputes, free calls.
   */
  private static List<String> byBehaviour(List<Checked> checked) {
    Map<Behaviour, long[]> figures = new EnumMap<>(Behaviour.class);
    for (Checked c : checked) {
      long[] f = figures.computeIfAbsent(c.call().plan().behaviour(), b -> new long[7]);
      f[0]++;
      f[6] += Math.max(0, c.call().claimedSeconds());
      if (c.call().accepted()) {
        f[1] += Duration.between(c.call().acceptAnswered(), c.call().lastSent()).toSeconds();
      }
      f[2] += c.bill().billableSeconds();
      f[3] += c.bill().charge().totalCoins();
      f[4] += c.recorded().durationDisputed() ? 1 : 0;
      f[5] += c.bill().charge().totalCoins() == 0 ? 1 : 0;
    }
    List<String> lines = new ArrayList<>();
    figures.forEach((behaviour, f) -> lines.add(String.format("%-12s %5d calls, talked %6d s (client clock),"
        + " claimed %6d s, billed %6d s, %7d coins, %d disputed, %d free: each as measured metering bills it",
        behaviour.label(), f[0], f[1], f[6], f[2], f[3], f[4], f[5])));
    return lines;
  }

  private static void record(List<String> checks, List<String> failures, List<String> found, String check) {
    if (found.isEmpty()) {
      checks.add(check);
    } else {
      failures.addAll(found);
    }
  }

  interface Check {
    List<String> failures() throws SQLException;
  }

  /** Repeats a check until it finds nothing wrong or the deadline passed; answers its last findings. */
  private static List<String> until(Instant deadline, Check check) {
    while (true) {
      List<String> found;
      try {
        found = check.failures();
      } catch (SQLException | RuntimeException e) {
        found = List.of("check failed: " + e.getMessage());
      }
      if (found.isEmpty() || Instant.now().isAfter(deadline)) {
        return found;
      }
      Pause.orFail(Duration.ofMillis(500));
    }
  }

  private static Map<String, List<MeasuredMetering.Recorded>> historyRows(Connection db,
                                                                          java.util.Set<String> callIds)
      throws SQLException {
    Map<String, List<MeasuredMetering.Recorded>> rows = new HashMap<>();
    try (PreparedStatement query = db.prepareStatement("select call_id, status, ended_by, metering, connected_at, "
        + "ended_at, last_heartbeat_at, reported_duration, measured_duration, billable_duration, duration_disputed, "
        + "total_coins, female_earning, admin_earned, agency_earned from call_history where call_id = any(?)")) {
      query.setArray(1, db.createArrayOf("text", callIds.toArray()));
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          long measured = row.getLong("measured_duration");
          rows.computeIfAbsent(row.getString("call_id"), id -> new ArrayList<>()).add(new MeasuredMetering.Recorded(
              row.getString("status"), row.getString("ended_by"), row.getString("metering"),
              instant(row.getTimestamp("connected_at")), instant(row.getTimestamp("ended_at")),
              instant(row.getTimestamp("last_heartbeat_at")), row.getLong("reported_duration"),
              row.wasNull() ? null : measured, row.getLong("billable_duration"), row.getBoolean("duration_disputed"),
              row.getLong("total_coins"), row.getLong("female_earning"),
              row.getBigDecimal("admin_earned").movePointRight(2).longValueExact(),
              row.getBigDecimal("agency_earned").movePointRight(2).longValueExact()));
        }
      }
    }
    return rows;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static List<String> ledgerFailures(Connection db, Map<String, CallOutcome> calls,
                                             Map<String, Charge> charges) throws SQLException {
    List<String> failures = new ArrayList<>();
    Map<String, Boolean> seen = new HashMap<>();
    try (PreparedStatement query = db.prepareStatement("select related_id, "
        + "sum(case when action = 'credit' then amount else -amount end) as net, "
        + "count(*) filter (where action = 'debit') as debits, "
        + "coalesce(sum(amount) filter (where action = 'debit'), 0) as debited, count(*) as entries "
        + "from ledger_entries where related_id = any(?) group by related_id")) {
      query.setArray(1, db.createArrayOf("text", calls.keySet().toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String callId = rows.getString("related_id");
          seen.put(callId, true);
          CallOutcome call = calls.get(callId);
          Charge expected = charges.get(callId);
          long entries = expected.totalCoins() == 0 ? 0 : 2 + (expected.adminHundredths() > 0 ? 1 : 0)
              + (expected.agencyHundredths() > 0 && call.plan().receiver().agencyId() != null ? 1 : 0);
          if (rows.getBigDecimal("net").signum() != 0 || rows.getLong("debits") != (entries == 0 ? 0 : 1)
              || rows.getBigDecimal("debited").compareTo(BigDecimal.valueOf(expected.totalCoins())) != 0
              || rows.getLong("entries") != entries) {
            failures.add("call " + callId + ": ledger net " + rows.getBigDecimal("net").toPlainString() + ", "
                + rows.getLong("debits") + " debit(s) of " + rows.getBigDecimal("debited").toPlainString() + ", "
                + rows.getLong("entries") + " entries (model: net 0, 1 debit of " + expected.totalCoins() + ", "
                + entries + " entries)");
          }
        }
      }
    }
    calls.keySet().stream().filter(id -> !seen.containsKey(id) && charges.get(id).totalCoins() > 0)
        .forEach(id -> failures.add("call " + id + ": no ledger entries"));
    return failures;
  }

  private List<String> callerFailures(LoadParties parties, LoadSetup.Before before, ExpectedBalances model) {
    List<String> failures = new ArrayList<>();
    Map<String, Long> deltas = model.callerDeltas();
    Map<String, BigDecimal> wallets = LoadSetup.eachCaller(parties.callers(),
        caller -> balance("/admin/wallets/caller/" + caller));
    for (String caller : parties.callers()) {
      long expected = before.callers().get(caller) + deltas.getOrDefault(caller, 0L);
      BigDecimal actual = wallets.get(caller);
      if (actual.compareTo(BigDecimal.valueOf(expected)) != 0) {
        failures.add("caller " + caller + ": wallet " + actual.toPlainString() + ", model " + expected);
      }
    }
    return failures;
  }

  private List<String> otherWalletFailures(LoadParties parties, LoadSetup.Before before, ExpectedBalances model) {
    List<String> failures = new ArrayList<>();
    Map<String, Long> receivers = model.receiverDeltas();
    for (LoadParties.Receiver receiver : parties.receivers()) {
      compare(failures, "receiver " + receiver.id(), "/admin/wallets/receiver/" + receiver.id(),
          before.receivers().get(receiver.id()) + receivers.getOrDefault(receiver.id(), 0L));
    }
    compare(failures, "agency " + parties.agencyId(), "/admin/wallets/agency/" + parties.agencyId(),
        before.agency() + model.agencyDeltas().getOrDefault(parties.agencyId(), 0L));
    compare(failures, "platform", "/admin/wallets/platform", before.platform() + model.platformDelta());
    return failures;
  }

  private void compare(List<String> failures, String who, String path, long expectedHundredths) {
    BigDecimal actual = balance(path);
    if (actual.compareTo(hundredths(expectedHundredths)) != 0) {
      failures.add(who + ": wallet " + actual.toPlainString() + ", model " + hundredths(expectedHundredths));
    }
  }

  private BigDecimal balance(String path) {
    Api.Answer answer = api.get(path, admins.next());
    if (answer.status() != 200) {
      throw new IllegalStateException(path + " answered " + answer.describe());
    }
    return answer.data().path("balance").decimalValue();
  }

  static BigDecimal hundredths(long hundredths) {
    return BigDecimal.valueOf(hundredths, 2);
  }
}
