package io.callbill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallRecord;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.billing.app.BillingStreamsApp;
import io.callbill.billing.app.StreamsSettings;
import io.callbill.billing.testkit.Await;
import io.callbill.billing.testkit.KafkaBroker;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import io.callbill.sink.testkit.PostgresDatabase;
import io.callbill.sink.testkit.Rows;
import io.callbill.sink.testkit.StateDirectory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink end to end: a real KRaft broker, the real billing topology, a real PostgreSQL with the Flyway schema and
 * the Kafka Connect worker process with the Debezium JDBC sink and our converter. Every heavy part starts once.
 */
class SinkPipelineIT {

  @RegisterExtension
  @org.junit.jupiter.api.Order(1)
  static final KafkaBroker BROKER = new KafkaBroker();

  @RegisterExtension
  @org.junit.jupiter.api.Order(2)
  static final PostgresDatabase POSTGRES = new PostgresDatabase();

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration SINK_DEADLINE = Duration.ofSeconds(60);
  private static final CallbillSerdes SERDES = CallbillSerdes.create();
  private static final Topics TOPICS = new Topics(Topics.DEFAULT_PREFIX, SERDES);

  /** Under target/, not a temp dir: the worker's log stays there to read after a failure. */
  private static final Path STATE_DIR = Path.of("target", "it-state", SinkPipelineIT.class.getSimpleName());

  private static BillingStreamsApp billing;
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
        "CALLBILL_HEALTH_PORT", "0")));
    worker = ConnectWorkerProcess.start(workerSettings(), sinkTarget(), SinkConnectors.ALL);
    worker.awaitRunning(SinkConnectors.ALL, STARTUP);
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (billing != null) {
      billing.close();
    }
  }

  @Test
  void recordsOnTheTopicsBecomeRowsAndATombstoneDeletesTheActiveCall() throws Exception {
    Instant started = Instant.parse("2026-03-01T10:15:30.123Z");
    CallRecord call = CallRecord.newBuilder()
        .setCallId("direct-call-1").setCallerId("direct-caller").setReceiverId("direct-receiver")
        .setCallType(CallType.video).setStatus(CallStatus.completed)
        .setDuration(180).setReportedDuration(180).setMeasuredDuration(181L).setBillableDuration(180)
        .setFemaleEarningPerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setFemaleEarningPerSecond(new BigDecimal("0.50000000"))
        .setPlatformMarginPerSecond(new BigDecimal("0.20000000"))
        .setTotalCoins(126).setFemaleEarning(90).setPlatformMargin(36)
        .setAdminEarned(new BigDecimal("21.60")).setAgencyEarned(new BigDecimal("14.40"))
        .setAdminSharePercentage(new BigDecimal("60.0000")).setAgencySharePercentage(new BigDecimal("40.0000"))
        .setIsAgencyFemale(true).setAgencyId("agency-1").setEndedBy(CallParty.caller)
        .setStartedAt(started).setEndedAt(started.plusSeconds(181))
        .build();
    ActiveCall active = ActiveCall.newBuilder().setCallId("direct-call-2").setCallerId("direct-caller")
        .setReceiverId("direct-receiver").setCallType(CallType.audio).setReceiverLevel(1).setIsAgencyFemale(false)
        .setFemaleRatePerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setCallerBalanceAtStart(840).setMaxSeconds(1200)
        .setStartedAt(started).setExpiresAt(started.plusSeconds(7200)).build();
    BROKER.produce(TOPICS.callHistory, Map.entry("direct-call-1", call));
    BROKER.produce(TOPICS.activeCalls, Map.entry("direct-caller", active));
    BROKER.produce(TOPICS.callers, Map.entry("direct-caller", Caller.newBuilder().setCallerId("direct-caller")
        .setFirstName("Ann").setProfileImage("img/ann.png").setBlockList(List.of("someone")).build()));

    Await.until(SINK_DEADLINE, "the call, the active call and the caller are rows", () ->
        rows.count("SELECT count(*) FROM call_history WHERE call_id = 'direct-call-1'") == 1
            && rows.count("SELECT count(*) FROM active_calls WHERE caller_id = 'direct-caller'") == 1
            && rows.count("SELECT count(*) FROM callers WHERE caller_id = 'direct-caller'") == 1);

    Map<String, Object> row = rows.query("SELECT * FROM call_history WHERE call_id = 'direct-call-1'").get(0);
    assertThat(row).containsEntry("caller_id", "direct-caller").containsEntry("call_type", "video")
        .containsEntry("total_coins", 126L).containsEntry("admin_earned", new BigDecimal("21.60"))
        .containsEntry("agency_earned", new BigDecimal("14.40"))
        .containsEntry("female_earning_per_second", new BigDecimal("0.50000000"))
        .containsEntry("is_agency_female", true).containsEntry("ended_by", "caller")
        .containsEntry("rating_stars", null);
    assertThat(row).containsEntry("started_at", started).containsEntry("ended_at", started.plusSeconds(181));
    assertThat(rows.query("SELECT first_name, profile_image FROM callers WHERE caller_id = 'direct-caller'"))
        .containsExactly(Map.of("first_name", "Ann", "profile_image", "img/ann.png"));

    BROKER.produce(TOPICS.activeCalls, new AbstractMap.SimpleEntry<>("direct-caller", (ActiveCall) null));

    Await.until(SINK_DEADLINE, "the tombstone deletes the active call", () ->
        rows.count("SELECT count(*) FROM active_calls WHERE caller_id = 'direct-caller'") == 0);
  }

  private static WorkerSettings workerSettings() {
    List<String> jvm = new ArrayList<>(WorkerSettings.DEFAULT_JVM_OPTIONS);
    // A worker far from UTC: instants in the tables must not depend on the worker's time zone.
    jvm.add("-Duser.timezone=Asia/Kolkata");
    return WorkerSettings.of(BROKER.bootstrapServers(), STATE_DIR.resolve("connect"),
        ConnectLayout.fromSystemProperty()).withJvmOptions(jvm);
  }

  private static SinkTarget sinkTarget() {
    return new SinkTarget(Topics.DEFAULT_PREFIX, POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
  }
}
