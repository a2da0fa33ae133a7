package io.callbill.proofs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a restarted billing-streams spends its seconds, read from the lines its log gained since the restart (each
 * starts with logback's ISO timestamp): the JVM reaching main, Kafka Streams starting, the group joined and synced,
 * the transactional producer initialised (its previous incarnation fenced), each store's restore (records read) and
 * RUNNING. The group lines need billing's logback (ConsumerCoordinator at INFO); an older build logs fewer steps.
 * Only the first line of each step counts; restores are summed per store.
 */
final class StartupTimeline {

  /** A step of the start and the log line that marks it. */
  private record Step(String name, Pattern line) {
  }

  private static final List<Step> STEPS = List.of(
      new Step("main() entered (JVM started)", Pattern.compile("Starting \\S+ on .*JVM up (\\d+) ms")),
      new Step("Kafka Streams started", Pattern.compile("State transition from CREATED to REBALANCING")),
      new Step("global stores ready", Pattern.compile("GlobalStreamThread.*State transition from \\w+ to RUNNING")),
      new Step("join group sent", Pattern.compile("\\(Re-\\)joining group")),
      new Step("group joined", Pattern.compile("Successfully joined group")),
      new Step("group synced (assignment)", Pattern.compile("Successfully synced group")),
      new Step("producer initialised (old one fenced)", Pattern.compile("ProducerId set to")),
      new Step("stream thread restoring", Pattern.compile("State transition from \\w+ to PARTITIONS_ASSIGNED")),
      new Step("RUNNING", Pattern.compile("KafkaStreams.*State transition from \\w+ to RUNNING")));
  private static final Pattern RESTORED = Pattern.compile("Restored store (\\S+) from .*: (\\d+) records in (\\d+) ms");

  private final Map<String, Instant> reached = new LinkedHashMap<>();
  private final Map<String, long[]> restoredByStore = new LinkedHashMap<>();

  private StartupTimeline() {
  }

  /** Reads {@code log} from byte {@code from} (its size at the kill). */
  static StartupTimeline read(Path log, long from) {
    StartupTimeline timeline = new StartupTimeline();
    try {
      byte[] bytes = Files.readAllBytes(log);
      String text = new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
          StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        timeline.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return timeline;
  }

  private void accept(String line) {
    Instant at = timestamp(line);
    if (at == null) {
      return;
    }
    for (Step step : STEPS) {
      Matcher matcher = step.line().matcher(line);
      if (!reached.containsKey(step.name()) && matcher.find()) {
        reached.put(step.name(), at);
        if (step == STEPS.get(0)) {
          reached.put("JVM process started", at.minusMillis(Long.parseLong(matcher.group(1))));
        }
      }
    }
    Matcher restored = RESTORED.matcher(line);
    if (restored.find()) {
      long[] sums = restoredByStore.computeIfAbsent(restored.group(1), store -> new long[3]);
      sums[0] += Long.parseLong(restored.group(2));
      sums[1] = Math.max(sums[1], Long.parseLong(restored.group(3)));
      sums[2]++;
    }
  }

  /** The steps in the order they happened, as seconds after {@code kill}, then the restores per store. */
  List<String> describe(Instant kill) {
    List<String> lines = new ArrayList<>();
    reached.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(step -> lines.add(String.format(
        "  %+7.2f s  %s", (step.getValue().toEpochMilli() - kill.toEpochMilli()) / 1000.0, step.getKey())));
    for (Step step : STEPS) {
      if (!reached.containsKey(step.name())) {
        lines.add("      (not logged)  " + step.name());
      }
    }
    restoredByStore.forEach((store, sums) -> lines.add(String.format(
        "  restored %-40s %,10d records from %d partition(s), slowest %d ms", store, sums[0], sums[2], sums[1])));
    if (restoredByStore.isEmpty()) {
      lines.add("  no restore logged (nothing to restore, or a build older than its RestoreLog)");
    }
    return lines;
  }

  private static Instant timestamp(String line) {
    int space = line.indexOf(' ');
    if (space < 20) {
      return null;
    }
    try {
      return OffsetDateTime.parse(line.substring(0, space)).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
