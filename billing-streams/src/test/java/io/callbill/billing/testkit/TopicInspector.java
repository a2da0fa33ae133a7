package io.callbill.billing.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Reads what a topic looks like on the broker (partition count, effective configs), for assertions.
 *
 * <p>Why: tests of provisioning assert on the broker's view, not on what we asked for.
 */
public final class TopicInspector {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;

  public TopicInspector(Admin admin) {
    this.admin = admin;
  }

  public int partitionCount(String topic) throws Exception {
    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    return description.partitions().size();
  }

  /** The effective value of one topic config (the topic's own, else the broker default). */
  public String config(String topic, String key) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
    ConfigEntry entry = config.get(key);
    return entry == null ? null : entry.value();
  }
}
