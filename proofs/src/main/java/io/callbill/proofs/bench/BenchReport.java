package io.callbill.proofs.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one benchmark run, printed and written as JSON ({@code --report}); the field names are the JSON
 * keys. A figure that was not measured in this run (recovery without {@code --recovery}) is null.
 *
 * @param mode closed, open or drain
 * @param settledCalls calls settled in the measurement (refused ones included: they count as wrong answers)
 * @param capacityCallsPerSecond settled calls per second: closed and open loop over the measurement, drain over
 *     first to last settlement
 * @param rawRecordsPerSecond Kafka's ProducerPerformance in the same run, records of a command's size
 * @param ratioToRaw commands per second (three a call) over rawRecordsPerSecond
 * @param startP50Ms start command due -> its answer read
 * @param endP50Ms end command due -> the settlement read (drain: due when billing started)
 * @param maxBehindScheduleMs open loop: the most the sender was late for a call (0 in the other modes)
 * @param recordsPerCall records billing made the broker write per settled call ({@link BrokerRecords})
 * @param maxPunctuationMs the longest punctuation seen on billing's metrics ({@link PunctuationWatch})
 * @param sinkRowsPerSecond rows the JDBC sink wrote per second ({@link SinkPhase}), from the worker's start
 * @param sinkRowsPerSecondWriting the same rows over the time the sink was writing them: first row seen to complete
 *     (the worker's start and the connectors' start left out)
 * @param sinkRowsPerSecondSecondHalf the second half of those rows over its time (the worker's JIT further on)
 * @param sinkCpuSecondsPerThousandRows the Connect worker's CPU over that time, per 1000 of the rows
 * @param sinkRowsPerSecondWarm the same rows written again by the same worker once warm, while writing (the busy
 *     connectors rewound to the start of their topics, their tables emptied): what a long-running worker sustains
 * @param sinkRows rows in call_history and ledger_entries after the sink phase
 * @param stateEntries entries in billing's stores when the measurement began (live keys of its changelogs,
 *     {@link StoreEntries}); with {@code --state}, at the top level: after the growth
 * @param stateOpenCalls open calls the growth left in the stores ({@code --state}); 0 without
 * @param recoverySeconds kill -9 -> the first settlement answered after the restart, or null
 * @param cpuSecondsPerThousandCalls billing-streams' CPU (user + system) over the measurement, per 1000 settled
 * @param compilerCpuSecondsPerThousandCalls the part of it its JIT compiler threads used ({@link ProcessCpu}): a
 *     fresh JVM's compiling, not billing's work
 * @param wrongAnswers answers that were not the exact expected ones, the sink's violations included
 * @param settings the billing-streams settings the run was given ({@code --set})
 * @param empty with {@code --state}: the measurement on empty stores, the same keys (its own stateEntries); the
 *     top-level figures are this measurement's, so a reader of one run's figures reads the same keys as before
 * @param large with {@code --state}: the same mode and parameters measured again after the growth
 */
