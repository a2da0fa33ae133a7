package io.callbill.billing.caller;

import io.callbill.avro.CallCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The id billing gives the call a start command opens. Public because a tool that writes a call's commands before
 * billing runs (the benchmark's drain) must name the call in its accept and end without waiting for the answer.
 */
public final class CallIds {

  private CallIds() {
  }

  /**
   * A short id, unique per start command, derived from it (not random) so a re-processed command yields the same id.
   * Fits the API's id pattern ^[A-Za-z0-9_-]{1,64}$.
   *
   * @param now the start record's time, the time billing decides the start at
   */
  public static String of(CallCommand start, Instant now) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((start.getCallerId() + '\n' + start.getCommandId()).getBytes(StandardCharsets.UTF_8));
      return "call_" + Long.toString(now.toEpochMilli(), 36) + "_" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
