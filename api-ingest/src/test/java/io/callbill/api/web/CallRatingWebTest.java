package io.callbill.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.callbill.api.UnavailableException;
import io.callbill.api.command.CommandIds;
import io.callbill.api.history.NoDatabaseCallHistory;
import io.callbill.avro.CallCommand;
import io.callbill.avro.RateCall;
import io.callbill.avro.RatingAccepted;
import io.callbill.avro.Receiver;
import io.callbill.billing.reply.Messages;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * POST /female-user/calls/rate: the seed's checks and messages, the call's caller found in the history (only for
 * calls made to the token's receiver), the RateCall keyed by that caller, and billing's answer rendered.
 */
class CallRatingWebTest extends WebLayerTest {

  @BeforeEach
  void reviewedReceiverWithACall() {
    referenceData.seed(new Receiver("r1", "Rita", null, null, true, 1, null, true, List.of()));
    history.call("call-1", "c1", "r1");
  }

  @Test
  void aRatingIsSentKeyedByTheCallsCallerAndBillingsAnswerRendered() throws Exception {
    gateway.answer(200, true, Messages.RATING_SUBMITTED, new RatingAccepted(4, "Good"));

    post("/female-user/calls/rate", tokens.receiver("r1"), """
        {"callId": "call-1", "stars": 4}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.message").value("Rating submitted successfully"))
        .andExpect(jsonPath("$.data.stars").value(4))
        .andExpect(jsonPath("$.data.message").value("Good"));

    CallCommand sent = gateway.last();
    assertThat(gateway.submitted()).hasSize(1);
    assertThat(sent.getCallerId()).isEqualTo("c1");
    assertThat(sent.getIssuedAt()).isEqualTo(NOW);
    assertThat(sent.getCommand()).isEqualTo(new RateCall("call-1", "r1", 4));
  }

  @Test
  void aFractionlessDecimalIsAWholeNumberOfStars() throws Exception {
    post("/female-user/calls/rate", tokens.receiver("r1"), """
        {"callId": "call-1", "stars": 5.0}""")
        .andExpect(status().isOk());

    assertThat(gateway.last().getCommand()).isEqualTo(new RateCall("call-1", "r1", 5));
  }

  @Test
  void billingsRefusalIsAnsweredAsIs() throws Exception {
    gateway.answer(400, false, Messages.ALREADY_RATED, null);

    post("/female-user/calls/rate", tokens.receiver("r1"), """
        {"callId": "call-1", "stars": 2}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value("Call has already been rated"))
        .andExpect(jsonPath("$.data").doesNotExist());
  }

  @Test
  void aCallNotInTheReceiversHistoryIs404AndNothingIsSent() throws Exception {
    history.call("call-2", "c1", "r-other");

    for (String callId : List.of("call-2", "call-unknown")) {
      post("/female-user/calls/rate", tokens.receiver("r1"), """
          {"callId": "%s", "stars": 3}""".formatted(callId))
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.success").value(false))
          .andExpect(jsonPath("$.message").value(Messages.RATING_CALL_NOT_FOUND))
          .andExpect(jsonPath("$.data").doesNotExist());
    }
    assertThat(gateway.submitted()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"stars\": 4}", "{\"callId\": null, \"stars\": 4}", "{\"callId\": \"\", \"stars\": 4}",
      "{\"callId\": \"  \", \"stars\": 4}"})
  void aMissingCallIdIsTheSeeds400(String body) throws Exception {
    post("/female-user/calls/rate", tokens.receiver("r1"), body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.message").value("Call ID is required"))
        .andExpect(jsonPath("$.field").value("callId"));
    assertThat(gateway.submitted()).isEmpty();
    assertThat(history.reads()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"callId\": \"call/1\", \"stars\": 4}", "{\"callId\": \"call 1\", \"stars\": 4}",
      "{\"callId\": 42, \"stars\": 4}"})
  void aCallIdThatIsNotAnIdIs400(String body) throws Exception {
    post("/female-user/calls/rate", tokens.receiver("r1"), body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.field").value("callId"));
    assertThat(gateway.submitted()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"callId\": \"call-1\"}", "{\"callId\": \"call-1\", \"stars\": null}",
      "{\"callId\": \"call-1\", \"stars\": \"4\"}", "{\"callId\": \"call-1\", \"stars\": 0}",
      "{\"callId\": \"call-1\", \"stars\": 6}", "{\"callId\": \"call-1\", \"stars\": -1}",
      "{\"callId\": \"call-1\", \"stars\": 4.5}", "{\"callId\": \"call-1\", \"stars\": true}",
      "{\"callId\": \"call-1\", \"stars\": [4]}", "{\"callId\": \"call-1\", \"stars\": {\"n\": 4}}",
      "{\"callId\": \"call-1\", \"stars\": 1e400}", "{\"callId\": \"call-1\", \"stars\": 40000000000}"})
  void starsOutsideOneToFiveAreTheSeeds400(String body) throws Exception {
    post("/female-user/calls/rate", tokens.receiver("r1"), body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.message").value(Messages.INVALID_STARS))
        .andExpect(jsonPath("$.field").value("stars"));
    assertThat(gateway.submitted()).isEmpty();
    assertThat(history.reads()).isEmpty();
  }

  @Test
  void malformedJsonIs400() throws Exception {
    post("/female-user/calls/rate", tokens.receiver("r1"), "{\"callId\": \"call-1\", \"stars\": 4")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyIsTheSameCommand() throws Exception {
    for (int i = 0; i < 2; i++) {
      perform(withToken(MockMvcRequestBuilders.post("/female-user/calls/rate"), tokens.receiver("r1"))
          .header(CommandOrigin.IDEMPOTENCY_KEY, "rate-1")
          .contentType("application/json").content("""
              {"callId": "call-1", "stars": 4}"""))
          .andExpect(status().isOk());
    }

    assertThat(gateway.submitted()).extracting(CallCommand::getCommandId).containsOnly(
        CommandIds.fromIdempotencyKey("receiver", "r1", "POST", "/female-user/calls/rate", "rate-1"));
  }

  @Test
  void onlyAReviewedReceiverMayRate() throws Exception {
    referenceData.seed(new Receiver("r2", "Rae", null, null, true, 1, null, false, List.of()));
    history.call("call-3", "c1", "r2");

    post("/female-user/calls/rate", tokens.receiver("r2"), """
        {"callId": "call-3", "stars": 4}""").andExpect(status().isForbidden());
    post("/female-user/calls/rate", tokens.caller("c1"), """
        {"callId": "call-1", "stars": 4}""").andExpect(status().isForbidden());
    post("/female-user/calls/rate", null, """
        {"callId": "call-1", "stars": 4}""").andExpect(status().isUnauthorized());

    assertThat(gateway.submitted()).isEmpty();
    assertThat(history.reads()).isEmpty();
  }

  @Test
  void withoutADatabaseARatingIs503AndNothingIsSent() throws Exception {
    history.fail(new UnavailableException(NoDatabaseCallHistory.NOT_CONFIGURED));

    post("/female-user/calls/rate", tokens.receiver("r1"), """
        {"callId": "call-1", "stars": 4}""")
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.message").value("History is not available"));
    assertThat(gateway.submitted()).isEmpty();
  }

  @Test
  void theApisMessagesAreBillings() {
    assertThat(ReceiverController.RATING_CALL_NOT_FOUND).isEqualTo(Messages.RATING_CALL_NOT_FOUND);
    assertThat(io.callbill.api.web.request.RateCallRequest.INVALID_STARS).isEqualTo(Messages.INVALID_STARS);
  }
}
