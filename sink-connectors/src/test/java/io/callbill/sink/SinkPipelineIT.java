package io.callbill.sink;

import static io.callbill.sink.testkit.LedgerAssertions.assertBalanceChains;
import static io.callbill.sink.testkit.LedgerAssertions.assertEveryCallBalances;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AccountType;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.Agency;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.LedgerAction;
import io.callbill.avro.LedgerEntry;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.billing.app.BillingStreamsApp;
import io.callbill.billing.app.StreamsSettings;
import io.callbill.billing.reference.ReferenceData;
import io.callbill.billing.testkit.Await;
import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.schemas.AccountKeys;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import io.callbill.sink.testkit.BillingClient;
import io.callbill.sink.testkit.BillingClient.PlannedCall;
import io.callbill.sink.testkit.BillingClient.SettledCall;
import io.callbill.sink.testkit.BillingClient.StartedCall;
import io.callbill.sink.testkit.PostgresDatabase;
import io.callbill.sink.testkit.Rows;
import io.callbill.sink.testkit.StateDirectory;
import io.callbill.testkit.ConnectLayout;
import io.callbill.testkit.ConnectWorkerProcess;
import io.callbill.testkit.WorkerSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink end to end: a real KRaft broker, the real billing topology settling calls, a real PostgreSQL with the
 * Flyway schema, and the Kafka Connect worker process (Connect 4.3.1, the Debezium JDBC sink, our converter). Each
 * heavy part starts once for the class; every test uses its own callers and receivers, so tests do not see each
 * other's rows (the platform shards are shared, and their balance chains are checked whole).
 */
class SinkPipelineIT {

  private static final Logger LOG = LoggerFactory.getLogger(SinkPipelineIT.class);

  @RegisterExtension
  @Order(1)
  static final KafkaBroker BROKER = new KafkaBroker();

