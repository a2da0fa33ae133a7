package io.callbill.sink;

import java.util.Map;
import java.util.Objects;

/**
 * Where the sink connectors read and write: the topic prefix of the Callbill topics and the PostgreSQL database.
 *
 * <p>The connector configurations do not contain these values; they refer to the worker's environment through
 * Kafka Connect's {@code env} config provider ({@code ${env:CALLBILL_JDBC_URL}}), so the same JSON serves the local
 * standalone worker and a distributed cluster, and the password never appears in a file or in the REST API.
 */
public record SinkTarget(String topicPrefix, String jdbcUrl, String jdbcUser, String jdbcPassword) {

  public static final String TOPIC_PREFIX = "CALLBILL_TOPIC_PREFIX";
  public static final String JDBC_URL = "CALLBILL_JDBC_URL";
  public static final String JDBC_USER = "CALLBILL_JDBC_USER";
  public static final String JDBC_PASSWORD = "CALLBILL_JDBC_PASSWORD";

  public SinkTarget {
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(jdbcUser, "jdbcUser");
    jdbcPassword = jdbcPassword == null ? "" : jdbcPassword;
  }

  /** The environment variables the connector configurations refer to. */
  public Map<String, String> environment() {
    return Map.of(TOPIC_PREFIX, topicPrefix, JDBC_URL, jdbcUrl, JDBC_USER, jdbcUser, JDBC_PASSWORD, jdbcPassword);
  }

  @Override
  public String toString() {
    return "SinkTarget[topicPrefix=" + topicPrefix + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + "]";
  }
}
