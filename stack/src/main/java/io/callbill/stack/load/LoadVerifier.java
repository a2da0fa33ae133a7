package io.callbill.stack.load;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a run against the generator's model once the pipeline caught up (bounded by a deadline):
 * <ol>
 *   <li>every started call has one {@code call_history} row, {@code completed}, with the expected total_coins,
 *       female_earning and admin/agency split (PostgreSQL, written by the sink);</li>
 *   <li>every call's {@code ledger_entries} sum to zero (credits minus debits) and the caller's one debit is the
 *       expected charge;</li>
 *   <li>every caller's wallet equals its balance before the run plus the credits minus the expected charges;</li>
 *   <li>every receiver's, the agency's and the platform's wallet moved by exactly the model's delta.</li>
 * </ol>
 */
public final class LoadVerifier {

  private final Api api;
  private final RunningStack stack;
  private final String admin;
  private final Duration timeout;

  public LoadVerifier(Api api, RunningStack stack, String adminToken, Duration timeout) {
    this.api = api;
    this.stack = stack;
    this.admin = adminToken;
    this.timeout = timeout;
  }

  public LoadReport.Verification verify(List<CallOutcome> calls, LoadParties parties, LoadSetup.Before before,
                                        ExpectedBalances model) {
    Instant deadline = Instant.now().plus(timeout);
    List<String> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Map<String, CallOutcome> byId = new HashMap<>();
    calls.stream().filter(CallOutcome::started).forEach(call -> byId.put(call.callId(), call));
    try (Connection db = stack.database()) {
      List<String> history = until(deadline, () -> historyFailures(db, byId));
      record(checks, failures, history, byId.size() + " calls: one call_history row each, completed, with the "
          + "model's total_coins, female_earning, admin/agency split");
      List<String> ledger = until(deadline, () -> ledgerFailures(db, byId));
      record(checks, failures, ledger, byId.size() + " calls: ledger entries sum to zero, caller debit = charge");
    } catch (SQLException e) {
      failures.add("PostgreSQL: " + e.getMessage());
    }
    List<String> callers = until(deadline, () -> callerFailures(parties, before, model));
    record(checks, failures, callers, parties.callers().size() + " caller wallets = before + credits - charges ("
        + model.coinsCharged() + " coins charged)");
    List<String> others = until(deadline, () -> otherWalletFailures(parties, before, model));
    record(checks, failures, others, parties.receivers().size() + " receiver wallets, the agency's and the "
        + "platform's (+" + hundredths(model.platformDelta()).toPlainString() + ") moved by the model's delta");
    return new LoadReport.Verification(failures.isEmpty(), checks, failures);
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
      LoadSetup.sleep(500);
    }
  }

  private static List<String> historyFailures(Connection db, Map<String, CallOutcome> calls) throws SQLException {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    try (PreparedStatement query = db.prepareStatement("select call_id, status, total_coins, female_earning, "
        + "admin_earned, agency_earned from call_history where call_id = any(?)")) {
      Array ids = db.createArrayOf("text", calls.keySet().toArray());
      query.setArray(1, ids);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String callId = rows.getString("call_id");
          seen.merge(callId, 1, Integer::sum);
          ExpectedCharge expected = calls.get(callId).charge();
          String row = rows.getString("status") + " " + rows.getLong("total_coins") + "/"
              + rows.getLong("female_earning") + "/" + rows.getBigDecimal("admin_earned").toPlainString() + "/"
              + rows.getBigDecimal("agency_earned").toPlainString();
          if (!rows.getString("status").equals("completed") || rows.getLong("total_coins") != expected.totalCoins()
              || rows.getLong("female_earning") != expected.femaleEarning()
              || rows.getBigDecimal("admin_earned").compareTo(hundredths(expected.adminHundredths())) != 0
              || rows.getBigDecimal("agency_earned").compareTo(hundredths(expected.agencyHundredths())) != 0) {
            failures.add("call " + callId + ": history " + row + ", model completed " + expected.totalCoins() + "/"
                + expected.femaleEarning() + "/" + hundredths(expected.adminHundredths()) + "/"
                + hundredths(expected.agencyHundredths()));
          }
        }
      }
    }
    for (String callId : calls.keySet()) {
      int rows = seen.getOrDefault(callId, 0);
      if (rows != 1) {
        failures.add("call " + callId + ": " + rows + " call_history rows (expected exactly 1)");
      }
    }
    return failures;
  }

  private static List<String> ledgerFailures(Connection db, Map<String, CallOutcome> calls) throws SQLException {
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
          ExpectedCharge expected = call.charge();
          long entries = 2 + (expected.adminHundredths() > 0 ? 1 : 0)
              + (expected.agencyHundredths() > 0 && call.plan().receiver().agencyId() != null ? 1 : 0);
          if (rows.getBigDecimal("net").signum() != 0 || rows.getLong("debits") != 1
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
    calls.keySet().stream().filter(id -> !seen.containsKey(id))
        .forEach(id -> failures.add("call " + id + ": no ledger entries"));
    return failures;
  }

  private List<String> callerFailures(LoadParties parties, LoadSetup.Before before, ExpectedBalances model) {
    List<String> failures = new ArrayList<>();
    Map<String, Long> deltas = model.callerDeltas();
    for (String caller : parties.callers()) {
      long expected = before.callers().get(caller) + deltas.getOrDefault(caller, 0L);
      BigDecimal actual = balance("/admin/wallets/caller/" + caller);
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
    Api.Answer answer = api.get(path, admin);
    if (answer.status() != 200) {
      throw new IllegalStateException(path + " answered " + answer.describe());
    }
    return answer.data().path("balance").decimalValue();
  }

  static BigDecimal hundredths(long hundredths) {
    return BigDecimal.valueOf(hundredths, 2);
  }
}
