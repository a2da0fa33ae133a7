package io.callbill.billing.testkit;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.AccountBalance;
import io.callbill.avro.AccountType;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.ActiveCallQuery;
import io.callbill.avro.Agency;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallEvent;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.Heartbeat;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.Payout;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.RateCall;
import io.callbill.avro.RefundCall;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import io.callbill.avro.StartCall;
import io.callbill.avro.WalletQuery;
import io.callbill.billing.BillingConfig;
import io.callbill.billing.BillingStores;
import io.callbill.billing.BillingTopology;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Drives the real billing topology in a {@link TopologyTestDriver} with the vocabulary of the domain: publish
 * reference data, send commands and get their replies, move the clock, read what came out.
 *
 * <p>For your own suites (depend on {@code callbill-billing-streams} with {@code <type>test-jar</type>}):
 * <pre>{@code
 * try (CallbillTestDriver billing = new CallbillTestDriver()) {
 *   billing.level(1, "30", "40", "12", "12").receiver("r1", 1, null).caller("c1").credit("c1", 840, "p-1");
 *   CommandReply started = billing.start("c1", "r1", CallType.audio);
 *   billing.advance(Duration.ofSeconds(180));
 *   CommandReply ended = billing.endByCaller("c1", "r1", callId(started), 180);
 * }
 * }</pre>
 * Time: commands carry the driver's clock as their timestamp; {@link #advance} moves it and the wall clock
 * together, which fires the session's deadlines (ring timeout, cutoff warning, cutoff, heartbeat timeout, expiry).
 * Under {@code callbill.metering=measured} with connect=accept a call is billed from the receiver's
 * {@link #accept}; the platform's media layer has {@link #acceptByPlatform}, {@link #heartbeatByPlatform} and
 * {@link #endByPlatform}. Outputs accumulate: every accessor returns all records
 * emitted so far on that topic.
 */
public final class CallbillTestDriver implements AutoCloseable {

  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final TopologyTestDriver driver;
  private final Topics topics;
  private final TestInputTopic<String, CallCommand> commands;
  private final TestInputTopic<String, Caller> callers;
  private final TestInputTopic<String, Receiver> receivers;
  private final TestInputTopic<String, Agency> agencies;
  private final TestInputTopic<String, LevelConfig> levelConfigs;
  private final TestInputTopic<String, PlatformConfig> platformConfig;
  private final Output<CommandReply> replies;
  private final Output<CallEvent> events;
  private final Output<CallRecord> history;
  private final Output<ActiveCall> activeCalls;
  private final Output<LedgerEntry> ledger;
  private final Output<AccountBalance> balances;
  private final TestOutputTopic<String, CallCommand> deadLetters;
  private final List<TestRecord<String, CallCommand>> deadLetterRecords = new ArrayList<>();
  private final Map<String, CommandReply> repliesById = new HashMap<>();
  private final String applicationId = "callbill-test-" + UUID.randomUUID();
  private Instant now = EPOCH;

  public CallbillTestDriver() {
    this(BillingConfig.defaults());
  }

  public CallbillTestDriver(BillingConfig config) {
    this(config, new Properties());
  }

  /** With further Kafka Streams properties (e.g. a RocksDB config setter), over the driver's own. */
  public CallbillTestDriver(BillingConfig config, Properties streamsProperties) {
    CallbillSerdes serdes = CallbillSerdes.create();
    topics = new Topics(config.topicPrefix(), serdes);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "test-driver:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory());
    props.putAll(streamsProperties);
    driver = new TopologyTestDriver(BillingTopology.build(config, serdes), props, EPOCH);
    commands = input(topics.callCommands);
    callers = input(topics.callers);
    receivers = input(topics.receivers);
    agencies = input(topics.agencies);
    levelConfigs = input(topics.levelConfigs);
    platformConfig = input(topics.platformConfig);
    replies = new Output<>(output(topics.replies));
    events = new Output<>(output(topics.callEvents));
    history = new Output<>(output(topics.callHistory));
    activeCalls = new Output<>(output(topics.activeCalls));
    ledger = new Output<>(output(topics.ledger));
    balances = new Output<>(output(topics.balances));
    // Dead letters hold the refused command as it was read (the command serde), with the reason in headers.
    deadLetters = driver.createOutputTopic(topics.deadLetters.name(), topics.callCommands.keySerde().deserializer(),
        topics.callCommands.valueSerde().deserializer());
  }

  // ---- reference data -------------------------------------------------------------------------------------------

  /** A caller with a profile and nobody blocked. */
  public CallbillTestDriver caller(String callerId, String... blocked) {
    return caller(Caller.newBuilder().setCallerId(callerId).setFirstName("First " + callerId)
        .setBlockList(List.of(blocked)).build());
  }

  public CallbillTestDriver caller(Caller caller) {
    callers.pipeInput(caller.getCallerId(), caller, now);
    return this;
  }

  /** An online, review-accepted receiver at {@code level}, in {@code agencyId} (or none when null). */
  public CallbillTestDriver receiver(String receiverId, int level, String agencyId) {
    return receiver(Receiver.newBuilder().setReceiverId(receiverId).setName("Receiver " + receiverId)
        .setOnlineStatus(true).setCurrentLevel(level).setAgencyId(agencyId).setReviewAccepted(true).build());
  }

  public CallbillTestDriver receiver(Receiver receiver) {
    receivers.pipeInput(receiver.getReceiverId(), receiver, now);
    return this;
  }

  /** The receiver's own online status, on the receiver-status topic (wins over her profile's). */
  public CallbillTestDriver receiverStatus(String receiverId, boolean online) {
    input(topics.receiverStatus).pipeInput(receiverId,
        new ReceiverStatus(receiverId, online, now), now);
    return this;
  }

  public CallbillTestDriver agency(String agencyId) {
    agencies.pipeInput(agencyId, Agency.newBuilder().setAgencyId(agencyId).setName("Agency " + agencyId).build(), now);
    return this;
  }

  /** An active level; rates are decimal strings (null for no rate), margins per minute for agency / non-agency. */
  public CallbillTestDriver level(int level, String audioPerMinute, String videoPerMinute, String agencyMargin,
                                  String nonAgencyMargin) {
    return level(LevelConfig.newBuilder().setLevel(level).setIsActive(true)
        .setAudioRatePerMinute(rate(audioPerMinute)).setVideoRatePerMinute(rate(videoPerMinute))
        .setPlatformMarginPerMinute(new PlatformMargin(rate(agencyMargin), rate(nonAgencyMargin))).build());
  }

  public CallbillTestDriver level(LevelConfig config) {
    levelConfigs.pipeInput(Integer.toString(config.getLevel()), config, now);
    return this;
  }

  /** Platform settings; {@code adminSharePercentage} may be null (not configured). */
  public CallbillTestDriver platform(long minCallCoins, String adminSharePercentage) {
    platformConfig.pipeInput(ReferenceData.PLATFORM_CONFIG_KEY, PlatformConfig.newBuilder().setMinCallCoins(minCallCoins)
        .setAdminSharePercentage(rate(adminSharePercentage)).build(), now);
    return this;
  }

  // ---- commands ---------------------------------------------------------------------------------------------------

  public CommandReply credit(String callerId, long amount, String reference) {
    return send(callerId, new CreditCoins(amount, reference));
  }

  public CommandReply start(String callerId, String receiverId, CallType callType) {
    return send(callerId, new StartCall(receiverId, callType));
  }

  public CommandReply endByCaller(String callerId, String receiverId, String callId, long durationSeconds) {
    return send(callerId, new EndCall(callId, receiverId, CallParty.caller, durationSeconds));
  }

  public CommandReply endByReceiver(String receiverId, String callerId, String callId, long durationSeconds) {
    return send(callerId, new EndCall(callId, receiverId, CallParty.receiver, durationSeconds));
  }

  /** The receiver answers the call (her own): under measured with connect=accept, billing counts from here. */
  public CommandReply accept(String receiverId, String callerId, String callId) {
    return send(callerId, new AcceptCall(callId, CallParty.receiver, receiverId));
  }

  /** The platform's media layer reports the call connected (any call, named by its id and its caller). */
  public CommandReply acceptByPlatform(String callerId, String callId) {
    return send(callerId, new AcceptCall(callId, CallParty.platform, null));
  }

  /** The platform's media layer ends the call with the connected time it measured (billed under measured). */
  public CommandReply endByPlatform(String callerId, String callId, long durationSeconds) {
    return send(callerId, new EndCall(callId, null, CallParty.platform, durationSeconds));
  }

  /** The caller's heartbeat (he names no receiver: the call is his). */
  public CommandReply heartbeatByCaller(String callerId, String callId) {
    return send(callerId, new Heartbeat(callId, CallParty.caller, null));
  }

  /** The receiver's heartbeat on a call made to her. */
  public CommandReply heartbeatByReceiver(String receiverId, String callerId, String callId) {
    return send(callerId, new Heartbeat(callId, CallParty.receiver, receiverId));
  }

  public CommandReply heartbeatByPlatform(String callerId, String callId) {
    return send(callerId, new Heartbeat(callId, CallParty.platform, null));
  }

  /** A heartbeat from the caller's side; for the receiver's use {@link #heartbeatByReceiver}. */
  public CommandReply heartbeat(String callerId, String callId, CallParty party) {
    return send(callerId, new Heartbeat(callId, party, null));
  }

  /** The receiver rates a call; the command goes to the call's caller partition. */
  public CommandReply rate(String receiverId, String callerId, String callId, int stars) {
    return send(callerId, new RateCall(callId, receiverId, stars));
  }

  /** An admin's refund of a settled call, sent to the call's caller partition; {@code coins} null: the rest. */
  public CommandReply refund(String callerId, String callId, Long coins, String reference) {
    return send(callerId, new RefundCall(callId, coins, "dispute", reference));
  }

  /** An admin's payout of a receiver or an agency, sent under the wallet's accountKey as the API does. */
  public CommandReply payout(AccountType type, String accountId, String amount, String reference) {
    return send(AccountKeys.of(type, accountId), new Payout(type, accountId, new BigDecimal(amount), reference));
  }

  public CommandReply activeCall(String callerId) {
    return send(callerId, new ActiveCallQuery());
  }

  public CommandReply wallet(String callerId) {
    return send(callerId, new WalletQuery());
  }

  /** Sends a command with a fresh id and returns its reply. */
  public CommandReply send(String callerId, Object command) {
    return send(callerId, UUID.randomUUID().toString(), command);
  }

  /** Sends a command with the given id (to test a retried command) and returns its reply. */
  public CommandReply send(String callerId, String commandId, Object command) {
    return send(callerId, new CallCommand(commandId, callerId, now, command));
  }

  /** Sends a raw command under {@code key} (e.g. someone else's), stamped with its issuedAt, and returns its reply. */
  public CommandReply send(String key, CallCommand command) {
    commands.pipeInput(key, command, command.getIssuedAt());
    return replyTo(command.getCommandId());
  }

  /** The latest reply to a command id, or null if none came. */
  public CommandReply replyTo(String commandId) {
    replies.drain().forEach(reply -> repliesById.put(reply.getCommandId(), reply));
    return repliesById.get(commandId);
  }

  // ---- clock ------------------------------------------------------------------------------------------------------

  public Instant now() {
    return now;
  }

  /** Moves command time and wall-clock time forward together; wall-clock punctuators fire. */
  public CallbillTestDriver advance(Duration duration) {
    now = now.plus(duration);
    driver.advanceWallClockTime(duration);
    return this;
  }

  // ---- outputs and stores -----------------------------------------------------------------------------------------

  public List<CommandReply> replies() {
    replyTo("");
    return replies.all();
  }

  public List<CallEvent> events() {
    return events.all();
  }

  public List<CallRecord> callHistory() {
    return history.all();
  }

  /** Records of the active-calls topic; a null value is a tombstone (keys via {@link #activeCallKeys()}). */
  public List<ActiveCall> activeCallUpdates() {
    return activeCalls.all();
  }

  public List<String> activeCallKeys() {
    activeCalls.all();
    return activeCalls.keys();
  }

  public List<LedgerEntry> ledger() {
    return ledger.all();
  }

  public List<AccountBalance> balances() {
    return balances.all();
  }

  /** Commands billing refused for breaking an invariant, with their headers ({@code io.callbill.schemas.DeadLetters}). */
  public List<TestRecord<String, CallCommand>> deadLetters() {
    deadLetterRecords.addAll(deadLetters.readRecordsToList());
    return List.copyOf(deadLetterRecords);
  }

  /** The call-deadlines store: due time then callerId, one entry per ongoing call at its next deadline. */
  public KeyValueStore<String, String> deadlineStore() {
    return driver.getKeyValueStore(BillingStores.CALL_DEADLINES);
  }

  /** The caller's coins in the caller-wallets store (0 when unknown). */
  public long callerBalance(String callerId) {
    KeyValueStore<String, Long> store = driver.getKeyValueStore(BillingStores.CALLER_WALLETS);
    Long balance = store.get(callerId);
    return balance == null ? 0 : balance;
  }

  /** An account's balance in hundredths in the account-wallets store (0 when unknown). */
  public long accountBalanceHundredths(String accountKey) {
    KeyValueStore<String, Long> store = driver.getKeyValueStore(BillingStores.ACCOUNT_WALLETS);
    Long balance = store.get(accountKey);
    return balance == null ? 0 : balance;
  }

  /** The caller's ongoing call in the call-sessions store, or null. */
  public ActiveCall session(String callerId) {
    KeyValueStore<String, ActiveCall> store = driver.getKeyValueStore(BillingStores.CALL_SESSIONS);
    return store.get(callerId);
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  /** The driver's application id: the prefix of its changelog topics. */
  public String applicationId() {
    return applicationId;
  }

  public Topics topics() {
    return topics;
  }

  @Override
  public void close() {
    driver.close();
  }

  private static String stateDirectory() {
    try {
      return Files.createTempDirectory("callbill-test-driver").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigDecimal rate(String value) {
    return value == null ? null : new BigDecimal(value).setScale(4, RoundingMode.UNNECESSARY);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** Accumulates an output topic so every read sees all records so far. */
  private static final class Output<V> {
    private final TestOutputTopic<String, V> topic;
    private final List<String> keys = new ArrayList<>();
    private final List<V> values = new ArrayList<>();

    Output(TestOutputTopic<String, V> topic) {
      this.topic = topic;
    }

    /** Only the records that arrived since the last call. */
    List<V> drain() {
      List<V> fresh = new ArrayList<>();
      topic.readKeyValuesToList().forEach(kv -> {
        keys.add(kv.key);
        values.add(kv.value);
        fresh.add(kv.value);
      });
      return fresh;
    }

    List<V> all() {
      drain();
      return Collections.unmodifiableList(new ArrayList<>(values));
    }

    List<String> keys() {
      return List.copyOf(keys);
    }
  }
}
