package io.callbill.stack.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code ./callbill reconcile --metrics FILE}: the result as Prometheus text, for node_exporter's textfile collector
 * ({@code --collector.textfile.directory} holding {@code FILE}, named {@code *.prom}): the drift found per kind
 * (every kind, 0 when clean), whether it was clean, and when it ran.
 *
 * <p>Why a file and not an endpoint: reconcile is a command run from cron or a CI job, not a process to scrape; the
 * textfile collector is Prometheus' way for such jobs. The file is written to a temporary name and moved into place,
 * so the collector never reads half of it. A run that cannot read its sources writes nothing: the timestamp then
 * ages, which the staleness alert sees.
 */
public final class ReconcileMetrics {

  public static final String DRIFT = "callbill_reconcile_drift";
  public static final String CLEAN = "callbill_reconcile_clean";
  public static final String LAST_RUN = "callbill_reconcile_last_run_timestamp_seconds";
  public static final String RECORDS = "callbill_reconcile_records";

  private ReconcileMetrics() {
  }

  static String text(Reconciliation result, Instant ranAt) {
    Map<Drift.Kind, Integer> byKind = new EnumMap<>(Drift.Kind.class);
    for (Drift.Kind kind : Drift.Kind.values()) {
      byKind.put(kind, 0);
    }
    result.drift().forEach(drift -> byKind.merge(drift.kind(), 1, Integer::sum));
    StringBuilder text = new StringBuilder();
    text.append("# HELP ").append(DRIFT).append(" Differences the last ./callbill reconcile found, by kind.\n");
    text.append("# TYPE ").append(DRIFT).append(" gauge\n");
    byKind.forEach((kind, count) ->
        text.append(DRIFT).append("{kind=\"").append(kind.name()).append("\"} ").append(count).append('\n'));
    text.append("# HELP ").append(CLEAN).append(" 1 when the last reconcile found PostgreSQL equal to the topics.\n");
    text.append("# TYPE ").append(CLEAN).append(" gauge\n");
    text.append(CLEAN).append(' ').append(result.clean() ? 1 : 0).append('\n');
    text.append("# HELP ").append(RECORDS).append(" What the last reconcile read, by source.\n");
    text.append("# TYPE ").append(RECORDS).append(" gauge\n");
    result.counts().forEach((source, count) ->
        text.append(RECORDS).append("{source=\"").append(source).append("\"} ").append(count).append('\n'));
    text.append("# HELP ").append(LAST_RUN).append(" When the last reconcile finished (Unix time).\n");
    text.append("# TYPE ").append(LAST_RUN).append(" gauge\n");
    text.append(LAST_RUN).append(' ').append(ranAt.getEpochSecond()).append('\n');
    return text.toString();
  }

  static void write(Path file, Reconciliation result, Instant ranAt) {
    Path absolute = file.toAbsolutePath();
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, text(result, ranAt), StandardCharsets.UTF_8);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the metrics to " + file, e);
    }
  }
}
