package io.callbill.billing.metrics;

import io.callbill.avro.CallParty;
import io.callbill.avro.CallStatus;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Billing's business counters, as Kafka Streams custom sensors: the processors record into them and they travel with
 * Kafka Streams' own metrics ({@code KafkaStreams.metrics()}, {@code TopologyTestDriver.metrics()}), so the app's
 * Micrometer binder exports them next to process rate and commit latency ({@code kafka_callbill_...} in Prometheus).
 * Every metric name, tag and stat lives here.
 *
 * <p>What they count is processing, not money: under exactly-once an aborted transaction (a crash, a fenced
 * producer) is processed again, and its records counted again, while its output is written once. The money of record
 * is on the topics ({@code ./callbill reconcile}); these figures are for a dashboard only. Amounts are recorded as
 * doubles (coins, or hundredths / 100), exact up to 2^53 hundredths and never read back into billing.
 *
 * <p>Why sensors of our own names and not {@code addRateTotalSensor}: that names its sensor without the tags, so two
 * tag values (two refusal reasons) would share one sensor and each record would count in both. Here a sensor is named
 * by thread, metric and tag values, so each series has its own; tasks of one thread share it (the series are per
 * thread, as Kafka Streams' thread metrics are). Tag values come from fixed sets only (refusal reasons, call
 * statuses, parties, processor names), never from a caller id.
 *
 * <p>Cost: a lookup in a small map and a sensor record per counted event; nothing grows with the state.
 */
public final class BillingSensors {

  /** The metric group: exported as {@code kafka_callbill_<name>} by Micrometer's Kafka binder. */
  public static final String GROUP = "callbill-metrics";
  public static final String THREAD_TAG = "thread-id";

  public static final String CALLS_STARTED = "calls-started-total";
  public static final String COMMANDS_REFUSED = "commands-refused-total";
  public static final String CALLS_SETTLED = "calls-settled-total";
  public static final String COINS_CHARGED = "coins-charged-total";
  public static final String REFUNDS = "refunds-total";
  public static final String REFUNDED_COINS = "refunded-coins-total";
  public static final String PAYOUTS = "payouts-total";
  public static final String PAID_OUT_COINS = "paid-out-coins-total";
  public static final String DEADLINES_DUE = "deadlines-due";
  public static final String DEADLINE_PUNCTUATION_TIME = "deadline-punctuation-time-ms";
  public static final String DEADLINE_PUNCTUATIONS = "deadline-punctuations-total";
  public static final String EXPIRY_SWEEP_ENTRIES = "expiry-sweep-entries-total";

  public static final String REASON_TAG = "reason";
  public static final String STATUS_TAG = "status";
  public static final String ENDED_BY_TAG = "ended-by";
  public static final String PROCESSOR_TAG = "processor";
  /** The endedBy tag of a call nobody ended (a missed or expired call closed by billing). */
  public static final String NOBODY = "none";

  private final StreamsMetrics metrics;
  private final String threadId;
  private final Map<String, Sensor> sensors = new HashMap<>();

  private BillingSensors(StreamsMetrics metrics, String threadId) {
    this.metrics = metrics;
    this.threadId = threadId;
  }

  /**
   * The sensors of the thread running {@code init()}: Kafka Streams initialises a processor on the stream thread
   * that will run it, and names its own thread metrics by the same thread name.
   */
  public static BillingSensors of(ProcessingContext context) {
    return new BillingSensors(context.metrics(), Thread.currentThread().getName());
  }

  /** The counters of the caller-commands processor at zero, so a dashboard's rate() sees their first increment. */
  public BillingSensors registerCallerCounters(String processor) {
    counter(CALLS_STARTED);
    RefusalReasons.all().forEach(reason -> counter(COMMANDS_REFUSED, REASON_TAG, reason));
    counter(COINS_CHARGED);
    counter(REFUNDS);
    counter(REFUNDED_COINS);
    deadlinePunctuation();
    counter(EXPIRY_SWEEP_ENTRIES, PROCESSOR_TAG, processor);
    return this;
  }

  /** The counters of the account-credits processor at zero. */
  public BillingSensors registerAccountCounters(String processor) {
    counter(PAYOUTS);
    counter(PAID_OUT_COINS);
    counter(COMMANDS_REFUSED, REASON_TAG, RefusalReasons.of(Reason.PAYOUT_NOT_COVERED));
    counter(EXPIRY_SWEEP_ENTRIES, PROCESSOR_TAG, processor);
    return this;
  }

