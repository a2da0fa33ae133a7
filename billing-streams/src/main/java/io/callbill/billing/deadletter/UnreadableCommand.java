package io.callbill.billing.deadletter;

import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import io.callbill.billing.reply.Replies;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What can still be read of a command that cannot be decoded: its command id, so that the client waiting for the
 * answer is refused at once instead of timing out.
 *
 * <p>Why this works: a {@code CallCommand} is Avro single-object encoded ({@code C3 01}, the 8-byte fingerprint of
 * the writer schema, then the binary record), and {@code commandId} is the record's first field in every released
 * version, so the body starts with it whatever schema wrote it (an unknown fingerprint) and whatever follows (a
 * payload no branch of the union matches). A record without the marker, or whose first field is not a plausible id,
 * yields nothing: better no answer than an answer to a command id we made up out of noise.
 */
public final class UnreadableCommand {

  /** The single-object encoding's marker and fingerprint: the body starts after them. */
  private static final int BODY_OFFSET = 10;
  /** Command ids are what clients generate (UUIDs, idempotency keys); nothing longer is believed. */
  private static final int MAX_COMMAND_ID_LENGTH = 128;
  private static final Pattern PLAUSIBLE_ID = Pattern.compile("[\\p{Alnum}_.:-]{1," + MAX_COMMAND_ID_LENGTH + "}");

  private UnreadableCommand() {
  }

  /** The command id at the start of an undecodable command's body, if there is a plausible one. */
  public static Optional<String> commandId(byte[] value) {
    if (value == null || value.length < BODY_OFFSET + 2 || (value[0] & 0xFF) != 0xC3 || value[1] != 0x01) {
      return Optional.empty();
    }
    // Avro strings: a zig-zag varint length, then UTF-8 bytes.
    long raw = 0;
    int shift = 0;
    int position = BODY_OFFSET;
    while (true) {
      if (position >= value.length || shift > 28) {
        return Optional.empty();
      }
      int next = value[position++] & 0xFF;
      raw |= (long) (next & 0x7F) << shift;
      shift += 7;
      if ((next & 0x80) == 0) {
        break;
      }
    }
    long length = (raw >>> 1) ^ -(raw & 1);
    if (length < 1 || length > MAX_COMMAND_ID_LENGTH || position + length > value.length) {
      return Optional.empty();
    }
    try {
      String id = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value, position, (int) length))
          .toString();
      return PLAUSIBLE_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** The refusal sent to the client of an unreadable command: 400, nothing applied. */
  public static CommandReply refusal(String commandId, String callerId, Instant now) {
    return Replies.withReason(CommandReply.newBuilder()
        .setCommandId(commandId)
        .setCallerId(callerId == null ? "" : callerId), Reason.COMMAND_UNREADABLE, null)
        .setAnsweredAt(now)
        .build();
  }
}
