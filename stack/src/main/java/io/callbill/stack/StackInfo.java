package io.callbill.stack;

import java.util.Map;
import java.util.stream.Collectors;

/** Where the running stack answers: the content of {@code .callbill/stack.json}. */
public record StackInfo(String apiUrl, String bootstrapServers, String jdbcUrl, String jdbcUser, String jdbcPassword) {

  public String toJson() {
    return toJson(Map.of());
  }

  /** With {@code "parts"}: each watched part's state, pid and restarts (see {@link PartWatch}). */
  public String toJson(Map<String, PartWatch.PartStatus> parts) {
    String json = "{\"apiUrl\":\"" + apiUrl + "\",\"bootstrapServers\":\"" + bootstrapServers + "\",\"jdbcUrl\":\""
        + jdbcUrl + "\",\"jdbcUser\":\"" + jdbcUser + "\",\"jdbcPassword\":\"" + jdbcPassword + "\"";
    if (!parts.isEmpty()) {
      json += ",\"parts\":{" + parts.entrySet().stream()
          .map(part -> "\"" + part.getKey() + "\":" + part.getValue().toJson())
          .collect(Collectors.joining(",")) + "}";
    }
    return json + "}";
  }
}