public record BenchReport(String mode, long settledCalls, int callers, int partitions, BigDecimal measuredSeconds,
                          BigDecimal capacityCallsPerSecond, BigDecimal rawRecordsPerSecond, BigDecimal ratioToRaw,
                          BigDecimal startP50Ms, BigDecimal startP99Ms, BigDecimal endP50Ms, BigDecimal endP99Ms,
                          BigDecimal maxBehindScheduleMs, BigDecimal recordsPerCall, BigDecimal maxPunctuationMs,
                          BigDecimal sinkRowsPerSecond, BigDecimal sinkRowsPerSecondWriting,
                          BigDecimal sinkRowsPerSecondSecondHalf, BigDecimal sinkCpuSecondsPerThousandRows,
                          BigDecimal sinkRowsPerSecondWarm, long sinkRows, long stateEntries, long stateOpenCalls,
                          BigDecimal recoverySeconds, BigDecimal cpuSecondsPerThousandCalls,
                          BigDecimal compilerCpuSecondsPerThousandCalls, long wrongAnswers,
                          Map<String, String> settings,
                          @JsonInclude(JsonInclude.Include.NON_NULL) BenchReport empty,
                          @JsonInclude(JsonInclude.Include.NON_NULL) BenchReport large) {

  /** The keys of one measurement, as printed side by side for an empty and a large state. */
  static final List<String> MEASURED = List.of("settledCalls", "measuredSeconds", "capacityCallsPerSecond",
      "ratioToRaw", "startP50Ms", "startP99Ms", "endP50Ms", "endP99Ms", "maxBehindScheduleMs", "recordsPerCall",
      "maxPunctuationMs", "cpuSecondsPerThousandCalls", "compilerCpuSecondsPerThousandCalls", "stateEntries",
      "stateOpenCalls", "wrongAnswers");

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  static BigDecimal millis(long micros) {
    return BigDecimal.valueOf(micros).movePointLeft(3);
  }

  static BigDecimal rounded(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
  }

  static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator, int places) {
    return denominator.signum() == 0 ? BigDecimal.ZERO : numerator.divide(denominator, places, RoundingMode.HALF_UP);
  }

  public BenchReport withSink(SinkPhase.Figures sink) {
    return new BenchReport(mode, settledCalls, callers, partitions, measuredSeconds, capacityCallsPerSecond,
        rawRecordsPerSecond, ratioToRaw, startP50Ms, startP99Ms, endP50Ms, endP99Ms, maxBehindScheduleMs,
        recordsPerCall, maxPunctuationMs, sink.rowsPerSecond(), sink.rowsPerSecondWriting(),
        sink.rowsPerSecondSecondHalf(), sink.workerCpuSecondsPerThousandRows(), sink.rowsPerSecondWarm(), sink.rows(),
        stateEntries, stateOpenCalls, recoverySeconds, cpuSecondsPerThousandCalls, compilerCpuSecondsPerThousandCalls,
        wrongAnswers + sink.violations(), settings, empty, large);
  }

  public BenchReport withRecovery(BigDecimal seconds) {
    return new BenchReport(mode, settledCalls, callers, partitions, measuredSeconds, capacityCallsPerSecond,
        rawRecordsPerSecond, ratioToRaw, startP50Ms, startP99Ms, endP50Ms, endP99Ms, maxBehindScheduleMs,
        recordsPerCall, maxPunctuationMs, sinkRowsPerSecond, sinkRowsPerSecondWriting, sinkRowsPerSecondSecondHalf,
        sinkCpuSecondsPerThousandRows, sinkRowsPerSecondWarm, sinkRows, stateEntries, stateOpenCalls, seconds,
        cpuSecondsPerThousandCalls, compilerCpuSecondsPerThousandCalls, wrongAnswers, settings, empty, large);
  }

  /**
   * This report (the measurement on empty stores) with the same mode measured again on a grown state: the top level
   * keeps this measurement's figures, takes the grown state's entries and open calls, and counts the wrong answers
   * of both measurements and of the growth.
   */
  public BenchReport withState(BenchReport grown, long growthWrongAnswers) {
    return new BenchReport(mode, settledCalls, callers, partitions, measuredSeconds, capacityCallsPerSecond,
        rawRecordsPerSecond, ratioToRaw, startP50Ms, startP99Ms, endP50Ms, endP99Ms, maxBehindScheduleMs,
        recordsPerCall, maxPunctuationMs, sinkRowsPerSecond, sinkRowsPerSecondWriting, sinkRowsPerSecondSecondHalf,
        sinkCpuSecondsPerThousandRows, sinkRowsPerSecondWarm, sinkRows, grown.stateEntries, grown.stateOpenCalls,
        recoverySeconds, cpuSecondsPerThousandCalls, compilerCpuSecondsPerThousandCalls,
        wrongAnswers + grown.wrongAnswers + growthWrongAnswers,
        settings, this, grown);
  }

  /** The figures by their JSON keys, in the record's order. */
  public Map<String, Object> asMap() {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.convertValue(this, LinkedHashMap.class);
    return map;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, toJson() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file, e);
    }
  }

  /** One line per figure, for the terminal. */
  public String describe() {
    StringBuilder text = new StringBuilder("callbill benchmark (" + mode + ", " + callers + " callers, " + partitions
        + " partitions, " + Runtime.getRuntime().availableProcessors() + " cores, EOS v2, no HTTP):\n");
    Map<String, Object> figures = asMap();
    figures.remove("empty");
    figures.remove("large");
    figures.forEach((key, value) -> text.append(String.format("  %-34s %s%n", key, value)));
    if (empty != null && large != null) {
      Map<String, Object> before = empty.asMap();
      Map<String, Object> after = large.asMap();
      text.append(String.format("  the same %s measurement, empty stores and grown state:%n", mode));
      text.append(String.format("  %-34s %14s %14s%n", "", "empty", "large"));
      MEASURED.forEach(key -> text.append(String.format("  %-34s %14s %14s%n", key, before.get(key),
          after.get(key))));
    }
    return text.toString();
  }
}
