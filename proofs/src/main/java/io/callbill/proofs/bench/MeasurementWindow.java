package io.callbill.proofs.bench;

import io.callbill.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;

/**
 * What billing-streams did between the start and the end of a measurement: the records it made the broker write,
 * the CPU it used and its longest punctuation; closed with the calls settled in it, it makes the report.
 */
final class MeasurementWindow {

  final long beganNanos = System.nanoTime();
  private final BenchBilling billing;
  private final Admin admin;
  private final Topics topics;
  private final long recordsBefore;
  private final double cpuBefore;
  private final double compilerCpuBefore;
  private final PunctuationWatch punctuations;
  private Closed closed;

  private MeasurementWindow(BenchBilling billing, Admin admin, Topics topics, long recordsBefore) {
    this.billing = billing;
    this.admin = admin;
    this.topics = topics;
    this.recordsBefore = recordsBefore;
    this.cpuBefore = ProcessCpu.seconds(billing.pid());
    this.compilerCpuBefore = ProcessCpu.compilerSeconds(billing.pid());
    this.punctuations = PunctuationWatch.start(billing.managementPort());
  }

  static MeasurementWindow open(BenchBilling billing, Admin admin, Topics topics) {
    return new MeasurementWindow(billing, admin, topics, BrokerRecords.written(admin, topics));
  }

  /** Opened with the broker's records counted earlier (before billing started on a backlog). */
  static MeasurementWindow open(BenchBilling billing, Admin admin, Topics topics, long recordsBefore) {
    return new MeasurementWindow(billing, admin, topics, recordsBefore);
  }

  /** Billing's records settle on the broker once its last transaction commits: counted after every answer is read. */
  MeasurementWindow close(SettlementTally settlements, long measuredNanos, Percentiles start, Percentiles end,
      double maxBehindMillis) {
    punctuations.close();
    closed = new Closed(settlements.settled(), settlements.wrongAnswers(), measuredNanos, start, end, maxBehindMillis,
        BrokerRecords.written(admin, topics) - recordsBefore, ProcessCpu.seconds(billing.pid()) - cpuBefore,
        ProcessCpu.compilerSeconds(billing.pid()) - compilerCpuBefore, punctuations.maxMillis());
    return this;
  }

  private record Closed(long settled, long wrongAnswers, long measuredNanos, Percentiles start, Percentiles end,
                        double maxBehindMillis, long records, double cpuSeconds, double compilerCpuSeconds,
                        double maxPunctuationMillis) {
  }

  /** The report of the closed window; the sink and recovery are added by who measures them. */
  BenchReport report(BenchOptions options, int partitions, BigDecimal rawRecordsPerSecond, long stateEntries,
      long stateOpenCalls) {
    Closed c = closed;
    BigDecimal seconds = BigDecimal.valueOf(c.measuredNanos()).movePointLeft(9);
    BigDecimal settled = BigDecimal.valueOf(c.settled());
    BigDecimal capacity = BenchReport.ratio(settled, seconds, 1);
    BigDecimal commandsPerSecond = capacity.multiply(BigDecimal.valueOf(BillingBenchmark.COMMANDS_PER_CALL));
    return new BenchReport(options.mode().name().toLowerCase(Locale.ROOT), c.settled(), options.callers(),
        partitions, seconds.setScale(3, RoundingMode.HALF_UP), capacity, rawRecordsPerSecond,
        BenchReport.ratio(commandsPerSecond, rawRecordsPerSecond, 4),
        BenchReport.millis(c.start().p50Micros()), BenchReport.millis(c.start().p99Micros()),
        BenchReport.millis(c.end().p50Micros()), BenchReport.millis(c.end().p99Micros()),
        BenchReport.rounded(c.maxBehindMillis(), 1), BenchReport.ratio(BigDecimal.valueOf(c.records()), settled, 2),
        BenchReport.rounded(c.maxPunctuationMillis(), 1), null, null, null, null, null, 0, stateEntries, stateOpenCalls, null,
        perThousand(c.cpuSeconds(), settled), perThousand(c.compilerCpuSeconds(), settled), c.wrongAnswers(),
        options.settings(), null, null);
  }

  private static BigDecimal perThousand(double cpuSeconds, BigDecimal settled) {
    return BenchReport.ratio(BenchReport.rounded(cpuSeconds * 1000, 3), settled, 3);
  }
}
