package io.callbill.stack;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the running stack answers: the content of {@code .callbill/stack.json}. The two metrics URLs are the
 * Prometheus endpoints of billing-streams ({@code /metrics}) and api-ingest ({@code /actuator/prometheus}), both on
 * loopback management ports.
 */
public record StackInfo(String apiUrl, String bootstrapServers, String jdbcUrl, String jdbcUser, String jdbcPassword,
                        String billingMetricsUrl, String apiMetricsUrl) {

  public String toJson() {
    return toJson(Map.of());
  }

  /** With {@code "parts"}: each watched part's state, pid and restarts (see {@link PartWatch}). */
  public String toJson(Map<String, PartWatch.PartStatus> parts) {
    String json = "{\"apiUrl\":\"" + apiUrl + "\",\"bootstrapServers\":\"" + bootstrapServers + "\",\"jdbcUrl\":\""
        + jdbcUrl + "\",\"jdbcUser\":\"" + jdbcUser + "\",\"jdbcPassword\":\"" + jdbcPassword
        + "\",\"billingMetricsUrl\":\"" + billingMetricsUrl + "\",\"apiMetricsUrl\":\"" + apiMetricsUrl + "\"";
    if (!parts.isEmpty()) {
      json += ",\"parts\":{" + parts.entrySet().stream()
          .map(part -> "\"" + part.getKey() + "\":" + part.getValue().toJson())
          .collect(Collectors.joining(",")) + "}";
    }
    return json + "}";
  }
}
