package io.callbill.proofs.bench;

import io.callbill.stack.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance} against the same broker, with records of the same size as our commands:
 * the machine's ceiling for writing, which makes the topology's figure a ratio that means something elsewhere.
 */
public final class RawProducerBaseline {

  private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

  private RawProducerBaseline() {
  }

  /** Records per second written with acks=all, linger 5 ms, as fast as possible. */
  public static BigDecimal recordsPerSecond(String bootstrapServers, String topic, long records, int recordSize,
                                            Path log) {
    ChildProcess.runJava("producer-performance", List.of("-cp", System.getProperty("java.class.path")),
        List.of("org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
            "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
            "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all",
            "linger.ms=5", "enable.idempotence=true"),
        log, Duration.ofMinutes(10));
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        Matcher matcher = SUMMARY.matcher(lines.get(i));
        if (matcher.find() && Long.parseLong(matcher.group(1)) == records) {
          return new BigDecimal(matcher.group(2));
        }
      }
      throw new IllegalStateException("no ProducerPerformance summary in " + log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
