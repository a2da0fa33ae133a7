package io.callbill.api.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Command ids: random, or derived from the client's {@code Idempotency-Key} so that a retry of the same request maps
 * to the same command, which billing-streams answers with its stored reply instead of applying it again. The derived
 * id is scoped by role, user and route, so two users (or two routes) never share one, whatever keys they send.
 */
public final class CommandIds {

  private CommandIds() {
  }

  public static String random() {
    return UUID.randomUUID().toString();
  }

  /** A name-based UUID (SHA-256, version 8 layout) of role, subject, method + path and key. */
  public static String fromIdempotencyKey(String role, String subject, String method, String path, String key) {
    String name = String.join("\n", role, subject, method + " " + path, key);
    byte[] hash = sha256(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bits.getLong(), bits.getLong()).toString();
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
