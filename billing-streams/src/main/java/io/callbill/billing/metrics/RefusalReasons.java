package io.callbill.billing.metrics;

import io.callbill.billing.reply.Messages;
import java.util.List;
import java.util.Map;

/**
 * The bounded set of reasons a refused command is counted under: one short tag per refusal message billing sends.
 *
 * <p>Why a table and not the message itself: a tag value must come from a small, fixed set (every value is a series
 * in Prometheus), and a message may carry a number ({@link Messages#refundExceeds}); a caller id is never a tag. A
 * message that is not in the table (a new refusal nobody added here) is counted as {@link #OTHER}, so it shows on the
 * dashboard as a reason to add.
 */
public final class RefusalReasons {

  public static final String OTHER = "other";
  private static final String REFUND_EXCEEDS = "refund_exceeds";
  private static final String REFUND_EXCEEDS_PREFIX = Messages.refundExceeds(0).replaceAll("\\d+ coins left$", "");

  private static final Map<String, String> BY_MESSAGE = Map.ofEntries(
      Map.entry(Messages.CALLER_NOT_FOUND, "caller_not_found"),
      Map.entry(Messages.RECEIVER_NOT_FOUND, "receiver_not_found"),
      Map.entry(Messages.USER_NOT_FOUND, "user_not_found"),
      Map.entry(Messages.RECEIVER_OFFLINE, "receiver_offline"),
      Map.entry(Messages.BLOCKED, "blocked"),
      Map.entry(Messages.LEVEL_CONFIG_NOT_FOUND, "level_config_not_found"),
      Map.entry(Messages.NO_RATE_FOR_CALL_TYPE, "no_rate_for_call_type"),
      Map.entry(Messages.ADMIN_SHARE_NOT_CONFIGURED, "admin_share_not_configured"),
      Map.entry(Messages.BELOW_MIN_CALL_COINS, "below_min_call_coins"),
      Map.entry(Messages.NOT_ENOUGH_COINS, "not_enough_coins"),
      Map.entry(Messages.ACTIVE_SESSION_EXISTS, "active_session_exists"),
      Map.entry(Messages.SESSION_NOT_FOUND, "session_not_found"),
      Map.entry(Messages.DURATION_NEGATIVE, "duration_negative"),
      Map.entry(Messages.NOT_CONNECTED, "not_connected"),
      Map.entry(Messages.INSUFFICIENT_COINS, "insufficient_coins"),
      Map.entry(Messages.INVALID_AMOUNT, "invalid_amount"),
      Map.entry(Messages.RATING_CALL_NOT_FOUND, "rating_call_not_found"),
      Map.entry(Messages.ALREADY_RATED, "already_rated"),
      Map.entry(Messages.INVALID_STARS, "invalid_stars"),
      Map.entry(Messages.COMMAND_IN_FUTURE, "command_in_future"),
      Map.entry(Messages.CALLER_MISMATCH, "caller_mismatch"),
      Map.entry(Messages.UNKNOWN_COMMAND, "unknown_command"),
      Map.entry(Messages.COMMAND_ID_REQUIRED, "command_id_required"),
      Map.entry(Messages.CALLER_ID_REQUIRED, "caller_id_required"),
      Map.entry(Messages.CALL_ID_REQUIRED, "call_id_required"),
      Map.entry(Messages.RECEIVER_ID_REQUIRED, "receiver_id_required"),
      Map.entry(Messages.REFERENCE_REQUIRED, "reference_required"),
      Map.entry(Messages.PARTY_NOT_ALLOWED, "party_not_allowed"),
      Map.entry(Messages.REFUND_CALL_NOT_FOUND, "refund_call_not_found"),
      Map.entry(Messages.INVALID_REFUND_COINS, "invalid_refund_coins"),
      Map.entry(Messages.PAYOUT_NOT_COVERED, "payout_not_covered"),
      Map.entry(Messages.ACCOUNT_ID_REQUIRED, "account_id_required"),
      Map.entry(Messages.PAYOUT_ACCOUNT_NOT_ALLOWED, "payout_account_not_allowed"),
      Map.entry(Messages.INVALID_PAYOUT_AMOUNT, "invalid_payout_amount"),
      Map.entry(Messages.ACCOUNT_KEY_MISMATCH, "account_key_mismatch"));

  private RefusalReasons() {
  }

  /** The reason tag of a refusal message; {@link #OTHER} for one not in the table. */
  public static String of(String message) {
    if (message == null) {
      return OTHER;
    }
    String reason = BY_MESSAGE.get(message);
    if (reason != null) {
      return reason;
    }
    return message.startsWith(REFUND_EXCEEDS_PREFIX) ? REFUND_EXCEEDS : OTHER;
  }

  /** Every reason, to register each counter at zero. */
  public static List<String> all() {
    List<String> all = new java.util.ArrayList<>(BY_MESSAGE.values());
    all.add(REFUND_EXCEEDS);
    all.add(OTHER);
    return List.copyOf(all);
  }
}
