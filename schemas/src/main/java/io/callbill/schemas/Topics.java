package io.callbill.schemas;

import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountCredit;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.Agency;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallRecord;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of every Callbill topic. Names are {@code prefix + base name}; the default prefix is
 * {@code callbill.}. Keys are plain strings (UTF-8) so any client can produce and read them.
 */
public final class Topics {

  public static final String DEFAULT_PREFIX = "callbill.";

  /** Commands (start, end, heartbeat, coin credit), keyed by callerId. */
  public final Topic<String, CallCommand> callCommands;
  /** Caller profiles, keyed by callerId; co-partitioned with the commands. */
  public final Topic<String, Caller> callers;
  /** Receiver profiles, keyed by receiverId. */
  public final Topic<String, Receiver> receivers;
  /**
   * Receivers' online status, keyed by receiverId: written by the receiver's status route, apart from the admin's
   * profile, so neither write undoes the other. Where present it wins over {@code Receiver.onlineStatus}.
   */
  public final Topic<String, ReceiverStatus> receiverStatus;
  /** Agencies, keyed by agencyId. */
  public final Topic<String, Agency> agencies;
  /** Level configurations, keyed by the level number as a string. */
  public final Topic<String, LevelConfig> levelConfigs;
  /** Platform configuration, single key {@code platform}. */
  public final Topic<String, PlatformConfig> platformConfig;
  /** Replies to commands, keyed by commandId (the correlation id). */
  public final Topic<String, CommandReply> replies;
  /** Call lifecycle events, keyed by callerId. */
  public final Topic<String, CallEvent> callEvents;
  /** Call records, keyed by callId. */
  public final Topic<String, CallRecord> callHistory;
  /** Ongoing calls, keyed by callerId; a tombstone when the call ends. */
  public final Topic<String, ActiveCall> activeCalls;
  /** Ledger entries, keyed by entryId. */
  public final Topic<String, LedgerEntry> ledger;
  /** Latest wallet balances, keyed by accountKey. */
  public final Topic<String, AccountBalance> balances;
  /** Internal: credits routed to the partition owning the account, keyed by accountKey. */
  public final Topic<String, AccountCredit> accountCredits;
  /**
   * Records billing could not read or had to refuse, as they arrived (key and value bytes untouched), with the
   * reason, the exception class and their origin (topic, partition, offset) in headers; see {@link DeadLetters}.
   */
  public final Topic<byte[], byte[]> deadLetters;

  public Topics(String prefix, CallbillSerdes serdes) {
    Serde<String> key = Serdes.String();
    callCommands = new Topic<>(prefix, "call-commands", key, serdes.callCommand(), false);
    callers = new Topic<>(prefix, "callers", key, serdes.caller(), true);
    receivers = new Topic<>(prefix, "receivers", key, serdes.receiver(), true);
    receiverStatus = new Topic<>(prefix, "receiver-status", key, serdes.receiverStatus(), true);
    agencies = new Topic<>(prefix, "agencies", key, serdes.agency(), true);
    levelConfigs = new Topic<>(prefix, "level-configs", key, serdes.levelConfig(), true);
    platformConfig = new Topic<>(prefix, "platform-config", key, serdes.platformConfig(), true);
    replies = new Topic<>(prefix, "replies", key, serdes.commandReply(), false);
    callEvents = new Topic<>(prefix, "call-events", key, serdes.callEvent(), false);
    callHistory = new Topic<>(prefix, "call-history", key, serdes.callRecord(), true);
    activeCalls = new Topic<>(prefix, "active-calls", key, serdes.activeCall(), true);
    ledger = new Topic<>(prefix, "ledger", key, serdes.ledgerEntry(), false);
    balances = new Topic<>(prefix, "balances", key, serdes.accountBalance(), true);
    accountCredits = new Topic<>(prefix, "account-credits", key, serdes.accountCredit(), false);
    deadLetters = new Topic<>(prefix, "dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), false);
  }

  public static Topics withDefaultPrefix() {
    return new Topics(DEFAULT_PREFIX, CallbillSerdes.create());
  }

  /** Every topic keyed by a string (all but {@link #deadLetters}). */
  public List<Topic<String, ?>> all() {
    return List.of(callCommands, callers, receivers, receiverStatus, agencies, levelConfigs, platformConfig, replies,
        callEvents, callHistory, activeCalls, ledger, balances, accountCredits);
  }
}
