package io.callbill.billing.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.Sinks;
import io.callbill.billing.reply.Messages;
import io.callbill.schemas.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A payload no handler knows (a newer producer's command, read by an older billing) gets an explicit refusal, never
 * silence, and a dead letter. The schema cannot carry such a payload, so this drives the processor directly.
 */
class UnknownCommandTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aPayloadNoHandlerKnowsIsRefusedWith400AndDeadLettered() {
    try (CallerProcessorHarness harness = new CallerProcessorHarness(BillingConfig.defaults())) {
      harness.clock(NOW);
      harness.caller("c1", 100);
      harness.context.setRecordMetadata("callbill.call-commands", 2, 41L);

      harness.process("c1", new CallCommand("cmd-1", "c1", NOW, new CoinBalance(5L)));

      var replies = harness.context.forwarded(Sinks.name(BillingTopology.CALLER_COMMANDS, Sinks.REPLIES));
      assertThat(replies).singleElement().satisfies(f -> {
        CommandReply reply = (CommandReply) f.record().value();
        assertThat(reply.getCommandId()).isEqualTo("cmd-1");
        assertThat(reply.getHttpStatus()).isEqualTo(400);
        assertThat(reply.getMessage()).isEqualTo(Messages.UNKNOWN_COMMAND);
      });
      var deadLetters = harness.context.forwarded(Sinks.name(BillingTopology.CALLER_COMMANDS, Sinks.DEAD_LETTERS));
      assertThat(deadLetters).singleElement().satisfies(f -> {
        assertThat(f.record().key()).isEqualTo("c1");
        assertThat(header(f.record().headers(), DeadLetters.MESSAGE)).isEqualTo(Messages.UNKNOWN_COMMAND);
        assertThat(header(f.record().headers(), DeadLetters.OFFSET)).isEqualTo("41");
      });
      assertThat(harness.wallets.get("c1")).isEqualTo(100);
    }
  }

  private static String header(org.apache.kafka.common.header.Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
