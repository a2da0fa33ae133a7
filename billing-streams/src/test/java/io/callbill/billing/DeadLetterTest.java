package io.callbill.billing;

import static io.callbill.billing.BillingFixtures.CALLER;
import static io.callbill.billing.BillingFixtures.RECEIVER;
import static io.callbill.billing.BillingFixtures.callId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.EndCall;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.WalletQuery;
import io.callbill.billing.reply.Messages;
import io.callbill.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a command that breaks an invariant billing relies on gets its refusal (when its id is readable) and a
 * record on the dead-letters topic, the command as it was read with why and where from; state is untouched.
 */
class DeadLetterTest extends WorkedExampleBilling {

  @Test
  void aCommandKeyedByAnotherCallerIsRefusedAndDeadLettered() {
    CommandReply reply = billing.send("someone-else", command(CALLER, new WalletQuery()));

    assertThat(reply.getHttpStatus()).isEqualTo(400);
    assertThat(reply.getMessage()).isEqualTo(Messages.CALLER_MISMATCH);
    TestRecord<String, CallCommand> letter = billing.deadLetters().get(0);
    assertThat(letter.key()).isEqualTo("someone-else");
    assertThat(letter.value().getCommandId()).isEqualTo(reply.getCommandId());
    assertThat(header(letter.headers(), DeadLetters.MESSAGE)).isEqualTo(Messages.CALLER_MISMATCH);
    assertThat(header(letter.headers(), DeadLetters.TOPIC)).isEqualTo(billing.topics().callCommands.name());
    assertThat(header(letter.headers(), DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(header(letter.headers(), DeadLetters.OFFSET)).isNotBlank();
    assertThat(header(letter.headers(), DeadLetters.EXCEPTION)).isNotBlank();
  }

  @Test
  void aNegativeDurationFromThePlatformIsRefusedAndLeavesTheCallOpen() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));
    billing.advance(Duration.ofSeconds(40));

    CommandReply reply = billing.endByPlatform(CALLER, callId, -1);

    assertThat(reply.getMessage()).isEqualTo(Messages.DURATION_NEGATIVE);
    assertThat(billing.session(CALLER)).isNotNull();
    assertThat(billing.deadLetters()).singleElement()
        .satisfies(l -> assertThat(header(l.headers(), DeadLetters.MESSAGE)).isEqualTo(Messages.DURATION_NEGATIVE));
  }

  @Test
  void fieldsOutOfRangeAreRefusedNamingTheField() {
    String callId = callId(billing.start(CALLER, RECEIVER, CallType.audio));

    assertThat(billing.send(CALLER, new EndCall("", RECEIVER, CallParty.caller, 10L)).getMessage())
        .isEqualTo(Messages.CALL_ID_REQUIRED);
    assertThat(billing.send(CALLER, new AcceptCall(callId, CallParty.receiver, null)).getMessage())
        .isEqualTo(Messages.RECEIVER_ID_REQUIRED);
    assertThat(billing.send(CALLER, new AcceptCall(callId, CallParty.caller, null)).getMessage())
        .isEqualTo(Messages.PARTY_NOT_ALLOWED);
    assertThat(billing.send(CALLER, new Heartbeat(callId, CallParty.cutoff, null)).getMessage())
        .isEqualTo(Messages.PARTY_NOT_ALLOWED);
    assertThat(billing.deadLetters()).hasSize(4);
    assertThat(billing.session(CALLER).getAcceptedAt()).isNull();
  }

  @Test
  void aCommandWithoutIdIsDeadLetteredWithoutAReply() {
    billing.send(CALLER, CallCommand.newBuilder(command(CALLER, new WalletQuery())).setCommandId("").build());

    assertThat(billing.deadLetters()).singleElement()
        .satisfies(l -> assertThat(header(l.headers(), DeadLetters.MESSAGE)).isEqualTo(Messages.COMMAND_ID_REQUIRED));
    assertThat(billing.replies()).noneMatch(r -> r.getCommandId().isEmpty());
  }

  @Test
  void validCommandsLeaveNoDeadLetter() {
    billing.wallet(CALLER);
    assertThat(billing.deadLetters()).isEmpty();
  }

  private CallCommand command(String callerId, Object payload) {
    return new CallCommand(UUID.randomUUID().toString(), callerId, billing.now(), payload);
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
