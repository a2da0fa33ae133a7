package io.callbill.schemas;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its key and value, used at every {@code Consumed.with} / {@code Produced.with} so the
 * name and the types travel together.
 *
 * @param prefix the deployment's topic prefix, e.g. {@code callbill.}
 * @param baseName the name without prefix, e.g. {@code call-commands}; stable across deployments
 * @param compacted whether the topic keeps the latest value per key ({@code cleanup.policy=compact})
 */
public record Topic<K, V>(String prefix, String baseName, Serde<K> keySerde, Serde<V> valueSerde,
                          boolean compacted) {

  /** The full topic name: prefix and base name. */
  public String name() {
    return prefix + baseName;
  }
}
