package io.callbill.proofs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.EndCall;
import io.callbill.billing.caller.CallIds;
import io.callbill.schemas.Topics;
import io.callbill.sink.SinkConnectors;
import io.callbill.testkit.ConnectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's small measuring parts, each on a known input. */
class BenchMeasuresTest {

  @Test
  void openLoopCallsAreDueOnTheirScheduleNotAfterTheAnswers() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 4);
    assertThat(schedule.dueNanos(0)).isEqualTo(1_000);
    assertThat(schedule.dueNanos(1)).isEqualTo(1_000 + 250_000_000L);
    assertThat(schedule.dueNanos(8)).isEqualTo(1_000 + 2_000_000_000L);
    schedule.behind(schedule.dueNanos(1), schedule.dueNanos(1) + 3_000_000);
    schedule.behind(schedule.dueNanos(2), schedule.dueNanos(2) + 1_000_000);
    assertThat(schedule.maxBehindMillis()).isEqualTo(3.0);
  }

  @Test
  void cpuIsUserPlusSystemTicksCountedPastTheCommandName() {
    String stat = "4242 (java (billing) x) S 1 4242 4242 0 -1 4194560 90 0 0 0 1234 566 0 0 20 0 40 0 99";
    assertThat(ProcessCpu.ofStat(stat)).isEqualTo((1234 + 566) / 100.0);
  }

  @Test
  void theJitsCompilerThreadsAreToldFromTheOthersByTheirNames() {
    assertThat(ProcessCpu.isCompilerThread("4250 (C2 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 300 7 0")).isTrue();
    assertThat(ProcessCpu.isCompilerThread("4251 (C1 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 30 1 0")).isTrue();
    assertThat(ProcessCpu.isCompilerThread("4260 (callbill-billin) S 1 4242 4242 0 -1 0 0 0 0 0 900 20 0"))
        .isFalse();
    assertThat(ProcessCpu.isCompilerThread("4242 (java) S 1 4242 4242 0 -1 0 0 0 0 0 9000 200 0")).isFalse();
    // Our own threads may be named anything, parentheses included: the name ends at the last ')'.
    assertThat(ProcessCpu.isCompilerThread("4270 (x) C2 CompilerThre) S 1 0 0 0 -1 0 0 0 0 0 1 1 0")).isFalse();
  }

  @Test
  void theCompilerThreadsOfThisJvmHaveUsedNoMoreThanTheWholeProcess() {
    long pid = ProcessHandle.current().pid();
    double compiler = ProcessCpu.compilerSeconds(pid);
    assertThat(compiler).isNotNegative().isLessThanOrEqualTo(ProcessCpu.seconds(pid));
  }

  @Test
  void theLongestPunctuationOfEitherSeriesNaNIgnored() {
    String scrape = String.join("\n",
        "# HELP kafka_stream_thread_punctuate_latency_max x",
        "kafka_stream_thread_punctuate_latency_max{thread_id=\"t1\",} 12.5",
        "kafka_stream_thread_punctuate_latency_max{thread_id=\"t2\",} NaN",
        "kafka_callbill_deadline_punctuation_time_ms_max{thread_id=\"t1\",} 31.0",
        "kafka_stream_thread_punctuate_latency_avg{thread_id=\"t1\",} 99.0");
    assertThat(PunctuationWatch.maxOf(scrape)).isEqualTo(31.0);
    assertThat(PunctuationWatch.maxOf("")).isZero();
  }

  @Test
  void recordsCountedAreBillingsOutputsAndInternalsNotItsInputs() {
    Topics topics = Topics.withDefaultPrefix();
    assertThat(BrokerRecords.counts(topics.replies.name(), topics)).isTrue();
    assertThat(BrokerRecords.counts(topics.ledger.name(), topics)).isTrue();
    assertThat(BrokerRecords.counts("callbill-billing-call-sessions-changelog", topics)).isTrue();
    assertThat(BrokerRecords.counts("callbill-billing-x-repartition", topics)).isTrue();
    assertThat(BrokerRecords.counts(topics.callCommands.name(), topics)).isFalse();
    assertThat(BrokerRecords.counts(topics.callers.name(), topics)).isFalse();
    assertThat(BrokerRecords.counts("__consumer_offsets", topics)).isFalse();
    assertThat(BrokerRecords.counts("__transaction_state", topics)).isFalse();
    assertThat(BrokerRecords.counts(BillingBenchmark.RAW_TOPIC, topics)).isFalse();
  }

  @Test
  void aWrittenCallNamesTheCallIdBillingWillGiveItsStart() {
    Instant at = Instant.parse("2026-12-02T20:00:00Z");
    List<CallCommand> call = BenchCalls.written(7, 3, at);
    String callId = CallIds.of(call.get(0), at);
    assertThat(call).extracting(CallCommand::getCommandId).containsExactly("s-7", "a-7", "e-7");
    assertThat(call).extracting(CallCommand::getCallerId).containsOnly(BenchCalls.caller(3));
    assertThat(((AcceptCall) call.get(1).getCommand()).getCallId()).isEqualTo(callId);
    assertThat(call.get(1).getIssuedAt()).isEqualTo(at);
    assertThat(((EndCall) call.get(2).getCommand()).getCallId()).isEqualTo(callId);
    assertThat(call.get(2).getIssuedAt()).isEqualTo(at.plusSeconds(BenchCalls.CALL_SECONDS));
  }

  @Test
  void onlyTheMeasuredCallsIdsAreTheTraffics() {
    assertThat(BenchCalls.callOf("s-12")).isEqualTo(12);
    assertThat(BenchCalls.callOf("e-0")).isZero();
    assertThat(BenchCalls.callOf("credit-caller-0001")).isEqualTo(-1);
    assertThat(BenchCalls.callOf("s-3-17")).isEqualTo(-1);
    assertThat(BenchCalls.callOf("recovery-end-1")).isEqualTo(-1);
  }

  @Test
  void aGrownCallIsOnItsOwnCallerNamedByTheIdBillingWillGiveItsStartAndNotTheTraffics() {
    StateGrowth growth = new StateGrowth(25, 10);
    Instant at = Instant.parse("2026-12-02T20:00:00Z");
    List<CallCommand> call = growth.settledCall(13, at);
    assertThat(call).extracting(CallCommand::getCommandId).containsExactly("grow-s-13", "grow-a-13", "grow-e-13");
    assertThat(call).extracting(CallCommand::getCallerId).containsOnly(StateGrowth.caller(3));
    assertThat(((AcceptCall) call.get(1).getCommand()).getCallId()).isEqualTo(CallIds.of(call.get(0), at));
    assertThat(((EndCall) call.get(2).getCommand()).getCallId()).isEqualTo(CallIds.of(call.get(0), at));
    assertThat(call.get(2).getIssuedAt()).isEqualTo(at.plusSeconds(BenchCalls.CALL_SECONDS));
    assertThat(call).extracting(command -> BenchCalls.callOf(command.getCommandId())).containsOnly(-1);
    assertThat(StateGrowth.openCallsFor(20_000)).isEqualTo(2_000);
    assertThat(StateGrowth.openCallsFor(5)).isEqualTo(1);
  }

  @Test
  void theSinksTasksAreReadFromTheConnectorConfigurations(@TempDir Path home) throws IOException {
    ConnectLayout layout = new ConnectLayout(home);
    Files.createDirectories(layout.connectors());
    for (String name : SinkConnectors.ALL) {
      String tasks = name.equals(SinkConnectors.CALL_HISTORY) || name.equals(SinkConnectors.LEDGER) ? "6" : "1";
      Files.writeString(layout.connectors().resolve(name + ".json"),
          "{\"name\": \"" + name + "\", \"config\": {\"tasks.max\": \"" + tasks + "\"}}");
    }
    assertThat(SinkPhase.tasksPerConnector(layout))
        .isEqualTo("tasks.max 6: call-history, ledger; 1: active-calls, callers, receivers, receiver-status");
  }

  @Test
  void aChangelogKeyIsAStoreEntryWhileItsLastRecordIsNotATombstone() {
    StoreEntries.LiveKeys keys = new StoreEntries.LiveKeys();
    keys.add(bytes("call-1"), bytes("open"));
    keys.add(bytes("call-2"), bytes("open"));
    keys.add(bytes("call-1"), null);
    keys.add(bytes("call-3"), bytes("settled"));
    keys.add(bytes("call-2"), bytes("settled"));
    keys.add(bytes("call-4"), null);
    assertThat(keys.count()).isEqualTo(2);
    assertThat(StoreEntries.keyHash(bytes("call-1"))).isNotEqualTo(StoreEntries.keyHash(bytes("call-2")));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
