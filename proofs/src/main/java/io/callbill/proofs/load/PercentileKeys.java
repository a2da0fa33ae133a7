package io.callbill.proofs.load;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The percentile keys of {@code ./callbill bench} ({@code startP50Ms}, {@code startP99Ms}, {@code endP50Ms},
 * {@code endP99Ms}), so a load report and a bench report compare key by key.
 */
interface PercentileKeys {

  LoadReport.Latency start();

  LoadReport.Latency end();

  @JsonProperty("startP50Ms")
  default double startP50Ms() {
    return start().p50Ms();
  }

  @JsonProperty("startP99Ms")
  default double startP99Ms() {
    return start().p99Ms();
  }

  @JsonProperty("endP50Ms")
  default double endP50Ms() {
    return end().p50Ms();
  }

  @JsonProperty("endP99Ms")
  default double endP99Ms() {
    return end().p99Ms();
  }
}
