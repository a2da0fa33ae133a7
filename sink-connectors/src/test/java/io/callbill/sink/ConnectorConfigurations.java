package io.callbill.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbill.schemas.AvroSerde;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** The connector configurations of src/main/connect/connectors, as the tests read them. */
final class ConnectorConfigurations {

  static final Path DIRECTORY = Path.of("src", "main", "connect", "connectors");
  static final String TOPIC_PREFIX_REFERENCE = "${env:" + SinkTarget.TOPIC_PREFIX + "}";

  private ConnectorConfigurations() {
  }

  /** Each connector's {@code config}, by the connector's name, with the file it came from checked. */
  static Map<String, Map<String, String>> all() {
    Map<String, Map<String, String>> connectors = new TreeMap<>();
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      for (Path file : files.sorted().toList()) {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        String name = json.path("name").asText();
        if (!file.getFileName().toString().equals(name + ".json")) {
          throw new IllegalStateException(file + " configures " + name);
        }
        Map<String, String> config = new LinkedHashMap<>();
        json.path("config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
        connectors.put(name, config);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return connectors;
  }

  /** The value schema of the Callbill topic a connector reads. */
  static Schema valueSchema(Map<String, String> config) {
    String baseName = config.get("topics").substring(TOPIC_PREFIX_REFERENCE.length());
    Topic<String, ?> topic = Topics.withDefaultPrefix().all().stream()
        .filter(candidate -> candidate.baseName().equals(baseName))
        .findFirst().orElseThrow(() -> new IllegalStateException("No Callbill topic " + baseName));
    return SpecificData.get().getSchema(((AvroSerde<?>) topic.valueSerde()).type());
  }

  /** The Avro fields a connector drops before writing (the ReplaceField exclusions). */
  static List<String> droppedFields(Map<String, String> config) {
    String dropped = config.get("transforms.dropBlockList.exclude");
    return dropped == null ? List.of() : List.of(dropped.split(","));
  }

  /** The column the sink writes for an Avro field, in snake_case (callId → call_id): the test's own rule. */
  static String column(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
