package io.callbill.proofs.badinput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixed, bounded catalogue of malformed and hostile requests: every route with every kind of bad token and the
 * wrong roles; every body route with broken JSON, wrong JSON types, a wrong content type and an oversized body; and
 * per route the field values the API must refuse (huge numbers, negative and absurd durations, unknown callType,
 * ids breaking the pattern, other users' ids and calls); the money routes: refunds, payouts, the explanation of a
 * call, a top-up to a caller without a profile. None is a valid request: each must be refused (4xx), and nothing may
 * change.
 */
public final class BadInputCatalogue {

  /** A route and a request body that would be valid for its role (null for GET routes). */
  record Route(String method, String path, String role, String subject, String validBody) {
    String label() {
      return method + " " + path;
    }
  }

  /** The platform's media layer: a service account of the call platform. */
  static final String PLATFORM = "badinput-platform";
  static final List<String> ROLES = List.of("caller", "receiver", "admin", "platform");

  private final BadInputUsers users;
  private final List<Probe> probes = new ArrayList<>();

  private BadInputCatalogue(BadInputUsers users) {
    this.users = users;
  }

  public static List<Probe> of(BadInputUsers users) {
    BadInputCatalogue catalogue = new BadInputCatalogue(users);
    catalogue.auth();
    catalogue.bodies();
    catalogue.callFields();
    catalogue.meteringFields();
    catalogue.adminFields();
    catalogue.refundFields();
    catalogue.payoutFields();
    catalogue.explanations();
    catalogue.pathsAndQueries();
    return List.copyOf(catalogue.probes);
  }

  List<Route> routes() {
    String a = users.callerA();
    String ra = users.receiverA();
    return List.of(
        new Route("POST", "/male-user/calls/start", "caller", a,
            "{\"receiverId\":\"" + ra + "\",\"callType\":\"audio\"}"),
        new Route("POST", "/male-user/calls/end", "caller", a, callerEnd(ra, "5", "\"audio\"", users.callA())),
        new Route("GET", "/male-user/calls/active", "caller", a, null),
        new Route("GET", "/male-user/wallet", "caller", a, null),
        new Route("GET", "/male-user/calls/history", "caller", a, null),
        new Route("GET", "/male-user/calls/stats", "caller", a, null),
        new Route("POST", "/female-user/calls/end", "receiver", ra, receiverEnd(a, "5", users.callA())),
        new Route("PUT", "/female-user/status", "receiver", ra, "{\"onlineStatus\":false}"),
        new Route("GET", "/female-user/wallet", "receiver", ra, null),
        new Route("GET", "/female-user/calls/history", "receiver", ra, null),
        new Route("GET", "/female-user/calls/stats", "receiver", ra, null),
        new Route("POST", "/female-user/calls/rate", "receiver", ra,
            "{\"callId\":\"" + users.callA() + "\",\"stars\":4}"),
        new Route("POST", "/female-user/calls/accept", "receiver", ra, callIdBody(users.callA())),
        new Route("POST", "/male-user/calls/heartbeat", "caller", a, callIdBody(users.callA())),
        new Route("POST", "/female-user/calls/heartbeat", "receiver", ra, callIdBody(users.callA())),
        new Route("POST", "/platform/calls/accept", "platform", PLATFORM, platformBody(users.callA(), a, null)),
        new Route("POST", "/platform/calls/heartbeat", "platform", PLATFORM, platformBody(users.callA(), a, null)),
        new Route("POST", "/platform/calls/end", "platform", PLATFORM, platformBody(users.callA(), a, "5")),
        new Route("PUT", "/admin/level-configs/" + users.level(), "admin", "badinput-admin",
            "{\"isActive\":false,\"audioRatePerMinute\":1,\"videoRatePerMinute\":1,"
                + "\"platformMarginPerMinute\":{\"agency\":0,\"nonAgency\":0}}"),
        new Route("PUT", "/admin/platform-config", "admin", "badinput-admin",
            "{\"minCallCoins\":999999,\"adminSharePercentage\":1}"),
        new Route("PUT", "/admin/callers/" + a, "admin", "badinput-admin",
            "{\"firstName\":\"Mallory\",\"lastName\":\"X\",\"email\":\"m@example.com\",\"profileImage\":null,"
                + "\"blockList\":[\"" + ra + "\"]}"),
        new Route("PUT", "/admin/receivers/" + ra, "admin", "badinput-admin", receiverBody("false", "1", "null")),
        new Route("PUT", "/admin/agencies/" + users.agency(), "admin", "badinput-admin", "{\"name\":\"Mallory\"}"),
        new Route("POST", "/admin/callers/" + a + "/coins", "admin", "badinput-admin",
            "{\"amount\":5,\"reference\":\"badinput-" + Instant.now().toEpochMilli() + "\"}"),
        new Route("GET", "/admin/wallets/caller/" + a, "admin", "badinput-admin", null),
        new Route("GET", "/admin/wallets/receiver/" + ra, "admin", "badinput-admin", null),
        new Route("GET", "/admin/wallets/agency/" + users.agency(), "admin", "badinput-admin", null),
        new Route("GET", "/admin/wallets/platform", "admin", "badinput-admin", null),
        new Route("POST", "/admin/calls/" + users.settledCall() + "/refund", "admin", "badinput-admin",
            refundBody("1", "\"badinput\"", "\"badinput-" + Instant.now().toEpochMilli() + "\"")),
        new Route("POST", "/admin/receivers/" + users.earningReceiver() + "/payouts", "admin", "badinput-admin",
            payoutBody("0.01", "\"badinput-" + Instant.now().toEpochMilli() + "\"")),
        new Route("POST", "/admin/agencies/" + users.agency() + "/payouts", "admin", "badinput-admin",
            payoutBody("0.01", "\"badinput-" + Instant.now().toEpochMilli() + "\"")),
        new Route("GET", "/admin/calls/" + users.settledCall(), "admin", "badinput-admin", null),
        new Route("GET", "/male-user/calls/" + users.settledCall(), "caller", users.payingCaller(), null),
        new Route("GET", "/female-user/calls/" + users.settledCall(), "receiver", users.earningReceiver(), null));
  }

  /** Every route with every hostile token, and with each role that may not use it (a valid body each time). */
  private void auth() {
    for (Route route : routes()) {
      HostileTokens.all(users.secret(), route.subject(), route.role(), Instant.now()).forEach((name, token) ->
          add(route.label() + ": " + name, route.method(), route.path(), token, route.validBody(), Map.of()));
      for (String role : ROLES) {
        if (!role.equals(route.role())) {
          String subject = switch (role) {
            case "caller" -> users.callerA();
            case "receiver" -> users.receiverA();
            case "platform" -> PLATFORM;
            default -> "badinput-admin";
          };
          add(route.label() + ": wrong role " + role, route.method(), route.path(), users.token(subject, role),
              route.validBody(), Map.of());
        }
      }
      if (route.role().equals("receiver")) {
        add(route.label() + ": receiver without accepted review", route.method(), route.path(),
            users.token(users.unreviewed(), "receiver"), route.validBody(), Map.of());
      }
    }
  }

  /** Every body route, right token: broken JSON, not an object, a wrong content type, an oversized body. */
  private void bodies() {
    for (Route route : routes()) {
      if (route.validBody() == null) {
        continue;
      }
      String token = users.token(route.subject(), route.role());
      String valid = route.validBody();
      Map<String, String> broken = Map.of(
          "broken JSON", valid.substring(0, valid.length() / 2),
          "empty body", "",
          "JSON null", "null",
          "JSON array", "[" + valid + "]",
          "JSON number", "42",
          "trailing garbage", valid + "}}",
          "oversized body (40 KiB)", valid.substring(0, valid.length() - 1) + ",\"pad\":\"" + "x".repeat(40_000)
              + "\"}");
      broken.forEach((name, body) -> add(route.label() + ": " + name, route.method(), route.path(), token, body,
          Map.of()));
      add(route.label() + ": text/plain content type", route.method(), route.path(), token, valid,
          Map.of("Content-Type", "text/plain"));
      add(route.label() + ": form content type", route.method(), route.path(), token, valid,
          Map.of("Content-Type", "application/x-www-form-urlencoded"));
      add(route.label() + ": no body", route.method(), route.path(), token, null, Map.of());
    }
  }

  private void callFields() {
    String a = users.callerA();
    String ra = users.receiverA();
    String callerToken = users.token(a, "caller");
    String receiverToken = users.token(ra, "receiver");
    String start = "/male-user/calls/start";
    for (String[] bad : new String[][] {
        {"missing receiverId", "{\"callType\":\"audio\"}"},
        {"receiverId a number", "{\"receiverId\":42,\"callType\":\"audio\"}"},
        {"empty receiverId", "{\"receiverId\":\"\",\"callType\":\"audio\"}"},
        {"receiverId breaking the pattern", "{\"receiverId\":\"bad id!\",\"callType\":\"audio\"}"},
        {"receiverId of 65 characters", "{\"receiverId\":\"" + "r".repeat(65) + "\",\"callType\":\"audio\"}"},
        {"unknown receiver", "{\"receiverId\":\"badinput-nobody\",\"callType\":\"audio\"}"},
        {"receiver with review not accepted", "{\"receiverId\":\"" + users.unreviewed() + "\",\"callType\":\"audio\"}"},
        {"unknown callType", "{\"receiverId\":\"" + ra + "\",\"callType\":\"hologram\"}"},
        {"callType a number", "{\"receiverId\":\"" + ra + "\",\"callType\":1}"},
        {"missing callType", "{\"receiverId\":\"" + ra + "\"}"},
        {"a second start while in a call", "{\"receiverId\":\"" + users.receiverB() + "\",\"callType\":\"video\"}"}}) {
      add("POST " + start + ": " + bad[0], "POST", start, callerToken, bad[1], Map.of());
    }
    String[][] durations = {
        {"negative duration", "-1"}, {"absurd negative duration", "-9223372036854775808"},
        {"duration over 24 h", "86401"}, {"huge duration", "99999999999999999999999"}, {"duration 1e30", "1e30"},
        {"fractional duration", "1.5"}, {"duration a string", "\"180\""}, {"duration null", "null"},
        {"duration an object", "{}"}, {"duration true", "true"}};
    for (String[] d : durations) {
      add("POST /male-user/calls/end: " + d[0], "POST", "/male-user/calls/end", callerToken,
          callerEnd(ra, d[1], "\"audio\"", users.callA()), Map.of());
      add("POST /female-user/calls/end: " + d[0], "POST", "/female-user/calls/end", receiverToken,
          receiverEnd(a, d[1], users.callA()), Map.of());
    }
    String[][] callerEnds = {
        {"missing duration", "{\"receiverId\":\"" + ra + "\",\"callType\":\"audio\",\"callId\":\"" + users.callA() + "\"}"},
        {"missing callId", "{\"receiverId\":\"" + ra + "\",\"duration\":5,\"callType\":\"audio\"}"},
        {"callId breaking the pattern", callerEnd(ra, "5", "\"audio\"", "../" + users.callA())},
        {"unknown callType", callerEnd(ra, "5", "\"hologram\"", users.callA())},
        {"callType a number", callerEnd(ra, "5", "7", users.callA())},
        {"another caller's callId", callerEnd(users.receiverB(), "5", "\"audio\"", users.callB())},
        {"another caller's callId with own receiver", callerEnd(ra, "5", "\"audio\"", users.callB())},
        {"own callId with another receiver", callerEnd(users.receiverB(), "5", "\"audio\"", users.callA())},
        {"unknown callId", callerEnd(ra, "5", "\"audio\"", "badinput-no-such-call")}};
    for (String[] e : callerEnds) {
      add("POST /male-user/calls/end: " + e[0], "POST", "/male-user/calls/end", callerToken, e[1], Map.of());
    }
    String[][] receiverEnds = {
        {"callerId breaking the pattern", receiverEnd("bad id!", "5", users.callA())},
        {"callerId a number", "{\"callerId\":42,\"duration\":5,\"callType\":\"audio\",\"callId\":\"" + users.callA() + "\"}"},
        {"another receiver's call", receiverEnd(users.callerB(), "5", users.callB())},
        {"own caller with another caller's callId", receiverEnd(a, "5", users.callB())},
        {"unknown callId", receiverEnd(a, "5", "badinput-no-such-call")}};
    for (String[] e : receiverEnds) {
      add("POST /female-user/calls/end: " + e[0], "POST", "/female-user/calls/end", receiverToken, e[1], Map.of());
    }
    String[][] status = {{"onlineStatus a string", "{\"onlineStatus\":\"false\"}"},
        {"onlineStatus a number", "{\"onlineStatus\":0}"}, {"onlineStatus null", "{\"onlineStatus\":null}"},
        {"missing onlineStatus", "{}"}};
    for (String[] s : status) {
      add("PUT /female-user/status: " + s[0], "PUT", "/female-user/status", receiverToken, s[1], Map.of());
    }
    String[][] ratings = {{"stars 0", "0"}, {"stars 6", "6"}, {"stars 4.5", "4.5"}, {"stars a string", "\"4\""},
        {"stars 1e30", "1e30"}, {"stars negative", "-3"}};
    for (String[] r : ratings) {
      add("POST /female-user/calls/rate: " + r[0], "POST", "/female-user/calls/rate", receiverToken,
          "{\"callId\":\"" + users.callA() + "\",\"stars\":" + r[1] + "}", Map.of());
    }
    add("POST /female-user/calls/rate: an ongoing call", "POST", "/female-user/calls/rate", receiverToken,
        "{\"callId\":\"" + users.callA() + "\",\"stars\":4}", Map.of());
    add("POST /female-user/calls/rate: another receiver's call", "POST", "/female-user/calls/rate", receiverToken,
        "{\"callId\":\"" + users.callB() + "\",\"stars\":4}", Map.of());
    add("POST /female-user/calls/rate: callId breaking the pattern", "POST", "/female-user/calls/rate",
        receiverToken, "{\"callId\":\"' or 1=1 --\",\"stars\":4}", Map.of());
    add("POST /male-user/calls/start: Idempotency-Key too long", "POST", start, callerToken,
        "{\"receiverId\":\"" + ra + "\",\"callType\":\"audio\"}", Map.of("Idempotency-Key", "k".repeat(129)));
  }

  /**
   * The metering routes (issue 9): the receiver's accept, either side's heartbeat, the platform's accept, heartbeat
   * and end, each with bad call ids and caller ids, other people's calls, and (the platform's end) bad durations.
   */
  private void meteringFields() {
    String a = users.callerA();
    String ra = users.receiverA();
    String[][] callIds = {
        {"missing callId", "{}"}, {"callId a number", "{\"callId\":42}"}, {"callId null", "{\"callId\":null}"},
        {"empty callId", "{\"callId\":\"\"}"}, {"callId breaking the pattern", callIdBody("../" + users.callA())},
        {"callId of 65 characters", callIdBody("c".repeat(65))},
        {"unknown callId", callIdBody("badinput-no-such-call")}, {"another caller's call", callIdBody(users.callB())}};
    for (String[] route : new String[][] {{"/female-user/calls/accept", "receiver", ra},
        {"/male-user/calls/heartbeat", "caller", a}, {"/female-user/calls/heartbeat", "receiver", ra}}) {
      String token = users.token(route[2], route[1]);
      for (String[] bad : callIds) {
        add("POST " + route[0] + ": " + bad[0], "POST", route[0], token, bad[1], Map.of());
      }
      add("GET " + route[0], "GET", route[0], token, null, Map.of());
    }
    String platform = users.token(PLATFORM, "platform");
    String[][] platformCalls = {
        {"missing callId", "{\"callerId\":\"" + a + "\"}"},
        {"missing callerId", "{\"callId\":\"" + users.callA() + "\"}"},
        {"callerId a number", "{\"callId\":\"" + users.callA() + "\",\"callerId\":42}"},
        {"callerId breaking the pattern", platformBody(users.callA(), "bad id!", null)},
        {"callId breaking the pattern", platformBody("' or 1=1 --", a, null)},
        {"unknown callId", platformBody("badinput-no-such-call", a, null)},
        {"the call with another caller", platformBody(users.callA(), users.callerB(), null)}};
    for (String route : List.of("/platform/calls/accept", "/platform/calls/heartbeat")) {
      for (String[] bad : platformCalls) {
        add("POST " + route + ": " + bad[0], "POST", route, platform, bad[1], Map.of());
      }
    }
    String end = "/platform/calls/end";
    for (String[] bad : platformCalls) {
      String body = bad[1].startsWith("{") && bad[1].endsWith("}") && !bad[1].contains("duration")
          ? bad[1].substring(0, bad[1].length() - 1) + ",\"duration\":5}" : bad[1];
      add("POST " + end + ": " + bad[0], "POST", end, platform, body, Map.of());
    }
    for (String[] d : new String[][] {{"negative duration", "-1"}, {"duration over 24 h", "86401"},
        {"huge duration", "99999999999999999999999"}, {"fractional duration", "1.5"},
        {"duration a string", "\"180\""}, {"duration null", "null"}}) {
      add("POST " + end + ": " + d[0], "POST", end, platform, platformBody(users.callA(), a, d[1]), Map.of());
    }
    add("POST " + end + ": missing duration", "POST", end, platform, platformBody(users.callA(), a, null), Map.of());
    add("POST /platform/calls/start: a platform cannot start calls", "POST", "/platform/calls/start", platform,
        "{\"receiverId\":\"" + ra + "\",\"callType\":\"audio\"}", Map.of());
    add("POST /male-user/calls/start with a platform token", "POST", "/male-user/calls/start", platform,
        "{\"receiverId\":\"" + ra + "\",\"callType\":\"audio\"}", Map.of());
  }

  private static String callIdBody(String callId) {
    return "{\"callId\":\"" + callId + "\"}";
  }

  /** A platform request naming the call and its caller; {@code duration} (raw JSON) only for an end, else null. */
  private static String platformBody(String callId, String callerId, String duration) {
    return "{\"callId\":\"" + callId + "\",\"callerId\":\"" + callerId + "\""
        + (duration == null ? "" : ",\"duration\":" + duration) + "}";
  }

  private void adminFields() {
    String admin = users.admin();
    String level = "/admin/level-configs/" + users.level();
    String[][] levels = {
        {"negative rate", levelBody("-1", "40", "12")}, {"rate a string", levelBody("\"30\"", "40", "12")},
        {"rate 1e30", levelBody("1e30", "40", "12")}, {"rate with 5 decimals", levelBody("30.12345", "40", "12")},
        {"huge rate", levelBody("123456789012345678901234567890", "40", "12")},
        {"negative margin", levelBody("30", "40", "-12")}, {"margin a string", levelBody("30", "40", "\"12\"")},
        {"isActive a string", "{\"isActive\":\"yes\",\"audioRatePerMinute\":30,\"videoRatePerMinute\":40,"
            + "\"platformMarginPerMinute\":{\"agency\":12,\"nonAgency\":12}}"},
        {"margins not an object", "{\"isActive\":true,\"audioRatePerMinute\":30,\"videoRatePerMinute\":40,"
            + "\"platformMarginPerMinute\":12}"}};
    for (String[] l : levels) {
      add("PUT " + level + ": " + l[0], "PUT", level, admin, l[1], Map.of());
    }
    for (String path : List.of("abc", "-1", "10001", "99999999999", "1.5", "%20")) {
      add("PUT /admin/level-configs/" + path + ": bad level", "PUT", "/admin/level-configs/" + path, admin,
          levelBody("30", "40", "12"), Map.of());
    }
    String[][] platform = {{"minCallCoins negative", "{\"minCallCoins\":-1,\"adminSharePercentage\":60}"},
        {"minCallCoins a string", "{\"minCallCoins\":\"0\",\"adminSharePercentage\":60}"},
        {"minCallCoins fractional", "{\"minCallCoins\":1.5,\"adminSharePercentage\":60}"},
        {"adminSharePercentage 101", "{\"minCallCoins\":0,\"adminSharePercentage\":101}"},
        {"adminSharePercentage negative", "{\"minCallCoins\":0,\"adminSharePercentage\":-1}"},
        {"adminSharePercentage 1e400", "{\"minCallCoins\":0,\"adminSharePercentage\":1e400}"}};
    for (String[] p : platform) {
      add("PUT /admin/platform-config: " + p[0], "PUT", "/admin/platform-config", admin, p[1], Map.of());
    }
    String caller = "/admin/callers/" + users.callerA();
    String[][] callers = {{"firstName a number", "{\"firstName\":42,\"lastName\":\"X\",\"blockList\":[]}"},
        {"blockList a string", "{\"firstName\":\"A\",\"lastName\":\"X\",\"blockList\":\"x\"}"},
        {"blockList with a number", "{\"firstName\":\"A\",\"lastName\":\"X\",\"blockList\":[42]}"},
        {"blockList with a bad id", "{\"firstName\":\"A\",\"lastName\":\"X\",\"blockList\":[\"bad id!\"]}"}};
    for (String[] c : callers) {
      add("PUT " + caller + ": " + c[0], "PUT", caller, admin, c[1], Map.of());
    }
    String receiver = "/admin/receivers/" + users.receiverA();
    String[][] receivers = {{"currentLevel negative", receiverBody("true", "-1", "null")},
        {"currentLevel over the maximum", receiverBody("true", "10001", "null")},
        {"currentLevel a string", receiverBody("true", "\"1\"", "null")},
        {"onlineStatus a string", receiverBody("\"true\"", "1", "null")},
        {"agencyId breaking the pattern", receiverBody("true", "1", "\"bad id!\"")},
        {"agencyId a number", receiverBody("true", "1", "7")}};
    for (String[] r : receivers) {
      add("PUT " + receiver + ": " + r[0], "PUT", receiver, admin, r[1], Map.of());
    }
    add("PUT /admin/agencies: name a number", "PUT", "/admin/agencies/" + users.agency(), admin, "{\"name\":42}",
        Map.of());
    String coins = "/admin/callers/" + users.callerA() + "/coins";
    String[][] credits = {{"amount 0", "0"}, {"amount negative", "-5"}, {"amount over 10^9", "1000000001"},
        {"amount 1e30", "1e30"}, {"amount fractional", "1.5"}, {"amount a string", "\"5\""}, {"amount null", "null"},
        {"amount huge", "99999999999999999999999999"}};
    for (String[] c : credits) {
      add("POST " + coins + ": " + c[0], "POST", coins, admin,
          "{\"amount\":" + c[1] + ",\"reference\":\"badinput-never-" + c[0].replace(' ', '-') + "\"}", Map.of());
    }
    for (String[] r : new String[][] {{"missing reference", "{\"amount\":5}"},
        {"empty reference", "{\"amount\":5,\"reference\":\"\"}"},
        {"reference a number", "{\"amount\":5,\"reference\":42}"},
        {"reference of 1000 characters", "{\"amount\":5,\"reference\":\"" + "r".repeat(1000) + "\"}"}}) {
      add("POST " + coins + ": " + r[0], "POST", coins, admin, r[1], Map.of());
    }
    add("POST " + coins + ": Idempotency-Key empty", "POST", coins, admin,
        "{\"amount\":5,\"reference\":\"badinput-never-empty-key\"}", Map.of("Idempotency-Key", ""));
    add("POST " + coins + ": Idempotency-Key too long", "POST", coins, admin,
        "{\"amount\":5,\"reference\":\"badinput-never-long-key\"}", Map.of("Idempotency-Key", "k".repeat(129)));
  }

  /**
   * Refunds of the settled call (admin): coins that are no whole number from 1, or more than is left of its charge;
   * a reason or reference missing, blank, oversized or not a string; a call nobody has, an id breaking the pattern.
   * The caller's and receiver's tokens (403) and none (401) come with every route in {@link #auth()}.
   */
  private void refundFields() {
    String admin = users.admin();
    String refund = "/admin/calls/" + users.settledCall() + "/refund";
    String reason = "\"badinput\"";
    String[][] coins = {{"coins 0", "0"}, {"coins negative", "-5"}, {"coins fractional", "1.5"},
        {"coins 1e30", "1e30"}, {"coins huge", "99999999999999999999999999"}, {"coins over 10^9", "1000000001"},
        {"coins a string", "\"5\""}, {"coins an object", "{}"},
        {"coins above what is left of the charge", Long.toString(users.settledCoinsLeft() + 1)}};
    for (String[] c : coins) {
      add("POST " + refund + ": " + c[0], "POST", refund, admin, refundBody(c[1], reason, never(c[0])), Map.of());
    }
    String[][] reasons = {{"missing reason", null}, {"empty reason", "\"\""}, {"blank reason", "\"   \""},
        {"reason null", "null"}, {"reason a number", "42"}, {"reason of 501 characters", "\"" + "r".repeat(501) + "\""}};
    for (String[] r : reasons) {
      add("POST " + refund + ": " + r[0], "POST", refund, admin, refundBody("1", r[1], never(r[0])), Map.of());
    }
    String[][] references = {{"missing reference", null}, {"empty reference", "\"\""},
        {"blank reference", "\"   \""}, {"reference a number", "42"},
        {"reference of 1000 characters", "\"" + "r".repeat(1000) + "\""}};
    for (String[] r : references) {
      add("POST " + refund + ": " + r[0], "POST", refund, admin, refundBody("1", reason, r[1]), Map.of());
    }
    add("POST " + refund + ": the rest, without a reason", "POST", refund, admin,
        "{\"reference\":" + never("the rest") + "}", Map.of());
    for (String id : List.of("call_badinput_no_such_call", "badinput-no-such-call", "bad%20id", "x".repeat(65),
        "%2e%2e", "%00")) {
      add("POST /admin/calls/" + id + "/refund: unknown or bad call id", "POST", "/admin/calls/" + id + "/refund",
          admin, refundBody("1", reason, never("unknown call " + id.length())), Map.of());
    }
  }

  /**
   * Payouts of the earning receiver and of the agency (admin): amounts of 0, negative, past the hundredth, not a
   * number, over the limit, above the wallet's balance (400 naming it); the reference missing or broken; accounts
   * nobody has and ids breaking the pattern.
   */
  private void payoutFields() {
    String admin = users.admin();
    String[][] amounts = {{"amount 0", "0"}, {"amount negative", "-5"}, {"amount with 3 decimals", "1.234"},
        {"amount a string", "\"5\""}, {"amount null", "null"}, {"amount 1e30", "1e30"},
        {"amount over 10^9", "1000000001"}, {"amount above the balance", "1000000000"}};
    String[][] references = {{"missing reference", null}, {"empty reference", "\"\""},
        {"reference a number", "42"}, {"reference of 1000 characters", "\"" + "r".repeat(1000) + "\""}};
    for (String payouts : List.of("/admin/receivers/" + users.earningReceiver() + "/payouts",
        "/admin/agencies/" + users.agency() + "/payouts")) {
      for (String[] a : amounts) {
        add("POST " + payouts + ": " + a[0], "POST", payouts, admin, payoutBody(a[1], never(a[0])), Map.of());
      }
      for (String[] r : references) {
        add("POST " + payouts + ": " + r[0], "POST", payouts, admin, payoutBody("1", r[1]), Map.of());
      }
    }
    for (String kind : List.of("receivers", "agencies")) {
      for (String id : List.of("badinput-nobody", "bad%20id", "x".repeat(65), "%2e%2e")) {
        String path = "/admin/" + kind + "/" + id + "/payouts";
        add("POST " + path + ": unknown or bad id", "POST", path, admin, payoutBody("1", never(kind + "-" + id.length())),
            Map.of());
      }
    }
  }

  /**
   * The explanation of one call: ids breaking the pattern and calls nobody has, for each of the three routes; a
   * caller and a receiver asking for someone else's call (404: nothing of it may leak).
   */
  private void explanations() {
    String admin = users.admin();
    String callerA = users.token(users.callerA(), "caller");
    String receiverA = users.token(users.receiverA(), "receiver");
    for (String id : List.of("call_badinput_no_such_call", "call_%20x", "call_" + "x".repeat(200), "%2e%2e",
        "bad%20id", "%00")) {
      add("GET /admin/calls/" + id, "GET", "/admin/calls/" + id, admin, null, Map.of());
      add("GET /male-user/calls/" + id, "GET", "/male-user/calls/" + id, callerA, null, Map.of());
      add("GET /female-user/calls/" + id, "GET", "/female-user/calls/" + id, receiverA, null, Map.of());
    }
    String settled = users.settledCall();
    add("GET /male-user/calls/" + settled + ": another caller's call", "GET", "/male-user/calls/" + settled,
        callerA, null, Map.of());
    add("GET /male-user/calls/" + settled + ": its receiver with a caller token", "GET",
        "/male-user/calls/" + settled, users.token(users.earningReceiver(), "caller"), null, Map.of());
    add("GET /female-user/calls/" + settled + ": another receiver's call", "GET", "/female-user/calls/" + settled,
        receiverA, null, Map.of());
    add("GET /female-user/calls/" + settled + ": its caller with a receiver token", "GET",
        "/female-user/calls/" + settled, users.token(users.payingCaller(), "receiver"), null, Map.of());
    add("GET /male-user/calls/" + users.callB() + ": another caller's ongoing call", "GET",
        "/male-user/calls/" + users.callB(), callerA, null, Map.of());
  }

  private static String refundBody(String coins, String reason, String reference) {
    List<String> fields = new ArrayList<>();
    fields.add("\"coins\":" + coins);
    if (reason != null) {
      fields.add("\"reason\":" + reason);
    }
    if (reference != null) {
      fields.add("\"reference\":" + reference);
    }
    return "{" + String.join(",", fields) + "}";
  }

  private static String payoutBody(String amount, String reference) {
    return "{\"amount\":" + amount + (reference == null ? "" : ",\"reference\":" + reference) + "}";
  }

  /** A reference no request of the catalogue shares, as JSON. */
  private static String never(String what) {
    return "\"badinput-never-" + what.replaceAll("[^A-Za-z0-9]+", "-") + "\"";
  }

  private void pathsAndQueries() {
    String admin = users.admin();
    List<String> badIds = List.of("bad%20id", "x".repeat(65), "%2e%2e", "a%2Fb", "%00", "%F0%9F%92%A3");
    for (String id : badIds) {
      add("GET /admin/wallets/caller/" + id, "GET", "/admin/wallets/caller/" + id, admin, null, Map.of());
      add("GET /admin/wallets/receiver/" + id, "GET", "/admin/wallets/receiver/" + id, admin, null, Map.of());
      add("GET /admin/wallets/agency/" + id, "GET", "/admin/wallets/agency/" + id, admin, null, Map.of());
      add("PUT /admin/callers/" + id, "PUT", "/admin/callers/" + id, admin,
          "{\"firstName\":\"A\",\"lastName\":\"B\",\"blockList\":[]}", Map.of());
      add("PUT /admin/receivers/" + id, "PUT", "/admin/receivers/" + id, admin, receiverBody("true", "1", "null"),
          Map.of());
      add("POST /admin/callers/" + id + "/coins", "POST", "/admin/callers/" + id + "/coins", admin,
          "{\"amount\":5,\"reference\":\"badinput-never-path\"}", Map.of());
    }
    // A well-formed top-up to an id billing has no profile of: 404 Caller not found, no wallet, no ledger entry.
    add("POST /admin/callers/" + users.nobody() + "/coins: a caller without a profile", "POST",
        "/admin/callers/" + users.nobody() + "/coins", admin,
        "{\"amount\":5,\"reference\":\"badinput-never-nobody\"}", Map.of());
    String callerToken = users.token(users.callerA(), "caller");
    String receiverToken = users.token(users.receiverA(), "receiver");
    for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=2.5", "limit=",
        "limit=1&limit=2", "skip=-1", "skip=100001", "skip=1e3", "limit=99999999999999999999")) {
      add("GET /male-user/calls/history?" + query, "GET", "/male-user/calls/history?" + query, callerToken, null,
          Map.of());
      add("GET /female-user/calls/history?" + query, "GET", "/female-user/calls/history?" + query, receiverToken,
          null, Map.of());
    }
    add("DELETE /male-user/calls/start", "DELETE", "/male-user/calls/start", callerToken, null, Map.of());
    add("GET /male-user/calls/end", "GET", "/male-user/calls/end", callerToken, null, Map.of());
    add("PATCH /admin/platform-config", "PATCH", "/admin/platform-config", admin,
        "{\"minCallCoins\":5,\"adminSharePercentage\":5}", Map.of());
  }

  private String callerEnd(String receiverId, String duration, String callType, String callId) {
    return "{\"receiverId\":\"" + receiverId + "\",\"duration\":" + duration + ",\"callType\":" + callType
        + ",\"callId\":\"" + callId + "\"}";
  }

  private String receiverEnd(String callerId, String duration, String callId) {
    return "{\"callerId\":\"" + callerId + "\",\"duration\":" + duration + ",\"callType\":\"audio\",\"callId\":\""
        + callId + "\"}";
  }

  private static String levelBody(String audio, String video, String margin) {
    return "{\"isActive\":true,\"audioRatePerMinute\":" + audio + ",\"videoRatePerMinute\":" + video
        + ",\"platformMarginPerMinute\":{\"agency\":" + margin + ",\"nonAgency\":" + margin + "}}";
  }

  private static String receiverBody(String online, String level, String agency) {
    return "{\"name\":\"Mallory\",\"email\":\"m@example.com\",\"profileImage\":null,\"onlineStatus\":" + online
        + ",\"currentLevel\":" + level + ",\"agencyId\":" + agency + ",\"reviewAccepted\":true,\"blockList\":[]}";
  }

  private void add(String name, String method, String path, String token, String body, Map<String, String> headers) {
    probes.add(new Probe(name, method, path, token, body, headers));
  }
}
