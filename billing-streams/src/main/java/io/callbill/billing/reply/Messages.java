package io.callbill.billing.reply;

import io.callbill.avro.Reason;
import io.callbill.schemas.SeedAnswers;

/**
 * The texts of billing's answers by name, for billing's checks and tests; each text is spelled once, in
 * {@link SeedAnswers}, the table the API renders reasons with.
 */
public final class Messages {

  public static final String CALL_CAN_START = SeedAnswers.message(Reason.CALL_CAN_START);
  public static final String CALL_ENDED = SeedAnswers.message(Reason.CALL_ENDED);
  public static final String CALLER_NOT_FOUND = SeedAnswers.message(Reason.CALLER_NOT_FOUND);
  public static final String RECEIVER_NOT_FOUND = SeedAnswers.message(Reason.RECEIVER_NOT_FOUND);
  public static final String USER_NOT_FOUND = SeedAnswers.message(Reason.USER_NOT_FOUND);
  public static final String RECEIVER_OFFLINE = SeedAnswers.message(Reason.RECEIVER_OFFLINE);
  public static final String BLOCKED = SeedAnswers.message(Reason.BLOCKED);
  public static final String LEVEL_CONFIG_NOT_FOUND = SeedAnswers.message(Reason.LEVEL_CONFIG_NOT_FOUND);
  public static final String NO_RATE_FOR_CALL_TYPE = SeedAnswers.message(Reason.NO_RATE_FOR_CALL_TYPE);
  public static final String ADMIN_SHARE_NOT_CONFIGURED = SeedAnswers.message(Reason.ADMIN_SHARE_NOT_CONFIGURED);
  public static final String BELOW_MIN_CALL_COINS = SeedAnswers.message(Reason.BELOW_MIN_CALL_COINS);
  public static final String NOT_ENOUGH_COINS = SeedAnswers.message(Reason.NOT_ENOUGH_COINS);
  public static final String ACTIVE_SESSION_EXISTS = SeedAnswers.message(Reason.ACTIVE_SESSION_EXISTS);
  public static final String SESSION_NOT_FOUND = SeedAnswers.message(Reason.SESSION_NOT_FOUND);
  public static final String DURATION_NEGATIVE = SeedAnswers.message(Reason.DURATION_NEGATIVE);
  public static final String NOT_CONNECTED = SeedAnswers.message(Reason.NOT_CONNECTED);
  public static final String INSUFFICIENT_COINS = SeedAnswers.message(Reason.INSUFFICIENT_COINS);
  public static final String COINS_CREDITED = SeedAnswers.message(Reason.COINS_CREDITED);
  public static final String COINS_ALREADY_CREDITED = SeedAnswers.message(Reason.COINS_ALREADY_CREDITED);
  public static final String INVALID_AMOUNT = SeedAnswers.message(Reason.INVALID_AMOUNT);
  public static final String HEARTBEAT_RECORDED = SeedAnswers.message(Reason.HEARTBEAT_RECORDED);
  public static final String ACTIVE_CALL = SeedAnswers.message(Reason.ACTIVE_CALL);
  public static final String NO_ACTIVE_CALL = SeedAnswers.message(Reason.NO_ACTIVE_CALL);
  public static final String WALLET = SeedAnswers.message(Reason.WALLET);
  public static final String RATING_SUBMITTED = SeedAnswers.message(Reason.RATING_SUBMITTED);
  public static final String RATING_CALL_NOT_FOUND = SeedAnswers.message(Reason.RATING_CALL_NOT_FOUND);
  public static final String ALREADY_RATED = SeedAnswers.message(Reason.ALREADY_RATED);
  public static final String INVALID_STARS = SeedAnswers.message(Reason.INVALID_STARS);
  public static final String COMMAND_IN_FUTURE = SeedAnswers.message(Reason.COMMAND_IN_FUTURE);
  public static final String CALLER_MISMATCH = SeedAnswers.message(Reason.CALLER_MISMATCH);
  public static final String CALL_MISSED = SeedAnswers.message(Reason.CALL_MISSED);
  public static final String CALL_ACCEPTED = SeedAnswers.message(Reason.CALL_ACCEPTED);
  public static final String UNKNOWN_COMMAND = SeedAnswers.message(Reason.UNKNOWN_COMMAND);
  public static final String COMMAND_ID_REQUIRED = SeedAnswers.message(Reason.COMMAND_ID_REQUIRED);
  public static final String CALLER_ID_REQUIRED = SeedAnswers.message(Reason.CALLER_ID_REQUIRED);
  public static final String CALL_ID_REQUIRED = SeedAnswers.message(Reason.CALL_ID_REQUIRED);
  public static final String RECEIVER_ID_REQUIRED = SeedAnswers.message(Reason.RECEIVER_ID_REQUIRED);
  public static final String REFERENCE_REQUIRED = SeedAnswers.message(Reason.REFERENCE_REQUIRED);
  public static final String PARTY_NOT_ALLOWED = SeedAnswers.message(Reason.PARTY_NOT_ALLOWED);
  public static final String COMMAND_UNREADABLE = SeedAnswers.message(Reason.COMMAND_UNREADABLE);
  public static final String CALL_REFUNDED = SeedAnswers.message(Reason.CALL_REFUNDED);
  public static final String REFUND_ALREADY_MADE = SeedAnswers.message(Reason.REFUND_ALREADY_MADE);
  public static final String REFUND_CALL_NOT_FOUND = SeedAnswers.message(Reason.REFUND_CALL_NOT_FOUND);
  public static final String INVALID_REFUND_COINS = SeedAnswers.message(Reason.INVALID_REFUND_COINS);
  public static final String PAYOUT_MADE = SeedAnswers.message(Reason.PAYOUT_MADE);
  public static final String PAYOUT_ALREADY_MADE = SeedAnswers.message(Reason.PAYOUT_ALREADY_MADE);
  public static final String PAYOUT_NOT_COVERED = SeedAnswers.message(Reason.PAYOUT_NOT_COVERED);
  public static final String ACCOUNT_ID_REQUIRED = SeedAnswers.message(Reason.ACCOUNT_ID_REQUIRED);
  public static final String PAYOUT_ACCOUNT_NOT_ALLOWED = SeedAnswers.message(Reason.PAYOUT_ACCOUNT_NOT_ALLOWED);
  public static final String INVALID_PAYOUT_AMOUNT = SeedAnswers.message(Reason.INVALID_PAYOUT_AMOUNT);
  public static final String ACCOUNT_KEY_MISMATCH = SeedAnswers.message(Reason.ACCOUNT_KEY_MISMATCH);

  /** A refund above what is left of the charge (or of nothing left): names the amount that may still be refunded. */
  public static String refundExceeds(long coinsLeft) {
    return SeedAnswers.refundExceeds(coinsLeft);
  }

  private Messages() {
  }
}
