package io.callbill.proofs.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The longest punctuation billing-streams ran while watched: its {@code /metrics} scraped every second, the largest
 * of Kafka Streams' {@code punctuate-latency-max} (every punctuator, per stream thread) and billing's own
 * {@code deadline-punctuation-time-ms-max}. Both are windowed maxima (Kafka's samples of 30 s), so the watch
 * keeps the largest it saw instead of reading once at the end.
 */
final class PunctuationWatch implements AutoCloseable {

  static final String[] SERIES = {"kafka_stream_thread_punctuate_latency_max",
      "kafka_callbill_deadline_punctuation_time_ms_max"};

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI metrics;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile double maxMillis;

  private PunctuationWatch(int managementPort) {
    this.metrics = URI.create("http://127.0.0.1:" + managementPort + "/metrics");
    this.thread = new Thread(this::watch, "bench-punctuation-watch");
    thread.setDaemon(true);
  }

  static PunctuationWatch start(int managementPort) {
    PunctuationWatch watch = new PunctuationWatch(managementPort);
    watch.thread.start();
    return watch;
  }

  /** The longest punctuation seen so far, in milliseconds (0 when none ran). */
  double maxMillis() {
    return maxMillis;
  }

  private void watch() {
    while (running) {
      scrape();
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void scrape() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        maxMillis = Math.max(maxMillis, maxOf(response.body()));
      }
    } catch (java.io.IOException e) {
      // billing restarting or busy: the next scrape tries again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The largest value of the punctuation series in a Prometheus text scrape (NaN, as before any sample, is 0). */
  static double maxOf(String scrape) {
    double max = 0;
    for (String line : scrape.split("\n")) {
      for (String series : SERIES) {
        if (line.startsWith(series + "{") || line.startsWith(series + " ")) {
          double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          if (!Double.isNaN(value)) {
            max = Math.max(max, value);
          }
        }
      }
    }
    return max;
  }

  /** A last scrape, then the watch stops. */
  @Override
  public void close() {
    scrape();
    running = false;
    thread.interrupt();
  }
}
