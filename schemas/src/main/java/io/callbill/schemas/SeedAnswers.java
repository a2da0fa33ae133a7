package io.callbill.schemas;

import io.callbill.avro.Reason;
import io.callbill.avro.RefundAccepted;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The seed's HTTP answer for each {@link Reason}: its status and its message, word for word where the seed spells
 * them out. The one table of them: the API renders a reply's reason with it, and billing fills a reply's
 * {@code httpStatus} and {@code message} from it for readers built before the reason (an API of the previous
 * release during a rolling upgrade, a kept answer replayed later, tools reading the replies topic).
 *
 * <p>Why in schemas and not in the API: both ends of the replies topic read it, and schemas is the one module both
 * depend on. Billing decides only the reason; no status is spelled anywhere in billing.
 */
public final class SeedAnswers {

  /** What the API answers for one reason; the message may depend on the reply's data. */
  public record Answer(int httpStatus, Function<Object, String> message) {

    public boolean success() {
      return httpStatus == 200;
    }
  }

  private static final Map<Reason, Answer> BY_REASON = new EnumMap<>(Reason.class);

  static {
    fixed(Reason.CALL_CAN_START, 200, "Call can start");
    fixed(Reason.CALL_ENDED, 200, "Call ended successfully");
    fixed(Reason.CALL_ACCEPTED, 200, "Call accepted");
    fixed(Reason.HEARTBEAT_RECORDED, 200, "Heartbeat recorded");
    fixed(Reason.ACTIVE_CALL, 200, "Active call");
    fixed(Reason.NO_ACTIVE_CALL, 200, "No active call");
    fixed(Reason.WALLET, 200, "Wallet balance");
    fixed(Reason.COINS_CREDITED, 200, "Coins credited");
    fixed(Reason.COINS_ALREADY_CREDITED, 200, "Coins already credited for this reference");
    fixed(Reason.RATING_SUBMITTED, 200, "Rating submitted successfully");
    fixed(Reason.CALL_REFUNDED, 200, "Call refunded");
    fixed(Reason.REFUND_ALREADY_MADE, 200, "Refund already made for this reference");
    fixed(Reason.PAYOUT_MADE, 200, "Payout made");
    fixed(Reason.PAYOUT_ALREADY_MADE, 200, "Payout already made for this reference");
    fixed(Reason.CALLER_NOT_FOUND, 404, "Caller not found");
    fixed(Reason.RECEIVER_NOT_FOUND, 404, "Receiver not found");
    fixed(Reason.USER_NOT_FOUND, 404, "User not found");
    fixed(Reason.RECEIVER_OFFLINE, 400, "The selected user is currently offline");
    fixed(Reason.BLOCKED, 400, "You cannot call this user");
    fixed(Reason.LEVEL_CONFIG_NOT_FOUND, 400, "Level configuration not found for receiver");
    fixed(Reason.NO_RATE_FOR_CALL_TYPE, 400, "Level configuration does not have rate set for this call type");
    fixed(Reason.ADMIN_SHARE_NOT_CONFIGURED, 400, "Admin share percentage not configured");
    fixed(Reason.BELOW_MIN_CALL_COINS, 400, "Insufficient balance to start call. Please recharge.");
    fixed(Reason.NOT_ENOUGH_COINS, 400, "Not enough coins to start the call");
    fixed(Reason.ACTIVE_SESSION_EXISTS, 409, "You already have an active call session");
    fixed(Reason.SESSION_NOT_FOUND, 400, "Call session not found or invalid. Call may have expired or already ended.");
    fixed(Reason.DURATION_NEGATIVE, 400, "Duration cannot be negative");
    fixed(Reason.NOT_CONNECTED, 400, "Call did not connect. No charges applied.");
    fixed(Reason.INSUFFICIENT_COINS, 400, "Insufficient coins for male user to complete call");
    fixed(Reason.CALL_MISSED, 400, "Call was not answered. No charges applied.");
    fixed(Reason.INVALID_AMOUNT, 400, "Amount must be a positive number of coins");
    fixed(Reason.RATING_CALL_NOT_FOUND, 404, "Call not found or you are not authorized to rate this call");
    fixed(Reason.ALREADY_RATED, 400, "Call has already been rated");
    fixed(Reason.INVALID_STARS, 400, "Stars must be a number between 1 and 5");
    fixed(Reason.REFUND_CALL_NOT_FOUND, 404, "Call not found: unknown, not settled, or settled longer ago than billing keeps calls for refunds");
    fixed(Reason.INVALID_REFUND_COINS, 400, "coins must be a positive number of coins");
    fixed(Reason.PAYOUT_NOT_COVERED, 400, "Insufficient balance for payout");
    fixed(Reason.COMMAND_IN_FUTURE, 400, "Command time is too far in the future; check the producer's clock");
    fixed(Reason.CALLER_MISMATCH, 400, "Command key does not match callerId");
    fixed(Reason.UNKNOWN_COMMAND, 400, "Unknown command: billing has no handler for this payload");
    fixed(Reason.COMMAND_UNREADABLE, 400, "Command could not be read; nothing was applied (it was kept on the dead-letter topic)");
    fixed(Reason.COMMAND_ID_REQUIRED, 400, "commandId is required");
    fixed(Reason.CALLER_ID_REQUIRED, 400, "callerId is required");
    fixed(Reason.CALL_ID_REQUIRED, 400, "callId is required");
    fixed(Reason.RECEIVER_ID_REQUIRED, 400, "receiverId is required");
    fixed(Reason.REFERENCE_REQUIRED, 400, "reference is required");
    fixed(Reason.PARTY_NOT_ALLOWED, 400, "party is not allowed for this command");
    fixed(Reason.ACCOUNT_ID_REQUIRED, 400, "accountId is required");
    fixed(Reason.PAYOUT_ACCOUNT_NOT_ALLOWED, 400, "Payouts are made to receivers and agencies only");
    fixed(Reason.INVALID_PAYOUT_AMOUNT, 400, "Amount must be a positive amount with at most two decimals");
    fixed(Reason.ACCOUNT_KEY_MISMATCH, 400, "A payout is keyed by the accountKey of the wallet it pays out");
    // The one message with a figure in it: the amount that may still be refunded, from the reply's data.
    BY_REASON.put(Reason.REFUND_EXCEEDS, new Answer(400, data -> refundExceeds(coinsLeft(data))));
    // The symbol a reader reads for one added after it was built: a refusal, said plainly.
    fixed(Reason.OTHER, 400, "Request could not be processed");
  }

  private SeedAnswers() {
  }

  public static Answer of(Reason reason) {
    return BY_REASON.get(reason);
  }

  public static int httpStatus(Reason reason) {
    return of(reason).httpStatus();
  }

  /** The message of {@code reason} answered with {@code data} (the reply's data, or null). */
  public static String message(Reason reason, Object data) {
    return of(reason).message().apply(data);
  }

  /** The message of a reason whose text carries no figure. */
  public static String message(Reason reason) {
    return message(reason, null);
  }

  /** A refund above what is left of the charge (or of nothing left): names the amount that may still be refunded. */
  public static String refundExceeds(long coinsLeft) {
    return "Refund exceeds what is left of the call's charge: " + coinsLeft + " coins left";
  }

  private static long coinsLeft(Object data) {
    return data instanceof RefundAccepted refund ? refund.getCoinsLeft() : 0L;
  }

  private static void fixed(Reason reason, int httpStatus, String message) {
    BY_REASON.put(reason, new Answer(httpStatus, data -> message));
  }
}
