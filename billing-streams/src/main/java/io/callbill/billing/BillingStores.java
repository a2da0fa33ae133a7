package io.callbill.billing;

import java.util.List;

/** Names of every state store of the topology. Stable: they name changelog topics and state directories. */
public final class BillingStores {

  /** Caller profiles (co-partitioned with the commands), callerId to Caller. */
  public static final String CALLER_PROFILES = "caller-profiles";
  /** Caller coin balances, callerId to whole coins. */
  public static final String CALLER_WALLETS = "caller-wallets";
  /**
   * Coin top-ups already applied, callerId|reference to amount: a reference credits once, for ever. Never expired on
   * purpose (a reference forgotten could credit a payment twice) and never scanned: it grows with the top-ups ever
   * made, as the ledger does, and is read only by key.
   */
  public static final String COIN_CREDIT_REFERENCES = "coin-credit-references";
  /** The one ongoing call of each caller with its frozen rates, callerId to ActiveCall. */
  public static final String CALL_SESSIONS = "call-sessions";
  /**
   * The deadlines of the ongoing calls ({@link io.callbill.billing.time.DueIndex}): due time then callerId to
   * callerId, one entry per ongoing call at its next deadline (ring timeout, cutoff warning, cutoff, heartbeat
   * timeout or expiry). Written with the session, so the punctuator reads only what is due.
   */
  public static final String CALL_DEADLINES = "call-deadlines";
  /** Closed calls and the answer to their end, callId to SettledCall (timestamped, swept after retention). */
  public static final String SETTLED_CALLS = "settled-calls";
  /**
   * Answers by command id, to answer a repeated command again instead of applying it twice (timestamped; an answer is
   * kept for the replay retention, a refusal only for the shorter refusal retention).
   */
  public static final String COMMAND_REPLIES = "command-replies";
  /** When settled-calls and command-replies entries may be forgotten: a {@code DueIndex}, read only where due. */
  public static final String REPLAY_EXPIRY = "replay-expiry";
  /** Receiver, agency and platform balances in hundredths, accountKey to hundredths. */
  public static final String ACCOUNT_WALLETS = "account-wallets";
  /** Credits already applied, entryId to the account balance after them in hundredths (timestamped). */
  public static final String APPLIED_CREDITS = "applied-credits";
  /** When applied-credits entries may be forgotten: a {@code DueIndex}, read only where due. */
  public static final String APPLIED_CREDIT_EXPIRY = "applied-credit-expiry";
  /** Global: receiver profiles, receiverId to Receiver. */
  public static final String RECEIVERS = "receivers";
  /**
   * Global: receivers' online status, receiverId to ReceiverStatus (the receiver-status topic). Where present it wins
   * over {@code Receiver.onlineStatus}: a status change never rewrites the admin's profile.
   */
  public static final String RECEIVER_STATUS = "receiver-status";
  /** Global: level configurations, level to LevelConfig. */
  public static final String LEVEL_CONFIGS = "level-configs";
  /** Global: the platform configuration under key {@code platform}. */
  public static final String PLATFORM_CONFIG = "platform-config";

  /**
   * The stores of the stream tasks, those {@link BillingConfig#CACHED_STORES} may name (the global stores are loaded
   * from their topics and have nothing to cache).
   */
  public static final List<String> CACHEABLE = List.of(CALLER_PROFILES, CALLER_WALLETS,
      COIN_CREDIT_REFERENCES, CALL_SESSIONS, CALL_DEADLINES, SETTLED_CALLS, COMMAND_REPLIES, REPLAY_EXPIRY,
      ACCOUNT_WALLETS, APPLIED_CREDITS, APPLIED_CREDIT_EXPIRY);

  private BillingStores() {
  }
}
