package io.callbill.proofs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The metric names the dashboard and the alert rules query, and the names an exporter's scrape offers, both reduced
 * to the base name a series family has ({@code _bucket}, {@code _count}, {@code _sum} stripped), so that one can be
 * checked against the other.
 *
 * <p>PromQL is reduced, not parsed: string literals, label matchers ({@code {...}}), ranges ({@code [5m]}) and the
 * label lists of {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/{@code group_right} are
 * removed; of what is left, an identifier followed by {@code (} is a function, keywords are keywords, the rest are
 * metric names.
 */
final class DashboardMetricNames {

  static final Path DASHBOARDS = Path.of("..", "docker", "grafana", "dashboards");
  static final Path ALERTS = Path.of("..", "docker", "prometheus", "alerts.yml");
  /** Series Prometheus makes itself for every target, exported by nobody. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "and", "or", "unless", "offset", "bool", "inf", "nan", "e");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardMetricNames() {
  }

  /** Every metric name of every dashboard's panel queries and every alert rule. */
  static Set<String> queried() {
    Set<String> names = new TreeSet<>();
    expressions().forEach(expression -> names.addAll(inExpression(expression)));
    return names;
  }

  static List<String> expressions() {
    List<String> expressions = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
        collectTargets(JSON.readTree(file.toFile()).path("panels"), expressions);
      }
      collectRules(Files.readString(ALERTS), expressions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return expressions;
  }

  /** The metric names one PromQL expression reads. */
  static Set<String> inExpression(String promql) {
    String reduced = STRING.matcher(promql).replaceAll(" ");
    reduced = MATCHERS.matcher(reduced).replaceAll(" ");
    reduced = RANGE.matcher(reduced).replaceAll(" ");
    reduced = LABEL_LIST.matcher(reduced).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(reduced);
    while (identifier.find()) {
      String name = identifier.group();
      boolean isFunction = reduced.substring(identifier.end()).stripLeading().startsWith("(");
      boolean isNumberPart = identifier.start() > 0 && Character.isDigit(reduced.charAt(identifier.start() - 1));
      if (!isFunction && !isNumberPart && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        names.add(baseName(name));
      }
    }
    return names;
  }

  /** The base names of the samples in a Prometheus text exposition. */
  static Set<String> exported(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher name = IDENTIFIER.matcher(line);
      if (name.lookingAt()) {
        names.add(baseName(name.group()));
      }
    }
    return names;
  }

  static String baseName(String name) {
    return name.replaceFirst("_(bucket|count|sum)$", "");
  }

  private static void collectTargets(JsonNode panels, List<String> expressions) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          expressions.add(target.get("expr").asText());
        }
      }
      collectTargets(panel.path("panels"), expressions);
    }
  }

  @SuppressWarnings("unchecked")
  private static void collectRules(String yaml, List<String> expressions) {
    Map<String, Object> alerts = new Yaml().load(yaml);
    for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.add(String.valueOf(rule.get("expr")));
      }
    }
  }
}
