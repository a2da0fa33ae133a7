package io.callbill.billing.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CreditCoins;
import io.callbill.schemas.CallbillSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UnreadableCommandTest {

  private static final CallbillSerdes SERDES = CallbillSerdes.create();

  private static byte[] encoded(String commandId) {
    return SERDES.callCommand().encode(new CallCommand(commandId, "caller-1", Instant.EPOCH,
        new CreditCoins(10L, "purchase-1")));
  }

  @Test
  void theCommandIdOfACommandWrittenUnderAnUnknownSchemaIsRead() {
    byte[] command = encoded("cmd-42");
    Arrays.fill(command, 2, 10, (byte) 7);

    assertThat(UnreadableCommand.commandId(command)).hasValue("cmd-42");
  }

  @Test
  void theCommandIdOfATruncatedCommandIsRead() {
    byte[] command = encoded("3f2b1c9e-2d4a-4e7b-9a55-0c1d2e3f4a5b");

    assertThat(UnreadableCommand.commandId(Arrays.copyOf(command, 10 + 1 + 36)))
        .hasValue("3f2b1c9e-2d4a-4e7b-9a55-0c1d2e3f4a5b");
  }

  @Test
  void recordsWithoutTheSingleObjectMarkerYieldNoId() {
    assertThat(UnreadableCommand.commandId("not-avro-at-all".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(UnreadableCommand.commandId(null)).isEmpty();
    assertThat(UnreadableCommand.commandId(new byte[] {(byte) 0xC3, 0x01})).isEmpty();
  }

  @Test
  void aFirstFieldThatIsNoPlausibleIdYieldsNoId() {
    byte[] noise = encoded("has spaces and / slashes");
    byte[] tooLong = encoded("x".repeat(200));
    byte[] cutInsideTheId = Arrays.copyOf(encoded("cmd-42"), 13);

    assertThat(UnreadableCommand.commandId(noise)).isEmpty();
    assertThat(UnreadableCommand.commandId(tooLong)).isEmpty();
    assertThat(UnreadableCommand.commandId(cutInsideTheId)).isEmpty();
  }

  @Test
  void theRefusalIsABadRequestThatAppliedNothing() {
    var refusal = UnreadableCommand.refusal("cmd-42", "caller-1", Instant.EPOCH);

    assertThat(refusal.getCommandId()).isEqualTo("cmd-42");
    assertThat(refusal.getHttpStatus()).isEqualTo(400);
    assertThat(refusal.getSuccess()).isFalse();
    assertThat(refusal.getData()).isNull();
  }
}
