package io.callbill.schemas;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its key and value, used at every {@code Consumed.with} / {@code Produced.with} so the
 * name and the types travel together.
 *
 * @param compacted whether the topic keeps the latest value per key ({@code cleanup.policy=compact})
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
