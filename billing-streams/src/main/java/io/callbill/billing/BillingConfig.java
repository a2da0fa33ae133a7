package io.callbill.billing;

import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.LambdaValidator;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * The billing policies of the topology. Every key is one constant with its type, default and documentation.
 * Values come from a properties file, then from the environment: {@code callbill.metering} is overridden by
 * {@code CALLBILL_METERING} (upper case, dots to underscores; {@link ConfigSources}). The runner's own keys are
 * defined next to these in {@code io.callbill.billing.app.BillingStreamsConfig}, which holds every key of the app.
 */
public final class BillingConfig extends AbstractConfig {

  public static final String TOPIC_PREFIX = "callbill.topic.prefix";
  public static final String METERING = "callbill.metering";
  /** The key {@link #METERING} had before: still read when {@code callbill.metering} is not set. */
  public static final String DURATION_POLICY = "callbill.duration.policy";
  public static final String METERING_CONNECT = "callbill.metering.connect";
  public static final String CLOCK_SKEW_SECONDS = "callbill.duration.clock.skew.seconds";
  public static final String RING_TIMEOUT_SECONDS = "callbill.ring.timeout.seconds";
  public static final String CUTOFF_WARNING_SECONDS = "callbill.cutoff.warning.seconds";
  public static final String HEARTBEAT_TIMEOUT_SECONDS = "callbill.heartbeat.timeout.seconds";
  public static final String DEADLINES_PER_PUNCTUATION = "callbill.session.deadlines.per.punctuation";
  public static final String SESSION_TTL_SECONDS = "callbill.session.ttl.seconds";
  public static final String SESSION_SCAN_INTERVAL_MS = "callbill.session.scan.interval.ms";
  public static final String PLATFORM_SHARDS = "callbill.platform.shards";
  public static final String REPLAY_RETENTION_SECONDS = "callbill.replay.retention.seconds";
  public static final String REFUSAL_RETENTION_SECONDS = "callbill.refusal.retention.seconds";
  public static final String HOUSEKEEPING_ENTRIES_PER_SWEEP = "callbill.housekeeping.entries.per.sweep";
  public static final String CACHED_STORES = "callbill.store.caching";

  /**
   * The metering policy when neither key is set: billing measures the call (the client's claim is recorded and
   * compared, never billed), so no caller can talk for free or for less than was measured.
   */
  public static final Metering DEFAULT_METERING = Metering.MEASURED;

  private static final String METERING_VALUES = "measured, clamp or reported";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(TOPIC_PREFIX, Type.STRING, Topics.DEFAULT_PREFIX, Importance.HIGH,
          "Prefix of every topic name, e.g. callbill. gives callbill.call-commands.")
      .define(METERING, Type.STRING, DEFAULT_METERING.configValue(), meteringValue(), Importance.HIGH,
          "Who decides a call's duration. measured: the time billing measured from the call's connect to its end"
              + " (30 s minimum, never past maxSeconds; the claim is recorded and a disagreement beyond the skew is"
              + " flagged durationDisputed), and billing cuts off, abandons, misses and expires calls itself; clamp:"
              + " the claim capped at the time measured from the start plus the skew; reported: the claim, as the"
              + " seed did.")
      .define(DURATION_POLICY, Type.STRING, null, meteringValue(), Importance.LOW,
          "Former name of " + METERING + " (clamp or reported); read only when " + METERING + " is not set.")
      .define(METERING_CONNECT, Type.STRING, MeteringConnect.ACCEPT.configValue(),
          ValidString.in(MeteringConnect.ACCEPT.configValue(), MeteringConnect.START.configValue()), Importance.HIGH,
          "Under measured, where the billed time starts. accept: when the receiver or the platform accepts (ringing"
              + " is free; a call nobody accepts within the ring timeout closes as missed); start: at the start"
              + " command, ringing included. A platform whose clients never send an accept must choose start (or the"
              + " reported policy): under accept their calls would all end not_connected, free.")
      .define(CLOCK_SKEW_SECONDS, Type.LONG, 5L, Range.atLeast(0), Importance.MEDIUM,
          "Client/server clock skew in seconds: under clamp a claim may exceed the measured time by this much; under"
              + " measured a claim further than this from the measured time marks the call durationDisputed, and a"
              + " claim of 0 within this of the connect is not_connected.")
      .define(RING_TIMEOUT_SECONDS, Type.LONG, 60L, Range.atLeast(1), Importance.MEDIUM,
          "Under measured with connect=accept, seconds a call may ring unanswered before it closes as missed, free.")
      .define(CUTOFF_WARNING_SECONDS, Type.LONG, 60L, Range.atLeast(0), Importance.MEDIUM,
          "Under measured, seconds before the cutoff at which a cutoff_warning event is emitted (low balance).")
      .define(HEARTBEAT_TIMEOUT_SECONDS, Type.LONG, 60L, Range.atLeast(1), Importance.MEDIUM,
          "Under measured, seconds of silence (no heartbeat from anyone) after which a call that had a heartbeat is"
              + " settled as abandoned at its last one.")
      .define(DEADLINES_PER_PUNCTUATION, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
          "Most session deadlines one punctuation handles; the rest wait for the next one, so a punctuation stays"
              + " short whatever falls due at once.")
      .define(SESSION_TTL_SECONDS, Type.LONG, 7200L, Range.atLeast(1), Importance.MEDIUM,
          "Seconds after which a call that was never ended is closed as expired (the seed's 2 hours).")
      .define(SESSION_SCAN_INTERVAL_MS, Type.LONG, 1000L, Range.atLeast(10), Importance.LOW,
          "How often (wall clock) the session deadlines that fell due are handled.")
      .define(PLATFORM_SHARDS, Type.INT, 8, Range.between(1, 1024), Importance.MEDIUM,
          "Number of platform revenue sub-accounts; spreads the platform credits of every call over this many keys.")
      .define(REPLAY_RETENTION_SECONDS, Type.LONG, 7L * 24 * 3600, Range.atLeast(60), Importance.LOW,
          "How long answers are kept to replay a repeated command id or a second end of a settled call.")
      .define(REFUSAL_RETENTION_SECONDS, Type.LONG, 900L, Range.atLeast(1), Importance.LOW,
          "How long the answer to a refused command is kept for a retry with the same command id. Short: a refusal"
              + " changed nothing, and a flood of refusals must not grow state for a week.")
      .define(HOUSEKEEPING_ENTRIES_PER_SWEEP, Type.INT, Retention.DEFAULT_ENTRIES_PER_SWEEP, Range.atLeast(1),
          Importance.LOW, "Most expired replay and credit entries one housekeeping sweep (every second, per task)"
              + " forgets; a backlog is worked off over the next sweeps, so a sweep stays short whatever falls due at"
              + " once (it also stops after " + Retention.MAX_SWEEP_TIME.toMillis() + " ms).")
      .define(CACHED_STORES, Type.LIST, "", cacheableStores(), Importance.LOW,
          "Stores that get Kafka Streams' record cache (statestore.cache.max.bytes): writes to one key between two"
              + " commits reach the changelog once, at the commit. Exact under exactly-once (the cache is flushed"
              + " inside the transaction; a crash loses it with the transaction) and for every read of the topology"
              + " (processors and punctuators read through it). Empty: no store is cached, as billing ran before."
              + " Names: " + String.join(", ", BillingStores.CACHEABLE) + ".");

