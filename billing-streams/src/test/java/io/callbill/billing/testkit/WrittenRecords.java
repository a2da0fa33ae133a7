package io.callbill.billing.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Counts what a topology wrote to the broker, topic by topic: outputs, changelogs and repartition topics alike, read
 * from the driver's record of every produced record ({@link TopologyTestDriver#producedTopicNames()}).
 *
 * <p>It counts the records still queued on each topic and consumes none, so the driver's typed accessors still read
 * them; the replies are the exception, read by {@link CallbillTestDriver} to answer each command, and counted from
 * what it has read ({@link CallbillTestDriver#replies()}). Read no other topic while counting.
 */
public final class WrittenRecords {

  private final CallbillTestDriver billing;
  private final Map<String, Long> counted = new HashMap<>();
  private int repliesCounted;

  public WrittenRecords(CallbillTestDriver billing) {
    this.billing = billing;
    drain();
  }

  /** Records written since the last drain (or since this counter was made), by topic; topics with none left out. */
  public Map<String, Integer> drain() {
    TopologyTestDriver driver = billing.driver();
    String replies = billing.topics().replies.name();
    Map<String, Integer> counts = new TreeMap<>();
    for (String topic : driver.producedTopicNames()) {
      if (topic.equals(replies)) {
        continue;
      }
      long queued = driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
          .getQueueSize();
      long before = counted.getOrDefault(topic, 0L);
      counted.put(topic, queued);
      if (queued > before) {
        counts.put(topic, Math.toIntExact(queued - before));
      }
    }
    int allReplies = billing.replies().size();
    if (allReplies > repliesCounted) {
      counts.put(replies, allReplies - repliesCounted);
    }
    repliesCounted = allReplies;
    return counts;
  }

  /** The topic's name without the driver's application id in front of a changelog's or a repartition topic's. */
  public String stableName(String topic) {
    String internalPrefix = billing.applicationId() + "-";
    return topic.startsWith(internalPrefix) ? topic.substring(internalPrefix.length()) : topic;
  }
}
