package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Bad input anywhere is 400 with a message naming the field, never 500, and nothing is sent or written. Each case
 * gives the route, the body, the field named and a fragment of the message.
 */
class InputValidationWebTest extends WebLayerTest {

  @AfterEach
  void nothingWasSentOrWritten() {
    assertThat(gateway.submitted()).isEmpty();
    assertThat(referenceData.written()).isEmpty();
  }

  @ParameterizedTest(name = "start {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"callType": "audio"}                          | receiverId | Receiver ID is required
      {"receiverId": "", "callType": "audio"}        | receiverId | Receiver ID is required
      {"receiverId": "r 1", "callType": "audio"}     | receiverId | receiverId must match
      {"receiverId": "r1/../x", "callType": "audio"} | receiverId | receiverId must match
      {"receiverId": "r1", "callType": "fax"}        | callType   | callType must be 'audio' or 'video'
      {"receiverId": "r1"}                           | callType   | callType must be 'audio' or 'video'
      {"receiverId": "r1", "callType": 5}            | callType   | callType must be a string
      {"receiverId": 42, "callType": "audio"}        | receiverId | receiverId must be a string
      {"receiverId": ["r1"], "callType": "audio"}    | receiverId | receiverId must be a string
      {"receiverId": "r1", "callType": "audio"       | body       | Malformed JSON
      {"receiverId": "r1", "callType": "audio"} xx   | body       | Malformed JSON
      not json at all                                | body       | Malformed JSON
      ["r1", "audio"]                                | body       | must be
      """)
  void startRefusesBadInput(String body, String field, String message) throws Exception {
    post("/male-user/calls/start", tokens.caller("c1"), body)
        .andExpect(badInput(field, message))
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.data").doesNotExist());
  }

  @ParameterizedTest(name = "end {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"duration": 180, "callId": "k1"}                                   | receiverId | Receiver ID and duration are required
      {"receiverId": "r1", "callId": "k1"}                                | duration   | Receiver ID and duration are required
      {"receiverId": "r1", "duration": null, "callId": "k1"}              | duration   | Receiver ID and duration are required
      {"receiverId": "r1", "duration": -1, "callId": "k1"}                | duration   | Duration cannot be negative
      {"receiverId": "r1", "duration": 86401, "callId": "k1"}             | duration   | at most 86400 seconds
      {"receiverId": "r1", "duration": 9223372036854775807, "callId": "k1"} | duration | at most 86400 seconds
      {"receiverId": "r1", "duration": 99999999999999999999, "callId": "k1"} | duration | duration must be a whole number
      {"receiverId": "r1", "duration": 1e30, "callId": "k1"}              | duration   | duration must be a whole number
      {"receiverId": "r1", "duration": 180.5, "callId": "k1"}             | duration   | duration must be a whole number
      {"receiverId": "r1", "duration": "180", "callId": "k1"}             | duration   | duration must be a whole number
      {"receiverId": "r1", "duration": true, "callId": "k1"}              | duration   | duration must be a whole number
      {"receiverId": "r1", "duration": 180}                               | callId     | Call session ID is required
      {"receiverId": "r1", "duration": 180, "callId": "k 1"}              | callId     | callId must match
      {"receiverId": "r1", "duration": 180, "callId": "k1", "callType": "fax"} | callType | callType must be 'audio' or 'video'
      {"receiverId": "r1", "duration": 180, "callId": "k1", "callType": 1} | callType  | callType must be a string
      """)
  void callerEndRefusesBadInput(String body, String field, String message) throws Exception {
    post("/male-user/calls/end", tokens.caller("c1"), body)
        .andExpect(badInput(field, message));
  }

  @ParameterizedTest(name = "receiver end {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"duration": 180, "callId": "k1"}                      | callerId | Caller ID and duration are required
      {"callerId": "c1", "callId": "k1"}                     | duration | Caller ID and duration are required
      {"callerId": "c1", "duration": -5, "callId": "k1"}     | duration | Duration cannot be negative
      {"callerId": "c1", "duration": 100000, "callId": "k1"} | duration | at most 86400 seconds
      {"callerId": "c#1", "duration": 180, "callId": "k1"}   | callerId | callerId must match
      {"callerId": "c1", "duration": 180}                    | callId   | Call session ID is required
      """)
  void receiverEndRefusesBadInput(String body, String field, String message) throws Exception {
    referenceData.seed(AdminWebTest.receiver("r1", true));
    post("/female-user/calls/end", tokens.receiver("r1"), body)
        .andExpect(badInput(field, message));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      /male-user/calls/heartbeat   | {}                                    | callId | Call session ID is required
      /male-user/calls/heartbeat   | {"callId": ""}                        | callId | Call session ID is required
      /male-user/calls/heartbeat   | {"callId": null}                      | callId | Call session ID is required
      /male-user/calls/heartbeat   | {"callId": "k 1"}                     | callId | callId must match
      /male-user/calls/heartbeat   | {"callId": 42}                        | callId | callId must be a string
      /male-user/calls/heartbeat   | {"callId": ["k1"]}                    | callId | callId must be a string
      /male-user/calls/heartbeat   | {"callId": "k1"                       | body   | Malformed JSON
      /male-user/calls/heartbeat   | ["k1"]                                | body   | must be
      /female-user/calls/accept    | {}                                    | callId | Call session ID is required
      /female-user/calls/accept    | {"callId": "../k1"}                   | callId | callId must match
      /female-user/calls/accept    | {"callId": true}                      | callId | callId must be a string
      /female-user/calls/accept    | not json                              | body   | Malformed JSON
      /female-user/calls/heartbeat | {"callerId": "c1"}                    | callId | Call session ID is required
      /female-user/calls/heartbeat | {"callId": "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"} | callId | callId must match
      /female-user/calls/heartbeat | {"callId": {"id": "k1"}}              | callId | callId must be a string
      """)
  void meteringRoutesOfCallersAndReceiversRefuseBadInput(String path, String body, String field, String message)
      throws Exception {
    referenceData.seed(AdminWebTest.receiver("r1", true));
    String token = path.startsWith("/male-user") ? tokens.caller("c1") : tokens.receiver("r1");
    post(path, token, body)
        .andExpect(badInput(field, message))
        .andExpect(jsonPath("$.success").value(false));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      /platform/calls/accept    | {"callerId": "c1"}                                   | callId   | Call session ID is required
      /platform/calls/accept    | {"callId": "k1"}                                     | callerId | Caller ID is required
      /platform/calls/accept    | {"callId": "k1", "callerId": ""}                     | callerId | Caller ID is required
      /platform/calls/accept    | {"callId": "k1", "callerId": "c#1"}                  | callerId | callerId must match
      /platform/calls/accept    | {"callId": "k1", "callerId": 7}                      | callerId | callerId must be a string
      /platform/calls/heartbeat | {"callId": "k 1", "callerId": "c1"}                  | callId   | callId must match
      /platform/calls/heartbeat | {"callId": "k1", "callerId": "c1"} x                 | body     | Malformed JSON
      /platform/calls/end       | {"callerId": "c1", "duration": 5}                    | callId   | Call session ID is required
      /platform/calls/end       | {"callId": "k1", "duration": 5}                      | callerId | Caller ID is required
      /platform/calls/end       | {"callId": "k1", "callerId": "c1"}                   | duration | Duration is required
      /platform/calls/end       | {"callId": "k1", "callerId": "c1", "duration": null} | duration | Duration is required
      /platform/calls/end       | {"callId": "k1", "callerId": "c1", "duration": -1}   | duration | Duration cannot be negative
      /platform/calls/end       | {"callId": "k1", "callerId": "c1", "duration": 86401} | duration | at most 86400 seconds
      /platform/calls/end       | {"callId": "k1", "callerId": "c1", "duration": 9.5}  | duration | duration must be a whole number
      /platform/calls/end       | {"callId": "k1", "callerId": "c1", "duration": "5"}  | duration | duration must be a whole number
      /platform/calls/end       | {"callId": "k1", "callerId": "c1", "duration": 1e30} | duration | duration must be a whole number
      """)
  void platformRoutesRefuseBadInput(String path, String body, String field, String message) throws Exception {
    post(path, tokens.token("media-1", "platform", java.time.Duration.ofMinutes(5)), body)
        .andExpect(badInput(field, message))
        .andExpect(jsonPath("$.success").value(false));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      /admin/level-configs/1   | {"isActive": true, "audioRatePerMinute": 30.12345, "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}} | audioRatePerMinute | at most 4 decimal places
      /admin/level-configs/1   | {"isActive": true, "videoRatePerMinute": -1, "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}      | videoRatePerMinute | between 0 and
      /admin/level-configs/1   | {"isActive": true, "audioRatePerMinute": 1e12, "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}   | audioRatePerMinute | between 0 and
      /admin/level-configs/1   | {"isActive": true, "audioRatePerMinute": "30", "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}   | audioRatePerMinute | must be a number
      /admin/level-configs/1   | {"isActive": true, "audioRatePerMinute": 30}                                                              | platformMarginPerMinute | platformMarginPerMinute is required
      /admin/level-configs/1   | {"isActive": true, "platformMarginPerMinute": {"agency": 1}}                                              | platformMarginPerMinute.nonAgency | is required
      /admin/level-configs/1   | {"isActive": true, "platformMarginPerMinute": {"agency": "x", "nonAgency": 1}}                            | platformMarginPerMinute.agency | must be a number
      /admin/level-configs/1   | {"isActive": "yes", "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}                             | isActive | must be true or false
      /admin/level-configs/1   | {"platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}                                                | isActive | isActive is required
      /admin/level-configs/one | {"isActive": true, "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}                              | level | level must be a whole number
      /admin/level-configs/-1  | {"isActive": true, "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}                              | level | level must be a whole number
      /admin/level-configs/99999999 | {"isActive": true, "platformMarginPerMinute": {"agency": 1, "nonAgency": 1}}                         | level | level must be a whole number
      /admin/platform-config   | {"minCallCoins": -1, "adminSharePercentage": 60}                                                         | minCallCoins | minCallCoins must be a whole number
      /admin/platform-config   | {"minCallCoins": 0, "adminSharePercentage": 100.5}                                                       | adminSharePercentage | between 0 and 100
      /admin/platform-config   | {"minCallCoins": 0, "adminSharePercentage": 33.33333}                                                    | adminSharePercentage | at most 4 decimal places
      /admin/callers/c1        | {"firstName": "A", "blockList": ["r1", "r 2"]}                                                           | blockList[1] | blockList[1] must match
      /admin/callers/c1        | {"firstName": 7}                                                                                         | firstName | firstName must be a string
      /admin/callers/c1        | {"blockList": "r1"}                                                                                      | blockList | blockList must be an array
      /admin/callers/c.1       | {"firstName": "A"}                                                                                       | callerId | callerId must match
      /admin/receivers/r1      | {"name": "R", "onlineStatus": true}                                                                      | currentLevel | currentLevel is required
      /admin/receivers/r1      | {"name": "R", "currentLevel": 1, "agencyId": "a/1"}                                                     | agencyId | agencyId must match
      /admin/receivers/r1      | {"name": "R", "currentLevel": 1.5}                                                                       | currentLevel | currentLevel must be a whole number
      /admin/receivers/r1      | {"name": "R", "currentLevel": 1, "reviewAccepted": "true"}                                               | reviewAccepted | must be true or false
      /admin/agencies/a1       | {"name": ["A"]}                                                                                          | name | name must be a string
      /admin/agencies/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | {"name": "A"}                             | agencyId | agencyId must match
      """)
  void adminPutsRefuseBadInput(String path, String body, String field, String message) throws Exception {
    put(path, tokens.admin("ops"), body)
        .andExpect(badInput(field, message));
  }

  @ParameterizedTest(name = "coins {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"reference": "p1"}                       | amount    | amount is required
      {"amount": 0, "reference": "p1"}          | amount    | amount must be a whole number from 1 to 1000000000
      {"amount": -840, "reference": "p1"}       | amount    | amount must be a whole number from 1
      {"amount": 1000000001, "reference": "p1"} | amount    | amount must be a whole number from 1
      {"amount": 12.5, "reference": "p1"}       | amount    | amount must be a whole number
      {"amount": 840}                           | reference | reference is required
      {"amount": 840, "reference": "a b"}       | reference | reference must match
      """)
  void coinCreditRefusesBadInput(String body, String field, String message) throws Exception {
    post("/admin/callers/c1/coins", tokens.admin("ops"), body)
        .andExpect(badInput(field, message));
  }

  @Test
  void statusSwitchRefusesANonBoolean() throws Exception {
    referenceData.seed(AdminWebTest.receiver("r1", true));
    put("/female-user/status", tokens.receiver("r1"), """
        {"onlineStatus": "on"}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("onlineStatus"));
    put("/female-user/status", tokens.receiver("r1"), "{}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("onlineStatus"));
  }

  @Test
  void aMissingBodyIs400() throws Exception {
    perform(withToken(MockMvcRequestBuilders.post("/male-user/calls/start"), tokens.caller("c1"))
        .contentType(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("body"));
  }

  @Test
  void aBodyOver16KiBIs400NamingTheBody() throws Exception {
    String padding = "x".repeat(16 * 1024);
    post("/male-user/calls/start", tokens.caller("c1"), """
        {"receiverId": "r1", "callType": "audio", "note": "%s"}""".formatted(padding))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("body"))
        .andExpect(jsonPath("$.message").value("Request body must not exceed 16384 bytes"));
  }

  @Test
  void aBadPathIdOnAWalletIs400() throws Exception {
    get("/admin/wallets/receiver/r.1", tokens.admin("ops"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("receiverId"));
  }

  @Test
  void aUrlTheFirewallRefusesIs400InTheEnvelope() throws Exception {
    perform(withToken(MockMvcRequestBuilders.get(java.net.URI.create("/admin/wallets/receiver/r%2F..%2Fx")),
        tokens.admin("ops")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.field").value("path"));
  }
}
