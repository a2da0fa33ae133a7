package io.callbill.billing.reply;

/** The answers of the seed's call controllers, word for word where the seed spells them out. */
public final class Messages {

  public static final String CALL_CAN_START = "Call can start";
  public static final String CALL_ENDED = "Call ended successfully";
  public static final String CALLER_NOT_FOUND = "Caller not found";
  public static final String RECEIVER_NOT_FOUND = "Receiver not found";
  public static final String USER_NOT_FOUND = "User not found";
  public static final String RECEIVER_OFFLINE = "The selected user is currently offline";
  public static final String BLOCKED = "You cannot call this user";
  public static final String LEVEL_CONFIG_NOT_FOUND = "Level configuration not found for receiver";
  public static final String NO_RATE_FOR_CALL_TYPE = "Level configuration does not have rate set for this call type";
  public static final String ADMIN_SHARE_NOT_CONFIGURED = "Admin share percentage not configured";
  public static final String BELOW_MIN_CALL_COINS = "Insufficient balance to start call. Please recharge.";
  public static final String NOT_ENOUGH_COINS = "Not enough coins to start the call";
  public static final String ACTIVE_SESSION_EXISTS = "You already have an active call session";
  public static final String SESSION_NOT_FOUND =
      "Call session not found or invalid. Call may have expired or already ended.";
  public static final String DURATION_NEGATIVE = "Duration cannot be negative";
  public static final String NOT_CONNECTED = "Call did not connect. No charges applied.";
  public static final String INSUFFICIENT_COINS = "Insufficient coins for male user to complete call";
  public static final String COINS_CREDITED = "Coins credited";
  public static final String COINS_ALREADY_CREDITED = "Coins already credited for this reference";
  public static final String INVALID_AMOUNT = "Amount must be a positive number of coins";
  public static final String HEARTBEAT_RECORDED = "Heartbeat recorded";
  public static final String ACTIVE_CALL = "Active call";
  public static final String NO_ACTIVE_CALL = "No active call";
  public static final String WALLET = "Wallet balance";
  public static final String RATING_SUBMITTED = "Rating submitted successfully";
  public static final String RATING_CALL_NOT_FOUND = "Call not found or you are not authorized to rate this call";
  public static final String ALREADY_RATED = "Call has already been rated";
  public static final String INVALID_STARS = "Stars must be a number between 1 and 5";
  public static final String COMMAND_IN_FUTURE = "Command time is too far in the future; check the producer's clock";
  public static final String CALLER_MISMATCH = "Command key does not match callerId";
  public static final String CALL_MISSED = "Call was not answered. No charges applied.";
  public static final String CALL_ACCEPTED = "Call accepted";
  public static final String UNKNOWN_COMMAND = "Unknown command: billing has no handler for this payload";
  public static final String COMMAND_ID_REQUIRED = "commandId is required";
  public static final String CALLER_ID_REQUIRED = "callerId is required";
  public static final String CALL_ID_REQUIRED = "callId is required";
  public static final String RECEIVER_ID_REQUIRED = "receiverId is required";
  public static final String REFERENCE_REQUIRED = "reference is required";
  public static final String PARTY_NOT_ALLOWED = "party is not allowed for this command";
  public static final String COMMAND_UNREADABLE =
      "Command could not be read; nothing was applied (it was kept on the dead-letter topic)";
  public static final String CALL_REFUNDED = "Call refunded";
  public static final String REFUND_ALREADY_MADE = "Refund already made for this reference";
  public static final String REFUND_CALL_NOT_FOUND =
      "Call not found: unknown, not settled, or settled longer ago than billing keeps calls for refunds";
  public static final String INVALID_REFUND_COINS = "coins must be a positive number of coins";
  public static final String PAYOUT_MADE = "Payout made";
  public static final String PAYOUT_ALREADY_MADE = "Payout already made for this reference";
  public static final String PAYOUT_NOT_COVERED = "Insufficient balance for payout";
  public static final String ACCOUNT_ID_REQUIRED = "accountId is required";
  public static final String PAYOUT_ACCOUNT_NOT_ALLOWED = "Payouts are made to receivers and agencies only";
  public static final String INVALID_PAYOUT_AMOUNT = "Amount must be a positive amount with at most two decimals";
  public static final String ACCOUNT_KEY_MISMATCH = "A payout is keyed by the accountKey of the wallet it pays out";

  /** A refund above what is left of the charge (or of nothing left): names the amount that may still be refunded. */
  public static String refundExceeds(long coinsLeft) {
    return "Refund exceeds what is left of the call's charge: " + coinsLeft + " coins left";
  }

  private Messages() {
  }
}