  public BillingConfig(Map<?, ?> values) {
    super(DEFINITION, values);
  }

  /** Defaults only: what a test suite usually wants. */
  public static BillingConfig defaults() {
    return new BillingConfig(Map.of());
  }

  /** File values first, then environment overrides for every key this class defines ({@link ConfigSources}). */
  public static BillingConfig from(Map<?, ?> fileValues, Map<String, String> environment) {
    return new BillingConfig(ConfigSources.merge(DEFINITION, fileValues, environment));
  }

  /** {@code callbill.metering} is set by {@code CALLBILL_METERING} ({@link ConfigSources#environmentName}). */
  public static String environmentName(String key) {
    return ConfigSources.environmentName(key);
  }

  public String topicPrefix() {
    return getString(TOPIC_PREFIX);
  }

  /** {@link #METERING} when set, else its former name {@link #DURATION_POLICY}, else {@link #DEFAULT_METERING}. */
  public Metering metering() {
    if (originals().get(METERING) == null && getString(DURATION_POLICY) != null) {
      return Metering.fromConfig(getString(DURATION_POLICY));
    }
    return Metering.fromConfig(getString(METERING));
  }

  public MeteringConnect meteringConnect() {
    return MeteringConnect.fromConfig(getString(METERING_CONNECT));
  }

  public Duration ringTimeout() {
    return Duration.ofSeconds(getLong(RING_TIMEOUT_SECONDS));
  }

  public Duration cutoffWarning() {
    return Duration.ofSeconds(getLong(CUTOFF_WARNING_SECONDS));
  }

  public Duration heartbeatTimeout() {
    return Duration.ofSeconds(getLong(HEARTBEAT_TIMEOUT_SECONDS));
  }

  public int deadlinesPerPunctuation() {
    return getInt(DEADLINES_PER_PUNCTUATION);
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

  public int housekeepingEntriesPerSweep() {
    return getInt(HOUSEKEEPING_ENTRIES_PER_SWEEP);
  }

  /** The stores {@link #CACHED_STORES} names: each gets the record cache. */
  public Set<String> cachedStores() {
    return Set.copyOf(getList(CACHED_STORES));
  }

  private static LambdaValidator cacheableStores() {
    return LambdaValidator.with((name, value) -> {
      for (Object store : (List<?>) value) {
        if (!BillingStores.CACHEABLE.contains(store)) {
          throw new ConfigException(name, value, "names a store billing does not have or cannot cache: " + store);
        }
      }
    }, () -> String.join(", ", BillingStores.CACHEABLE));
  }

  /** measured, clamp or reported (any case); null passes, for the optional former key. */
  private static LambdaValidator meteringValue() {
    return LambdaValidator.with((name, value) -> {
      if (value == null) {
        return;
      }
      try {
        Metering.fromConfig((String) value);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, "must be " + METERING_VALUES);
      }
    }, () -> METERING_VALUES);
  }
}
