package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is closed by default: only the API is published on the host's interfaces, the secrets have no
 * default, the healthchecks test what the services wait for. (No Docker engine runs here; this reads the file.)
 */
class StackComposeTest {

  private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
  /** The one service, and its one container port, that may be published on every interface. */
  private static final String PUBLIC_SERVICE = "api-ingest";
  private static final String PUBLIC_PORT = "8080";

  private static final String TEXT = read();
  @SuppressWarnings("unchecked")
  private static final Map<String, Map<String, Object>> SERVICES =
      (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(TEXT).get("services");

  private static String read() {
    try {
      return Files.readString(COMPOSE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + COMPOSE.toAbsolutePath(), e);
    }
  }

  /** Every published port as "service: host-ip|*:container-port". */
  @SuppressWarnings("unchecked")
  private static List<String> publishedPorts() {
    List<String> published = new ArrayList<>();
    SERVICES.forEach((name, service) -> {
      for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
        if (port instanceof Map<?, ?> longSyntax) {
          Object hostIp = longSyntax.get("host_ip");
          published.add(name + ": " + (hostIp == null ? "*" : hostIp) + ":" + longSyntax.get("target"));
        } else {
          // [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]; an IPv6 host ip comes in brackets.
          String[] parts = String.valueOf(port).split(":(?![^\\[]*\\])");
          String hostIp = parts.length == 3 ? parts[0] : "*";
          published.add(name + ": " + hostIp + ":" + parts[parts.length - 1].replaceAll("/.*", ""));
        }
      }
    });
    return published;
  }

  @Test
  void onlyTheApiIsPublishedOnAllInterfaces() {
    List<String> onAllInterfaces = publishedPorts().stream()
        .filter(port -> {
          String hostIp = port.substring(port.indexOf(": ") + 2, port.lastIndexOf(':'));
          return !hostIp.equals("127.0.0.1") && !hostIp.equals("[::1]");
        })
        .toList();

    assertThat(onAllInterfaces).containsExactly(PUBLIC_SERVICE + ": *:" + PUBLIC_PORT);
  }

  @Test
  void theDatabasePasswordAndTheJwtSecretAreRequiredVariablesWithoutDefault() {
    assertThat(TEXT).contains("${CALLBILL_JWT_SECRET:?").contains("${CALLBILL_POSTGRES_PASSWORD:?");
    Matcher defaults = Pattern.compile("\\$\\{(CALLBILL_JWT_SECRET|CALLBILL_POSTGRES_PASSWORD)(:-|-)").matcher(TEXT);
    assertThat(defaults.find()).as("a default for a secret").isFalse();
    Matcher passwords = Pattern.compile("(?m)^\\s*(POSTGRES_PASSWORD|CALLBILL_JDBC_PASSWORD|FLYWAY_PASSWORD):\\s*(.*)$")
        .matcher(TEXT);
    int found = 0;
    while (passwords.find()) {
      found++;
      assertThat(passwords.group(2)).as(passwords.group(1)).startsWith("${CALLBILL_POSTGRES_PASSWORD:?");
    }
    assertThat(found).isEqualTo(3);
    assertThat(TEXT).doesNotContain("-password=");
  }

  @Test
  void grafanasAdminPasswordIsARequiredVariableAndPrometheusScrapesBothApps() throws IOException {
    assertThat(String.valueOf(SERVICES.get("grafana").get("environment")))
        .contains("GF_SECURITY_ADMIN_PASSWORD=${CALLBILL_GRAFANA_ADMIN_PASSWORD:?");
    assertThat(TEXT).doesNotContain("${CALLBILL_GRAFANA_ADMIN_PASSWORD:-");
    String prometheus = Files.readString(Path.of("..", "docker", "prometheus", "prometheus.yml"));
    assertThat(prometheus).contains("billing-streams-1:8082", "billing-streams-2:8082", "api-ingest:8081");
    for (String billing : List.of("billing-streams-1", "billing-streams-2")) {
      assertThat(String.valueOf(SERVICES.get(billing).get("environment"))).as(billing)
          .contains("CALLBILL_MANAGEMENT_PORT=8082");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthchecksAskWhatTheDependentsNeed() {
    String postgres = String.valueOf(((Map<String, Object>) SERVICES.get("postgres").get("healthcheck")).get("test"));
    assertThat(postgres).contains("pg_isready -h 127.0.0.1");
    assertThat(String.valueOf(SERVICES.get("migrations").get("environment"))).contains("FLYWAY_CONNECT_RETRIES");
    for (String billing : List.of("billing-streams-1", "billing-streams-2")) {
      assertThat(String.valueOf(SERVICES.get(billing).get("healthcheck"))).as(billing).contains("/health");
    }
    assertThat(String.valueOf(SERVICES.get("api-ingest").get("depends_on")))
        .contains("billing-streams-1={condition=service_healthy}");
  }
}