  @RegisterExtension
  @Order(2)
  static final PostgresDatabase POSTGRES = new PostgresDatabase();

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration REPLY_DEADLINE = Duration.ofSeconds(30);
  private static final Duration SINK_DEADLINE = Duration.ofSeconds(60);
  private static final CallbillSerdes SERDES = CallbillSerdes.create();
  private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX, SERDES);
  private static final long COINS = 1000;

  /** Under target/, not a temp dir: the worker's log stays there to read after a failure. */
  private static final Path STATE_DIR = Path.of("target", "it-state", SinkPipelineIT.class.getSimpleName());

  private static BillingStreamsApp billing;
  private static BillingClient client;
  private static ConnectWorkerProcess worker;
  private static Rows rows;

  @BeforeAll
  static void startTheStack() throws Exception {
    StateDirectory.recreate(STATE_DIR);
    Migrations.migrate(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
    rows = new Rows(POSTGRES);
    billing = BillingStreamsApp.start(StreamsSettings.from(new Properties(), Map.of(
        StreamsSettings.ENV_BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
        StreamsSettings.ENV_APPLICATION_ID, "callbill-sink-it",
        StreamsSettings.ENV_STATE_DIR, STATE_DIR.resolve("billing").toString(),
        StreamsSettings.ENV_NUM_STREAM_THREADS, "1",
        "CALLBILL_TOPIC_PARTITIONS", "3",
        "CALLBILL_HEALTH_PORT", "0",
        // The test's calls end without an accept, as the seed's do: the clamp policy bills them as before.
        "CALLBILL_METERING", "clamp")));
    client = new BillingClient(BROKER.bootstrapServers(), TOPICS);
    // The seed's worked example: level 1 audio 30/min, video 40/min, margin 12/min; the platform keeps 60 % of the
    // margin of agency receivers' calls, the agency 40 %.
    client.publish(TOPICS.levelConfigs, "1", LevelConfig.newBuilder().setLevel(1).setIsActive(true)
        .setAudioRatePerMinute(new BigDecimal("30.0000")).setVideoRatePerMinute(new BigDecimal("40.0000"))
        .setPlatformMarginPerMinute(new PlatformMargin(new BigDecimal("12.0000"), new BigDecimal("12.0000")))
        .build());
    client.publish(TOPICS.platformConfig, ReferenceData.PLATFORM_CONFIG_KEY, PlatformConfig.newBuilder()
        .setMinCallCoins(0).setAdminSharePercentage(new BigDecimal("60.0000")).build());
    worker = startWorker();
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (client != null) {
      client.close();
    }
    if (billing != null) {
      billing.close();
    }
  }

  @Test
  void settledCallsBecomeOneRowEachWithBalancedLedgerEntriesAndNoActiveCallLeft() throws Exception {
    List<String> callers = ids("a-caller-", 6);
    profiles(callers, List.of("a-receiver", "a-receiver-agency"), "a-agency");
    client.credit(callers, COINS, REPLY_DEADLINE);
    List<PlannedCall> plans = List.of(
        new PlannedCall(callers.get(0), "a-receiver", CallType.audio, 180),
        new PlannedCall(callers.get(1), "a-receiver", CallType.audio, 45),
        new PlannedCall(callers.get(2), "a-receiver", CallType.audio, 20),
        new PlannedCall(callers.get(3), "a-receiver-agency", CallType.video, 180),
        new PlannedCall(callers.get(4), "a-receiver-agency", CallType.video, 61),
        new PlannedCall(callers.get(5), "a-receiver-agency", CallType.audio, 333));

    List<StartedCall> started = client.start(plans, Instant.now().minusSeconds(600), REPLY_DEADLINE);

    Await.until(SINK_DEADLINE, "every ongoing call is in active_calls", () ->
        rows.count("SELECT count(*) FROM active_calls WHERE caller_id = ANY(?)", array(callers)) == callers.size());
    assertThat(rows.query("SELECT call_id FROM active_calls WHERE caller_id = ANY(?)", array(callers)))
        .extracting(row -> row.get("call_id"))
        .containsExactlyInAnyOrderElementsOf(started.stream().map(StartedCall::callId).toList());

    List<SettledCall> settled = client.end(started, REPLY_DEADLINE);
    List<String> callIds = settled.stream().map(SettledCall::callId).toList();
    // Non-agency calls credit the receiver and the platform; agency calls the agency too; plus the debit.
    int expectedEntries = 3 * 3 + 3 * 4;

    awaitSunk(callIds, callers, expectedEntries);

    Map<String, Map<String, Object>> history = rows.query("SELECT * FROM call_history WHERE caller_id = ANY(?)",
        array(callers)).stream().collect(Collectors.toMap(row -> (String) row.get("call_id"), Function.identity()));
    assertThat(history).hasSize(6).containsOnlyKeys(callIds);
    for (SettledCall call : settled) {
      Map<String, Object> row = history.get(call.callId());
      assertThat(row).as(call.callId())
          .containsEntry("caller_id", call.call().plan().callerId())
          .containsEntry("receiver_id", call.call().plan().receiverId())
          .containsEntry("call_type", call.call().plan().callType().name())
          .containsEntry("status", CallStatus.completed.name())
          .containsEntry("duration", call.call().plan().seconds())
          .containsEntry("measured_duration", call.call().plan().seconds() + 1)
          .containsEntry("billable_duration", call.settlement().getBillableDuration())
          .containsEntry("total_coins", call.settlement().getTotalCoins())
          .containsEntry("female_earning", call.settlement().getFemaleEarning())
          .containsEntry("platform_margin", call.settlement().getPlatformMargin())
          .containsEntry("admin_earned", call.settlement().getAdminEarned())
          .containsEntry("agency_earned", call.settlement().getAgencyEarned())
          .containsEntry("ended_by", CallParty.caller.name())
          .containsEntry("started_at", call.call().startedAt())
          .containsEntry("ended_at", call.call().startedAt().plusSeconds(call.call().plan().seconds() + 1));
    }
    // The seed's worked example (180 s audio at 30 + 12 per minute), and the 30 s minimum for a 20 s call.
    assertThat(history.get(callIds.get(0))).containsEntry("total_coins", 126L).containsEntry("female_earning", 90L)
        .containsEntry("admin_earned", new BigDecimal("36.00")).containsEntry("agency_earned", new BigDecimal("0.00"));
    assertThat(history.get(callIds.get(2))).containsEntry("billable_duration", 30L).containsEntry("total_coins", 21L);
    // An agency receiver's margin is split in hundredths: 60 % to the platform, 40 % to the agency.
    assertThat(history.get(callIds.get(3))).containsEntry("total_coins", 156L).containsEntry("platform_margin", 36L)
        .containsEntry("admin_earned", new BigDecimal("21.60")).containsEntry("agency_earned", new BigDecimal("14.40"))
        .containsEntry("agency_id", "a-agency").containsEntry("is_agency_female", true);

    List<Map<String, Object>> callEntries = rows.query("SELECT * FROM ledger_entries WHERE related_id = ANY(?)",
        array(callIds));
    assertThat(callEntries).hasSize(expectedEntries);
    assertEveryCallBalances(callEntries);
    for (SettledCall call : settled) {
      assertThat(callEntries).filteredOn(entry -> call.callId().equals(entry.get("related_id")))
          .filteredOn(entry -> LedgerAction.debit.name().equals(entry.get("action")))
          .singleElement().satisfies(debit -> assertThat(debit)
              .containsEntry("account_key", AccountKeys.caller(call.call().plan().callerId()))
              .containsEntry("amount", BigDecimal.valueOf(call.settlement().getTotalCoins()).setScale(2))
              .containsEntry("balance_after",
                  BigDecimal.valueOf(call.settlement().getCallerRemainingBalance()).setScale(2)));
    }
    Map<String, BigDecimal> balances = assertBalanceChains(accountEntries(callEntries));
    assertThat(balances)
        .containsEntry(AccountKeys.receiver("a-receiver"), sum(settled, "a-receiver", call -> BigDecimal.valueOf(
            call.settlement().getFemaleEarning()).setScale(2)))
        .containsEntry(AccountKeys.agency("a-agency"), sum(settled, "a-receiver-agency",
            call -> call.settlement().getAgencyEarned()));

    assertThat(rows.count("SELECT count(*) FROM active_calls WHERE caller_id = ANY(?)", array(callers))).isZero();
    assertThat(rows.query("SELECT name, profile_image FROM receivers WHERE receiver_id = 'a-receiver-agency'"))
        .containsExactly(Map.of("name", "Receiver a-receiver-agency", "profile_image", "img/a-receiver-agency.png"));
    assertThat(rows.query("SELECT first_name, profile_image FROM callers WHERE caller_id = ?", callers.get(0)))
        .containsExactly(Map.of("first_name", "First a-caller-1", "profile_image", "img/a-caller-1.png"));
  }

  @Test
  void killingTheWorkerInTheMiddleOfAStreamOfSettlementsLosesAndDoublesNoRow() throws Exception {
    int rounds = 4;
    int callsPerRound = 10;
    List<String> callers = ids("b-caller-", rounds * callsPerRound);
    profiles(callers, List.of("b-receiver", "b-receiver-agency"), "b-agency");
    client.credit(callers, COINS, REPLY_DEADLINE);
    ExecutorService stream = Executors.newSingleThreadExecutor();
    Future<List<SettledCall>> settlements = stream.submit(() -> {
      List<SettledCall> settled = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<PlannedCall> plans = new ArrayList<>();
        for (int i = 0; i < callsPerRound; i++) {
          int n = round * callsPerRound + i;
          plans.add(new PlannedCall(callers.get(n), n % 2 == 0 ? "b-receiver" : "b-receiver-agency",
              n % 3 == 0 ? CallType.video : CallType.audio, 25 + 7L * n));
        }
        settled.addAll(client.settle(plans, Instant.now().minusSeconds(900), REPLY_DEADLINE));
      }
      return settled;
    });

    Await.until(SINK_DEADLINE, "the first settlements are rows", () ->
        rows.count("SELECT count(*) FROM call_history WHERE caller_id = ANY(?)", array(callers)) >= callsPerRound);
    worker.kill();
    assertThat(worker.isAlive()).isFalse();
    long sunkBeforeTheCrash = rows.count("SELECT count(*) FROM call_history WHERE caller_id = ANY(?)",
        array(callers));
    // Settlements go on while the worker is down and while its replacement starts.
    worker = startWorker();
    List<SettledCall> settled = awaitStream(settlements, stream);

    List<String> callIds = settled.stream().map(SettledCall::callId).toList();
    long agencyCalls = settled.stream().filter(call -> call.call().plan().receiverId().endsWith("agency")).count();
    int expectedEntries = (int) (3 * settled.size() + agencyCalls);
    awaitSunk(callIds, callers, expectedEntries);

    LOG.info("Worker killed with {} of {} calls in PostgreSQL; all {} there after the restart", sunkBeforeTheCrash,
        settled.size(), callIds.size());
    assertThat(sunkBeforeTheCrash).isLessThan(settled.size());
    assertThat(rows.query("SELECT call_id, total_coins FROM call_history WHERE caller_id = ANY(?)", array(callers)))
        .extracting(row -> Map.entry(row.get("call_id"), row.get("total_coins")))
        .containsExactlyInAnyOrderElementsOf(settled.stream()
            .map(call -> Map.entry((Object) call.callId(), (Object) call.settlement().getTotalCoins())).toList());
    List<Map<String, Object>> callEntries = rows.query("SELECT * FROM ledger_entries WHERE related_id = ANY(?)",
        array(callIds));
    assertThat(callEntries).hasSize(expectedEntries);
    assertEveryCallBalances(callEntries);
    Map<String, BigDecimal> balances = assertBalanceChains(accountEntries(callEntries));
    for (SettledCall call : settled) {
      assertThat(balances).containsEntry(AccountKeys.caller(call.call().plan().callerId()),
          BigDecimal.valueOf(COINS - call.settlement().getTotalCoins()).setScale(2));
    }
    assertThat(rows.count("SELECT count(*) FROM active_calls WHERE caller_id = ANY(?)", array(callers))).isZero();
  }

  @Test
  void recordsOfAnAbortedTransactionNeverBecomeRows() throws Exception {
    Instant at = Instant.parse("2026-02-02T00:00:00Z");
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callbill-sink-abort",
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      // Both on partition 0: a sink reading uncommitted records would write the aborted one before the marker.
      producer.beginTransaction();
      producer.send(record(syntheticCall("aborted-call", at)));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(record(syntheticCall("committed-marker", at)));
      producer.commitTransaction();
    }

    Await.until(SINK_DEADLINE, "the committed marker is a row", () ->
        rows.count("SELECT count(*) FROM call_history WHERE call_id = 'committed-marker'") == 1);
    assertThat(rows.count("SELECT count(*) FROM call_history WHERE call_id = 'aborted-call'")).isZero();
  }

  @Test
  void theMeteringFieldsOfACallAndOfAnOngoingCallBecomeTheirColumns() throws Exception {
    Instant at = Instant.parse("2026-02-03T00:00:00Z");
    CallRecord cutOff = CallRecord.newBuilder(syntheticCall("metered-call", at))
        .setCallerId("metered-caller").setEndedBy(CallParty.cutoff).setReportedDuration(45).setDuration(34)
        .setMeasuredDuration(34L).setBillableDuration(34).setAcceptedAt(at.plusSeconds(4))
        .setConnectedAt(at.plusSeconds(4)).setLastHeartbeatAt(at.plusSeconds(30)).setDurationDisputed(true)
        .setMetering("measured").setEndedAt(at.plusSeconds(38)).build();
    CallRecord missed = CallRecord.newBuilder(syntheticCall("missed-call", at)).setCallerId("metered-caller")
        .setStatus(CallStatus.missed).setDuration(0).setReportedDuration(0).setMeasuredDuration(null)
        .setBillableDuration(0).setTotalCoins(0).setFemaleEarning(0).setPlatformMargin(0)
        .setAdminEarned(new BigDecimal("0.00")).setMetering("measured").build();
    ActiveCall ringing = syntheticActiveCall("metered-ringing", at);
    ActiveCall accepted = ActiveCall.newBuilder(ringing).setAcceptedAt(at.plusSeconds(3))
        .setConnectedAt(at.plusSeconds(3)).setCutoffWarningEmitted(true).setMaxSeconds(2400).build();
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callbill-sink-metering",
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(cutOff));
      producer.send(record(missed));
      producer.send(activeCallRecord(ringing));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(activeCallRecord(accepted));
      producer.commitTransaction();
    }

    Await.until(SINK_DEADLINE, "both calls and the accepted ongoing call are rows", () ->
        rows.count("SELECT count(*) FROM call_history WHERE caller_id = 'metered-caller'") == 2
            && rows.count("SELECT count(*) FROM active_calls WHERE caller_id = 'metered-ringing'"
            + " AND accepted_at IS NOT NULL") == 1);
    assertThat(rows.query("SELECT ended_by, duration, reported_duration, accepted_at, connected_at,"
        + " last_heartbeat_at, duration_disputed, metering FROM call_history WHERE call_id = 'metered-call'"))
        .singleElement().satisfies(row -> assertThat(row)
            .containsEntry("ended_by", "cutoff").containsEntry("duration", 34L)
            .containsEntry("reported_duration", 45L).containsEntry("accepted_at", at.plusSeconds(4))
            .containsEntry("connected_at", at.plusSeconds(4)).containsEntry("last_heartbeat_at", at.plusSeconds(30))
            .containsEntry("duration_disputed", true).containsEntry("metering", "measured"));
    assertThat(rows.query("SELECT status, total_coins, accepted_at, duration_disputed FROM call_history"
        + " WHERE call_id = 'missed-call'")).singleElement().satisfies(row -> assertThat(row)
            .containsEntry("status", "missed").containsEntry("total_coins", 0L)
            .containsEntry("duration_disputed", false).containsEntry("accepted_at", null));
    assertThat(rows.query("SELECT max_seconds, accepted_at, connected_at, cutoff_warning_emitted FROM active_calls"
        + " WHERE caller_id = 'metered-ringing'")).singleElement().satisfies(row -> assertThat(row)
            .containsEntry("max_seconds", 2400L).containsEntry("accepted_at", at.plusSeconds(3))
            .containsEntry("connected_at", at.plusSeconds(3)).containsEntry("cutoff_warning_emitted", true));
  }

  private static ProducerRecord<String, byte[]> activeCallRecord(ActiveCall call) {
    return new ProducerRecord<>(TOPICS.activeCalls.name(), call.getCallerId(), SERDES.activeCall().encode(call));
  }

  private static ProducerRecord<String, byte[]> record(CallRecord call) {
    return new ProducerRecord<>(TOPICS.callHistory.name(), 0, call.getCallId(), SERDES.callRecord().encode(call));
  }

  @Test
  void measuresHowManyRowsPerSecondTheSinkWrites() throws Exception {
    int records = 10_000;
    Instant at = Instant.parse("2026-02-01T00:00:00Z");
    String perfRows = "SELECT (SELECT count(*) FROM call_history WHERE caller_id = 'perf-caller')"
        + " + (SELECT count(*) FROM ledger_entries WHERE account_key = 'perf:account')";

    long begin = System.nanoTime();
    produceSynthetic(records, at);
    long produced = System.nanoTime();
    long rowsWhenProduced = rows.count(perfRows);
    Await.until(SINK_DEADLINE, "every synthetic record is a row", () -> rows.count(perfRows) == 2L * records);
    long sunk = System.nanoTime();

    LOG.info("SINK THROUGHPUT: {} call-history + {} ledger records produced (committed) in {} ms; all {} rows in"
            + " PostgreSQL {} ms after the first was sent: {} rows/s end to end; {} rows were written in the {} ms"
            + " after production ended: {} rows/s", records, records, millis(produced - begin), 2 * records,
        millis(sunk - begin), perSecond(2L * records, sunk - begin), 2L * records - rowsWhenProduced,
        millis(sunk - produced), perSecond(2L * records - rowsWhenProduced, sunk - produced));
    assertThat(rows.count("SELECT count(DISTINCT call_id) FROM call_history WHERE caller_id = 'perf-caller'"))
        .isEqualTo(records);
    assertThat(rows.value("SELECT max(balance_after) FROM ledger_entries WHERE account_key = 'perf:account'"))
        .isEqualTo(BigDecimal.valueOf(records).setScale(2));
  }

  // ---- the stack ----------------------------------------------------------------------------------------------------

  private static ConnectWorkerProcess startWorker() throws InterruptedException {
    List<String> jvm = new ArrayList<>(WorkerSettings.DEFAULT_JVM_OPTIONS);
    // A worker far from UTC: instants in the tables must not depend on the worker's time zone.
    jvm.add("-Duser.timezone=Asia/Kolkata");
    WorkerSettings settings = WorkerSettings.of(BROKER.bootstrapServers(), STATE_DIR.resolve("connect"),
        ConnectLayout.fromSystemProperty()).withJvmOptions(jvm);
    SinkTarget target = new SinkTarget(Topics.DEFAULT_PREFIX, POSTGRES.jdbcUrl(), POSTGRES.user(),
        POSTGRES.password());
    ConnectWorkerProcess started = ConnectWorkerProcess.start(settings, target.environment(), SinkConnectors.ALL);
    started.awaitRunning(SinkConnectors.ALL, STARTUP);
    return started;
  }

  private static void awaitSunk(List<String> callIds, List<String> callers, int ledgerEntries)
      throws InterruptedException {
    Await.until(SINK_DEADLINE, "every settled call, its ledger entries and no active call are in PostgreSQL", () ->
        rows.count("SELECT count(*) FROM call_history WHERE call_id = ANY(?)", array(callIds)) == callIds.size()
            && rows.count("SELECT count(*) FROM ledger_entries WHERE related_id = ANY(?)", array(callIds))
            == ledgerEntries
            && rows.count("SELECT count(*) FROM active_calls WHERE caller_id = ANY(?)", array(callers)) == 0);
  }

  private static List<SettledCall> awaitStream(Future<List<SettledCall>> settlements, ExecutorService stream)
      throws InterruptedException {
    try {
      return settlements.get(2, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      BillingClient.rethrow(e);
      throw new AssertionError(e);
    } catch (TimeoutException e) {
      throw new AssertionError("The stream of settlements did not finish", e);
    } finally {
      stream.shutdownNow();
    }
  }

  /** Every entry of the accounts that the given entries touch: a chain is only checkable whole. */
  private static List<Map<String, Object>> accountEntries(List<Map<String, Object>> entries) {
    List<String> accounts = entries.stream().map(entry -> (String) entry.get("account_key")).distinct().toList();
    return rows.query("SELECT * FROM ledger_entries WHERE account_key = ANY(?)", array(accounts));
  }

  // ---- data ---------------------------------------------------------------------------------------------------------

  /** Callers, an agency and receivers (the last one in the agency) with names and images; waits until sunk. */
  private static void profiles(List<String> callers, List<String> receivers, String agency) throws Exception {
    client.publish(TOPICS.agencies, agency, Agency.newBuilder().setAgencyId(agency).setName("Agency " + agency)
        .build());
    for (String receiver : receivers) {
      boolean inAgency = receiver.equals(receivers.get(receivers.size() - 1));
      client.publish(TOPICS.receivers, receiver, Receiver.newBuilder().setReceiverId(receiver)
          .setName("Receiver " + receiver).setProfileImage("img/" + receiver + ".png").setOnlineStatus(true)
          .setCurrentLevel(1).setAgencyId(inAgency ? agency : null).setReviewAccepted(true)
          .setBlockList(List.of("blocked-caller")).build());
    }
    for (String caller : callers) {
      client.publish(TOPICS.callers, caller, Caller.newBuilder().setCallerId(caller)
          .setFirstName("First " + caller).setProfileImage("img/" + caller + ".png")
          .setBlockList(List.of("blocked-receiver")).build());
    }
    // Sunk profiles also mean the billing pipeline has read them (it reads the same committed records).
    Await.until(SINK_DEADLINE, "the profiles are rows", () ->
        rows.count("SELECT count(*) FROM callers WHERE caller_id = ANY(?)", array(callers)) == callers.size()
            && rows.count("SELECT count(*) FROM receivers WHERE receiver_id = ANY(?)", array(receivers))
            == receivers.size());
  }

  /** Synthetic calls and ledger entries, 1000 of each per transaction, by one transactional producer. */
  private static void produceSynthetic(int records, Instant at) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callbill-sink-perf",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, "5");
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      for (int from = 0; from < records; from += 1000) {
        producer.beginTransaction();
        for (int i = from; i < Math.min(from + 1000, records); i++) {
          producer.send(new ProducerRecord<>(TOPICS.callHistory.name(), "perf-call-" + i,
              SERDES.callRecord().encode(syntheticCall("perf-call-" + i, at))));
          producer.send(new ProducerRecord<>(TOPICS.ledger.name(), "perf-entry-" + i,
              SERDES.ledgerEntry().encode(syntheticEntry("perf-entry-" + i, i, at))));
        }
        producer.commitTransaction();
      }
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static long perSecond(long count, long nanos) {
    return Math.round(count / (nanos / 1e9));
  }

  private static CallRecord syntheticCall(String callId, Instant at) {
    return CallRecord.newBuilder()
        .setCallId(callId).setCallerId("perf-caller").setReceiverId("perf-receiver")
        .setCallType(CallType.audio).setStatus(CallStatus.completed)
        .setDuration(180).setReportedDuration(180).setMeasuredDuration(181L).setBillableDuration(180)
        .setFemaleEarningPerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setFemaleEarningPerSecond(new BigDecimal("0.50000000"))
        .setPlatformMarginPerSecond(new BigDecimal("0.20000000"))
        .setTotalCoins(126).setFemaleEarning(90).setPlatformMargin(36)
        .setAdminEarned(new BigDecimal("36.00")).setAgencyEarned(new BigDecimal("0.00"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setAgencySharePercentage(new BigDecimal("0.0000"))
        .setIsAgencyFemale(false).setStartedAt(at).setEndedAt(at.plusSeconds(181))
        .build();
  }

  private static ActiveCall syntheticActiveCall(String callerId, Instant at) {
    return ActiveCall.newBuilder()
        .setCallId(callerId + "-call").setCallerId(callerId).setReceiverId("perf-receiver")
        .setCallType(CallType.audio).setReceiverLevel(1).setIsAgencyFemale(false)
        .setFemaleRatePerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setCallerBalanceAtStart(840).setMaxSeconds(1200)
        .setStartedAt(at).setExpiresAt(at.plusSeconds(7200)).build();
  }

  private static LedgerEntry syntheticEntry(String entryId, int n, Instant at) {
    return LedgerEntry.newBuilder().setEntryId(entryId).setUserType(AccountType.caller).setUserId("perf")
        .setAccountKey("perf:account").setOperationType("coin").setAction(LedgerAction.credit)
        .setAmount(new BigDecimal("1.00")).setMessage("Synthetic entry " + n)
        .setBalanceAfter(BigDecimal.valueOf(n + 1L).setScale(2)).setCreatedBy("perf").setRelatedId("perf-" + n)
        .setRelatedModel("Perf").setCreatedAt(at).build();
  }

  private static BigDecimal sum(List<SettledCall> calls, String receiverId, Function<SettledCall, BigDecimal> amount) {
    return calls.stream().filter(call -> call.call().plan().receiverId().equals(receiverId)).map(amount)
        .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  private static List<String> ids(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }

  /** A text[] parameter (typed Object so that it is one parameter, not varargs). */
  private static Object array(List<String> values) {
    return values.toArray(new String[0]);
  }
}
