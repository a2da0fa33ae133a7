package io.callbill.billing.testkit;

import io.callbill.testkit.SingleNodeKafka;
import io.callbill.billing.app.TopicProvisioner;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in the test JVM, started once per
 * test class and deleted after it.
 *
 * <p>Why a real broker: exactly-once needs the transaction coordinator, {@code read_committed} fetches and real
 * rebalances, none of which {@code TopologyTestDriver} or a mock has. The settings make one node behave like a
 * cluster for EOS (internal topics with one replica, no initial rebalance delay) and keep start-up fast (few
 * partitions for the offsets and transaction logs). Auto topic creation is off, so a test proves that our
 * provisioning creates what the app needs. Ports are chosen free by the test kit.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBroker BROKER = new KafkaBroker();
 * ...
 * BROKER.provision(topics, 3);
 * List<ConsumerRecord<String, CallEvent>> events = BROKER.consume(topics.callEvents, 2, Duration.ofSeconds(20));
 * }</pre>
 *
 * It can also be used without JUnit: {@link #start()} and {@link #close()}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  /** Broker settings for exactly-once on a single node (shared with the local stack). */
  public static final Map<String, String> SINGLE_NODE_EOS_SETTINGS = SingleNodeKafka.SETTINGS;

  public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private KafkaClusterTestKit cluster;

  /** Starts the broker and waits until it accepts requests. Idempotent. */
  public synchronized KafkaBroker start() {
    if (cluster != null) {
      return this;
    }
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      SINGLE_NODE_EOS_SETTINGS.forEach(builder::setConfigProp);
      KafkaClusterTestKit started = builder.build();
      started.format();
      started.startup();
      started.waitForReadyBrokers();
      cluster = started;
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the Kafka broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the in-process Kafka broker", e);
    }
  }

  /** The broker's address for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return running().bootstrapServers();
  }

  /** A new admin client on this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /**
   * Creates the missing Callbill topics with {@code partitions} partitions and one replica, as the app does.
   *
   * @return the topics created by this call
   */
  public List<String> provision(Topics topics, int partitions) {
    try (Admin admin = admin()) {
      return new TopicProvisioner(admin, ADMIN_TIMEOUT).provision(topics, partitions, (short) 1);
    }
  }

  /** Writes records in one committed transaction, so {@code read_committed} readers see all of them or none. */
  @SafeVarargs
  public final <K, V> void produce(Topic<K, V> topic, Map.Entry<K, V>... records) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callbill-test-" + UUID.randomUUID(),
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<K, V> producer = new KafkaProducer<>(config, topic.keySerde().serializer(),
        topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (Map.Entry<K, V> record : records) {
        producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue()));
      }
      producer.commitTransaction();
    }
  }

  /**
   * Reads a topic from the beginning, {@code read_committed}, until {@code count} records arrived or the timeout
   * passed; returns what it read (fewer than {@code count} on timeout, so a test can assert on the list).
   */
  public <K, V> List<ConsumerRecord<K, V>> consume(Topic<K, V> topic, int count, Duration timeout) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        consumer.poll(Duration.ofMillis(Math.min(leftMillis, 200))).forEach(read::add);
      }
    }
    return read;
  }

  /** The names of the topics on the broker, internal ones excluded. */
  public Set<String> topicNames() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot list topics", e);
    }
  }

  @Override
  public synchronized void close() {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the in-process Kafka broker", e);
    } finally {
      cluster = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private synchronized KafkaClusterTestKit running() {
    if (cluster == null) {
      throw new IllegalStateException("The broker is not started: register it with @RegisterExtension on a static"
          + " field, or call start()");
    }
    return cluster;
  }
}
