package io.callbill.billing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The one rule by which a configuration key is read: the environment over the properties file, the file over the
 * key's default in its {@link ConfigDef}. The environment name of a key is derived from the key, never kept in a
 * table of its own: upper case, dots to underscores, with {@code CALLBILL_} in front when the key does not already
 * start with {@code callbill.} ({@code callbill.metering} is {@code CALLBILL_METERING}, Kafka Streams'
 * {@code bootstrap.servers} is {@code CALLBILL_BOOTSTRAP_SERVERS}).
 *
 * <p>A blank variable counts as unset: a compose file that writes {@code CALLBILL_X=} keeps the file's value.
 */
public final class ConfigSources {

  static final String OWN_PREFIX = "callbill.";

  private ConfigSources() {
  }

  public static String environmentName(String key) {
    String qualified = key.startsWith(OWN_PREFIX) ? key : OWN_PREFIX + key;
    return qualified.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The values to configure {@code definition} with: every file value, then the environment value of each key the
   * definition has. Defaults are left to the definition, so that a key's originals say whether it was set at all.
   */
  public static Map<Object, Object> merge(ConfigDef definition, Map<?, ?> fileValues,
      Map<String, String> environment) {
    Map<Object, Object> merged = new HashMap<>(fileValues);
    for (String key : definition.names()) {
      String fromEnvironment = environment.get(environmentName(key));
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        merged.put(key, fromEnvironment.trim());
      }
    }
    return merged;
  }
}