  public void callStarted() {
    counter(CALLS_STARTED).record(1);
  }

  /** A command refused for {@code reason}, counted under its tag ({@link RefusalReasons}). */
  public void commandRefused(Reason reason) {
    counter(COMMANDS_REFUSED, REASON_TAG, RefusalReasons.of(reason)).record(1);
  }

  /** A command answered with a refusal, counted under the reason of the reply ({@link RefusalReasons}). */
  public void commandRefused(CommandReply reply) {
    counter(COMMANDS_REFUSED, REASON_TAG, RefusalReasons.of(reply)).record(1);
  }

  public void callSettled(CallStatus status, CallParty endedBy) {
    counter(CALLS_SETTLED, STATUS_TAG, status.name(), ENDED_BY_TAG, endedBy == null ? NOBODY : endedBy.name())
        .record(1);
  }

  /** The caller's charge of a settled call, in whole coins. */
  public void coinsCharged(long coins) {
    counter(COINS_CHARGED).record(coins);
  }

  public void refunded(long coins) {
    counter(REFUNDS).record(1);
    counter(REFUNDED_COINS).record(coins);
  }

  /** A payout applied to a receiver's or agency's wallet, in hundredths of a coin. */
  public void paidOut(long hundredths) {
    counter(PAYOUTS).record(1);
    counter(PAID_OUT_COINS).record(hundredths / 100.0);
  }

  /** One deadline punctuation: how many deadlines it found due and how long it took. */
  public void deadlinePunctuation(int due, long nanos) {
    Sensor[] pair = deadlinePunctuation();
    pair[0].record(due);
    pair[1].record(nanos / 1_000_000.0);
  }

  /** Entries of the replay/expiry index handled by one retention sweep of {@code processor}. */
  public void expirySweep(String processor, int entries) {
    counter(EXPIRY_SWEEP_ENTRIES, PROCESSOR_TAG, processor).record(entries);
  }

  // ---- registration ----------------------------------------------------------------------------------------------

  private Sensor counter(String name, String... tags) {
    return sensor(name, tags, sensor -> sensor.add(metricName(name, tags), new CumulativeSum()));
  }

  /** Deadlines due per punctuation (avg, max, and their total) and the punctuation's time (avg, max). */
  private Sensor[] deadlinePunctuation() {
    Sensor due = sensor(DEADLINES_DUE, new String[0], sensor -> {
      sensor.add(metricName(DEADLINES_DUE + "-avg"), new Avg());
      sensor.add(metricName(DEADLINES_DUE + "-max"), new Max());
      sensor.add(metricName(DEADLINES_DUE + "-total"), new CumulativeSum());
    });
    Sensor time = sensor(DEADLINE_PUNCTUATION_TIME, new String[0], sensor -> {
      sensor.add(metricName(DEADLINE_PUNCTUATION_TIME + "-avg"), new Avg());
      sensor.add(metricName(DEADLINE_PUNCTUATION_TIME + "-max"), new Max());
      sensor.add(metricName(DEADLINE_PUNCTUATIONS), new CumulativeCount());
    });
    return new Sensor[] {due, time};
  }

  private Sensor sensor(String name, String[] tags, Consumer<Sensor> addStats) {
    String key = name + '|' + String.join("|", tags);
    Sensor cached = sensors.get(key);
    if (cached != null) {
      return cached;
    }
    // Sensor names are global in the instance's metrics registry: the thread keeps two threads' counters apart; the
    // same thread's other tasks find the sensor (and its stats) already there.
    Sensor sensor = metrics.addSensor("callbill." + threadId + ".s." + key, Sensor.RecordingLevel.INFO);
    addStats.accept(sensor);
    sensors.put(key, sensor);
    return sensor;
  }

  private MetricName metricName(String name, String... tags) {
    Map<String, String> tagMap = new LinkedHashMap<>();
    tagMap.put(THREAD_TAG, threadId);
    for (int i = 0; i + 1 < tags.length; i += 2) {
      tagMap.put(tags[i], tags[i + 1]);
    }
    return new MetricName(name, GROUP, description(name), tagMap);
  }

  private static String description(String name) {
    return "Callbill billing: " + name.replace('-', ' ') + " (counts processing; money figures come from the topics)";
  }
}
