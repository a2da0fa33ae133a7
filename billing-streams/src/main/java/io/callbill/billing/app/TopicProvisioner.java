package io.callbill.billing.app;

import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Callbill topics that are missing and checks the partitioning the topology depends on.
 *
 * <p>Why: the broker should not auto-create our topics (it would pick its own partition count and no compaction),
 * and a caller's commands, profile and account credits must land in the same partition number for one task to own
 * the caller's wallet. Kafka Streams only notices a partition mismatch at the first rebalance; here it fails before
 * start with the counts in the message. Topics that exist are left as they are (idempotent, and safe when several
 * instances start at once). Used by the billing app at start-up and by the local stack's {@code up}.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  /** With three or more replicas, an acknowledged write survives the loss of one broker. */
  static final int MIN_IN_SYNC_REPLICAS_WHEN_REPLICATED = 2;

  private static final Duration METADATA_RETRY_BACKOFF = Duration.ofMillis(100);

  private final Admin admin;
  private final Duration timeout;

  public TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** The topics whose partition counts must be equal: keyed alike and processed by the same task. */
  public static List<Topic<String, ?>> coPartitioned(Topics topics) {
    return List.of(topics.callCommands, topics.callers, topics.accountCredits);
  }

  /** Every topic billing needs: the string-keyed ones and the dead letters (raw bytes, so not in {@code all()}). */
  public static List<Topic<?, ?>> provisioned(Topics topics) {
    List<Topic<?, ?>> all = new ArrayList<>(topics.all());
    all.add(topics.deadLetters);
    return all;
  }

  /**
   * Creates every topic of {@link #provisioned} that does not exist yet, then checks co-partitioning.
   *
   * @return the names of the topics this call created (empty when all existed)
   * @throws IllegalStateException when the co-partitioned topics differ in partition count
   */
  public List<String> provision(Topics topics, int partitions, short replicationFactor) {
    Set<String> existing = await(admin.listTopics().names(), "list topics");
    List<NewTopic> missing = provisioned(topics).stream()
        .filter(topic -> !existing.contains(topic.name()))
        .map(topic -> newTopic(topic, partitions, replicationFactor))
        .toList();
    List<String> created = create(missing);
    verifyCoPartitioned(topics);
    return created;
  }

  /**
   * Fails when the co-partitioned topics do not all have the same number of partitions.
   *
   * @throws IllegalStateException naming every topic and its count
   */
  public void verifyCoPartitioned(Topics topics) {
    List<String> names = coPartitioned(topics).stream().map(Topic::name).toList();
    Map<String, TopicDescription> descriptions = describeOnceKnown(names);
    Map<String, Integer> counts = new LinkedHashMap<>();
    names.forEach(name -> counts.put(name, descriptions.get(name).partitions().size()));
    if (counts.values().stream().distinct().count() > 1) {
      throw new IllegalStateException("Co-partitioned topics differ in partition count " + counts
          + ": a caller's commands, profile and credits must map to the same partition. Recreate the topics"
          + " with one count (or add partitions to the smaller ones before any data is keyed into them).");
    }
  }

  static NewTopic newTopic(Topic<?, ?> topic, int partitions, short replicationFactor) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
        topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
    int minInSync = replicationFactor >= 3 ? MIN_IN_SYNC_REPLICAS_WHEN_REPLICATED : 1;
    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSync));
    return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
  }

  private List<String> create(List<NewTopic> missing) {
    if (missing.isEmpty()) {
      return List.of();
    }
    List<String> created = new ArrayList<>();
    Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(result.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Cannot create topic " + result.getKey() + ": " + e.getCause(), e);
        }
        // Another instance created it between our listing and our request: that is the state we want.
      } catch (TimeoutException e) {
        throw new IllegalStateException("Timed out after " + timeout + " creating topic " + result.getKey(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while creating topic " + result.getKey(), e);
      }
    }
    if (!created.isEmpty()) {
      LOG.info("Created topics {}", created.stream().sorted().collect(Collectors.joining(", ")));
    }
    return created;
  }

  /**
   * Describes topics, retrying while the broker has not yet learned of topics the controller just created (the
   * creation future completes before the broker's metadata catches up).
   */
  private Map<String, TopicDescription> describeOnceKnown(List<String> names) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return await(admin.describeTopics(names).allTopicNames(), "describe " + names);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(METADATA_RETRY_BACKOFF.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for topic metadata", e);
      }
    }
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out after " + timeout + " trying to " + what
          + " (is the broker reachable?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while trying to " + what, e);
    }
  }
}
