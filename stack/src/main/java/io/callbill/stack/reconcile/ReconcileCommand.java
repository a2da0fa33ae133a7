package io.callbill.stack.reconcile;

import io.callbill.stack.Command;
import io.callbill.stack.Invocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import io.callbill.stack.StackLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./callbill reconcile}: whether PostgreSQL still equals the settlement topics and the books balance, against
 * the running local stack ({@code .callbill/stack.json}) or any Kafka/PostgreSQL pair given by options. Exit 0 when
 * clean, 1 on drift, 2 on bad arguments.
 */
public final class ReconcileCommand implements Command {

  public static final String USAGE = """
      usage: ./callbill reconcile [--since TIME] [--report FILE] [--metrics FILE]
                                  [--bootstrap-servers HOST:PORT --jdbc-url URL --jdbc-user U --jdbc-password P]
                                  [--topic-prefix PREFIX]

      Reads the settlement topics (call-history, ledger, balances) read_committed from the beginning and the sink's
      tables (call_history, ledger_entries), and reports rows missing, extra or different (with the columns that
      differ), ledger entries of a call that do not sum to zero, and wallets whose balance differs from their
      ledger's credits minus debits (on the topic and in the table). Without connection options it reconciles the
      running local stack. --since (an instant, e.g. 2026-12-01T00:00:00Z) compares only calls ended and entries
      created from then on, and skips the wallet sums (they need the whole ledger). --report writes the result as
      JSON. --metrics writes it as Prometheus text for node_exporter's textfile collector (drift per kind, clean,
      the time of the run). Exit 0 when clean, 1 on drift.
      """;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> OPTIONS = List.of("--since", "--report", "--metrics", "--bootstrap-servers",
      "--jdbc-url", "--jdbc-user", "--jdbc-password", "--topic-prefix");

  /** For {@link java.util.ServiceLoader} and the launcher's list of commands. */
  public ReconcileCommand() {
  }

  @Override
  public String name() {
    return "reconcile";
  }

  @Override
  public String usage() {
    return "reconcile [--since TIME] [--report FILE]";
  }

  @Override
  public String description() {
    return """
        check that PostgreSQL equals the settlement topics and the books
        balance (exit 0 clean, 1 on drift; ./callbill reconcile --help)""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    return run(args, invocation.layout(), invocation.stderrIsTerminal(), invocation.out(), invocation.err());
  }

  /** Where to read: the topics' broker and prefix, and the sink's database. */
  public record Target(String bootstrapServers, String topicPrefix, String jdbcUrl, String jdbcUser, String jdbcPassword) {
  }

  public static int run(List<String> args, StackLayout layout, boolean stderrIsTerminal, PrintStream out,
                        PrintStream err) {
    if (Command.wantsHelp(args)) {
      out.print(USAGE);
      return 0;
    }
    Map<String, String> options = options(args);
    Instant since = since(options.get("--since"));
    Target target = target(options, layout);
    Progress progress = new Progress(err, stderrIsTerminal);
    Reconciliation result;
    try {
      result = reconcile(target, since, progress);
    } catch (SQLException e) {
      err.println("callbill: cannot read PostgreSQL at " + target.jdbcUrl() + ": " + e.getMessage());
      return 1;
    }
    result.drift().forEach(drift -> out.println(drift.kind() + "  " + drift.detail()));
    out.println(result.clean()
        ? "reconcile: clean: " + result.counts()
        : "reconcile: " + result.drift().size() + " differences: " + result.counts());
    if (options.containsKey("--report")) {
      writeReport(Path.of(options.get("--report")), result, since);
    }
    if (options.containsKey("--metrics")) {
      ReconcileMetrics.write(Path.of(options.get("--metrics")), result, Instant.now());
    }
    return result.clean() ? 0 : 1;
  }

  /** Reconciles {@code target} (everything, or from {@code since}), reporting progress as lines on {@code err}. */
  public static Reconciliation reconcile(Target target, Instant since, PrintStream err) throws SQLException {
    return reconcile(target, since, new Progress(err, false));
  }

  static Reconciliation reconcile(Target target, Instant since, Progress progress) throws SQLException {
    SettlementSnapshot snapshot = new SettlementSnapshot(progress);
    SettlementSnapshot.TopicSide topics = snapshot.readTopics(target.bootstrapServers(),
        new Topics(target.topicPrefix(), CallbillSerdes.create()), since);
    Reconciliation.Side tables;
    try (Connection db = DriverManager.getConnection(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword())) {
      tables = snapshot.readTables(db, since);
    }
    return Reconciliation.of(topics.side(), tables, topics.duplicateEntryIds(), topics.balances(), since == null);
  }

  static void writeReport(Path file, Reconciliation result, Instant since) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("clean", result.clean());
    report.put("since", since == null ? null : since.toString());
    report.put("counts", result.counts());
    List<Map<String, Object>> drift = new ArrayList<>();
    for (Drift d : result.drift()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kind", d.kind().name());
      entry.put("subject", d.subject());
      entry.put("detail", d.detail());
      if (!d.fields().isEmpty()) {
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        d.fields().forEach((column, values) -> fields.put(column, mapOf("topic", values[0], "table", values[1])));
        entry.put("fields", fields);
      }
      drift.add(entry);
    }
    report.put("drift", drift);
    try {
      JSON.writeValue(file.toFile(), report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + file, e);
    }
  }

  private static Map<String, String> mapOf(String k1, String v1, String k2, String v2) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  static Target target(Map<String, String> options, StackLayout layout) {
    String prefix = options.getOrDefault("--topic-prefix", Topics.DEFAULT_PREFIX);
    List<String> connection = List.of("--bootstrap-servers", "--jdbc-url", "--jdbc-user", "--jdbc-password");
    long given = connection.stream().filter(options::containsKey).count();
    if (given == connection.size()) {
      return new Target(options.get("--bootstrap-servers"), prefix, options.get("--jdbc-url"),
          options.get("--jdbc-user"), options.get("--jdbc-password"));
    }
    if (given > 0) {
      throw new IllegalArgumentException("give all of " + connection + " or none (the running stack)\n" + USAGE);
    }
    if (!Files.isRegularFile(layout.stackJson())) {
      throw new IllegalArgumentException("no running stack (" + layout.stackJson()
          + " is missing): start one with ./callbill up, or give the connection options\n" + USAGE);
    }
    try {
      JsonNode info = JSON.readTree(layout.stackJson().toFile());
      return new Target(field(info, "bootstrapServers"), prefix, field(info, "jdbcUrl"), field(info, "jdbcUser"),
          field(info, "jdbcPassword"));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + layout.stackJson() + ": " + e.getMessage());
    }
  }

  private static String field(JsonNode info, String name) {
    JsonNode value = info.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("stack.json has no " + name);
    }
    return value.asText();
  }

  static Instant since(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--since must be an instant such as 2026-12-01T00:00:00Z: " + value);
    }
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option for reconcile: " + name + "\n" + USAGE);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      options.put(name, args.get(++i));
    }
    return options;
  }
}
