package io.callbill.proofs.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbill.proofs.load.Api;
import io.callbill.proofs.load.RunningStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What hostile requests must not change, for the test users: wallets (the platform's too: a refund takes back its
 * share), ongoing calls, their receivers' profiles as the sink wrote them (online status, level, review), the number
 * of their call_history and ledger rows (the caller without a profile included: no top-up entry may appear), and
 * what was refunded of the settled call.
 */
public record StateSnapshot(Map<String, String> values) {

  public static StateSnapshot take(Api api, RunningStack stack, BadInputUsers users) {
    Map<String, String> values = new TreeMap<>();
    for (String caller : users.callers()) {
      values.put("wallet caller " + caller, answer(api, "/admin/wallets/caller/" + caller, users.admin())
          .data().path("balance").decimalValue().stripTrailingZeros().toPlainString());
      JsonNode active = answer(api, "/male-user/calls/active", users.token(caller, "caller")).data();
      values.put("active call of " + caller, active.path("callId").asText("none") + " accepted "
          + active.path("acceptedAt").asText("never") + " maxSeconds " + active.path("maxSeconds").asText("-"));
    }
    for (String receiver : users.receivers()) {
      values.put("wallet receiver " + receiver, answer(api, "/admin/wallets/receiver/" + receiver, users.admin())
          .data().path("balance").decimalValue().stripTrailingZeros().toPlainString());
    }
    values.put("wallet agency " + users.agency(), answer(api, "/admin/wallets/agency/" + users.agency(),
        users.admin()).data().path("balance").decimalValue().stripTrailingZeros().toPlainString());
    values.put("wallet platform", answer(api, "/admin/wallets/platform", users.admin())
        .data().path("balance").decimalValue().stripTrailingZeros().toPlainString());
    List<String> everyone = new ArrayList<>(users.callers());
    everyone.addAll(users.receivers());
    try (Connection db = stack.database()) {
      values.put("call_history rows", count(db, "select count(*) from call_history where caller_id = any(?) "
          + "or receiver_id = any(?)", everyone, 2));
      values.put("ledger_entries rows", count(db, "select count(*) from ledger_entries where user_id = any(?)",
          everyone, 1));
      values.put("refunded coins of " + users.settledCall(), count(db, "select coalesce(sum(refunded_coins), 0) "
          + "from call_history where call_id = any(?)", List.of(users.settledCall()), 1));
      try (PreparedStatement query = db.prepareStatement("select receiver_id, online_status, current_level, "
          + "review_accepted, agency_id from receivers where receiver_id = any(?) order by receiver_id")) {
        query.setArray(1, db.createArrayOf("text", users.receivers().toArray()));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            values.put("profile " + rows.getString(1), rows.getBoolean(2) + "/" + rows.getInt(3) + "/"
                + rows.getBoolean(4) + "/" + rows.getString(5));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
    return new StateSnapshot(values);
  }

  private static Api.Answer answer(Api api, String path, String token) {
    Api.Answer answer = api.get(path, token);
    if (answer.status() != 200) {
      throw new IllegalStateException("snapshot: " + path + " answered " + answer.describe());
    }
    return answer;
  }

  private static String count(Connection db, String sql, List<String> ids, int parameters) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 1; i <= parameters; i++) {
        query.setArray(i, db.createArrayOf("text", ids.toArray()));
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return Long.toString(row.getLong(1));
      }
    }
  }

  /** What differs from {@code after}, one line per value. */
  public List<String> differences(StateSnapshot after) {
    List<String> differences = new ArrayList<>();
    TreeMap<String, String> keys = new TreeMap<>(values);
    after.values.forEach(keys::putIfAbsent);
    for (String key : keys.keySet()) {
      String before = values.get(key);
      String now = after.values.get(key);
      if (!java.util.Objects.equals(before, now)) {
        differences.add(key + ": " + before + " -> " + now);
      }
    }
    return differences;
  }
}
