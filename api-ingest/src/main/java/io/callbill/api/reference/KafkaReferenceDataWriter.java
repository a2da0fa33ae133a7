package io.callbill.api.reference;

import io.callbill.api.UnavailableException;
import io.callbill.api.command.TopicWriter;
import io.callbill.api.view.TopicView;
import io.callbill.avro.Agency;
import io.callbill.avro.Caller;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import io.callbill.avro.ReceiverStatus;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/** {@link ReferenceDataWriter} on the compacted reference topics, keyed by id ({@code platform} for the config). */
public final class KafkaReferenceDataWriter implements ReferenceDataWriter {

  /** The one key of the platform-config topic. */
  public static final String PLATFORM_KEY = "platform";

  private final TopicWriter writer;
  private final Topics topics;
  private final TopicView<Receiver> receiverView;
  private final Duration timeout;
  private final Clock clock;

  public KafkaReferenceDataWriter(TopicWriter writer, Topics topics, TopicView<Receiver> receiverView,
      Duration timeout, Clock clock) {
    this.writer = writer;
    this.topics = topics;
    this.receiverView = receiverView;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Void> putCaller(Caller caller) {
    return put(topics.callers, caller.getCallerId(), caller).thenApply(metadata -> null);
  }

  @Override
  public CompletableFuture<Void> putReceiver(Receiver receiver) {
    // The admin named her status: it goes where statuses live, or an older status of hers would still win.
    CompletableFuture<RecordMetadata> status = put(topics.receiverStatus, receiver.getReceiverId(),
        status(receiver.getReceiverId(), receiver.getOnlineStatus()));
    // Read-your-writes: the next request of this instance (e.g. her review check) sees this receiver. The write is
    // durable either way, so a slow view only delays the answer, bounded by the timeout.
    return put(topics.receivers, receiver.getReceiverId(), receiver)
        .thenCompose(metadata -> receiverView.whenApplied(metadata.partition(), metadata.offset())
            .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(viewStopped -> null))
        .thenCombine(status, (profileVisible, statusWritten) -> null);
  }

  @Override
  public CompletableFuture<Void> putReceiverStatus(String receiverId, boolean online) {
    return put(topics.receiverStatus, receiverId, status(receiverId, online)).thenApply(metadata -> null);
  }

  private ReceiverStatus status(String receiverId, boolean online) {
    return new ReceiverStatus(receiverId, online, clock.instant());
  }

  @Override
  public CompletableFuture<Void> putAgency(Agency agency) {
    return put(topics.agencies, agency.getAgencyId(), agency).thenApply(metadata -> null);
  }

  @Override
  public CompletableFuture<Void> putLevelConfig(LevelConfig levelConfig) {
    return put(topics.levelConfigs, Integer.toString(levelConfig.getLevel()), levelConfig)
        .thenApply(metadata -> null);
  }

  @Override
  public CompletableFuture<Void> putPlatformConfig(PlatformConfig platformConfig) {
    return put(topics.platformConfig, PLATFORM_KEY, platformConfig).thenApply(metadata -> null);
  }

  private <V> CompletableFuture<RecordMetadata> put(Topic<String, V> topic, String key, V value) {
    return writer.write(topic, key, value, clock.instant())
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new UnavailableException(
            "The write to Kafka was not acknowledged in time; retry the same request (a PUT is a full replacement).",
            failure)));
  }
}
