package io.callbill.billing;

import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * The billing policies of the topology. Every key is one constant with its type, default and documentation.
 * Values come from a properties file, then from the environment: {@code callbill.duration.policy} is overridden by
 * {@code CALLBILL_DURATION_POLICY} (upper case, dots to underscores).
 */
public final class BillingConfig extends AbstractConfig {

  public static final String TOPIC_PREFIX = "callbill.topic.prefix";
  public static final String DURATION_POLICY = "callbill.duration.policy";
  public static final String CLOCK_SKEW_SECONDS = "callbill.duration.clock.skew.seconds";
  public static final String SESSION_TTL_SECONDS = "callbill.session.ttl.seconds";
  public static final String SESSION_SCAN_INTERVAL_MS = "callbill.session.scan.interval.ms";
  public static final String PLATFORM_SHARDS = "callbill.platform.shards";
  public static final String REPLAY_RETENTION_SECONDS = "callbill.replay.retention.seconds";
  public static final String REFUSAL_RETENTION_SECONDS = "callbill.refusal.retention.seconds";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(TOPIC_PREFIX, Type.STRING, Topics.DEFAULT_PREFIX, Importance.HIGH,
          "Prefix of every topic name, e.g. callbill. gives callbill.call-commands.")
      .define(DURATION_POLICY, Type.STRING, DurationPolicy.CLAMP.configValue(),
          ValidString.in(DurationPolicy.CLAMP.configValue(), DurationPolicy.REPORTED.configValue()), Importance.HIGH,
          "clamp: bill the reported duration capped at the time measured between the start and end commands plus the"
              + " clock skew; reported: bill the client's duration as the seed did.")
      .define(CLOCK_SKEW_SECONDS, Type.LONG, 5L, Range.atLeast(0), Importance.MEDIUM,
          "Seconds a reported duration may exceed the measured one under the clamp policy (client/server clock skew).")
      .define(SESSION_TTL_SECONDS, Type.LONG, 7200L, Range.atLeast(1), Importance.MEDIUM,
          "Seconds after which a call that was never ended is closed as expired (the seed's 2 hours).")
      .define(SESSION_SCAN_INTERVAL_MS, Type.LONG, 1000L, Range.atLeast(10), Importance.LOW,
          "How often (wall clock) ongoing calls are checked for cutoff-due and expiry.")
      .define(PLATFORM_SHARDS, Type.INT, 8, Range.between(1, 1024), Importance.MEDIUM,
          "Number of platform revenue sub-accounts; spreads the platform credits of every call over this many keys.")
      .define(REPLAY_RETENTION_SECONDS, Type.LONG, 7L * 24 * 3600, Range.atLeast(60), Importance.LOW,
          "How long answers are kept to replay a repeated command id or a second end of a settled call.")
      .define(REFUSAL_RETENTION_SECONDS, Type.LONG, 900L, Range.atLeast(1), Importance.LOW,
          "How long the answer to a refused command is kept for a retry with the same command id. Short: a refusal"
              + " changed nothing, and a flood of refusals must not grow state for a week.");

  public BillingConfig(Map<?, ?> values) {
    super(DEFINITION, values);
  }

  /** Defaults only: what a test suite usually wants. */
  public static BillingConfig defaults() {
    return new BillingConfig(Map.of());
  }

  /** File values first, then environment overrides for every key this class defines. */
  public static BillingConfig from(Map<?, ?> fileValues, Map<String, String> environment) {
    Map<Object, Object> merged = new HashMap<>(fileValues);
    for (String key : DEFINITION.names()) {
      String fromEnv = environment.get(environmentName(key));
      if (fromEnv != null) {
        merged.put(key, fromEnv);
      }
    }
    return new BillingConfig(merged);
  }

  /** {@code callbill.duration.policy} is set by {@code CALLBILL_DURATION_POLICY}. */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  public String topicPrefix() {
    return getString(TOPIC_PREFIX);
  }

  public DurationPolicy durationPolicy() {
    return DurationPolicy.fromConfig(getString(DURATION_POLICY));
  }

  public Duration clockSkew() {
    return Duration.ofSeconds(getLong(CLOCK_SKEW_SECONDS));
  }

  public Duration sessionTtl() {
    return Duration.ofSeconds(getLong(SESSION_TTL_SECONDS));
  }

  public Duration sessionScanInterval() {
    return Duration.ofMillis(getLong(SESSION_SCAN_INTERVAL_MS));
  }

  public int platformShards() {
    return getInt(PLATFORM_SHARDS);
  }

  public Duration replayRetention() {
    return Duration.ofSeconds(getLong(REPLAY_RETENTION_SECONDS));
  }

  public Duration refusalRetention() {
    return Duration.ofSeconds(getLong(REFUSAL_RETENTION_SECONDS));
  }
}
