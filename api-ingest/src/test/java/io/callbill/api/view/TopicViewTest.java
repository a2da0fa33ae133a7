package io.callbill.api.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callbill.avro.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicViewTest {

  private static final String TOPIC = "callbill.receivers";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

  private final MockConsumer<String, Receiver> consumer = new MockConsumer<>("earliest");
  private TopicView<Receiver> view;

  @BeforeEach
  void startWithTwoRecordsToCatchUpOn() {
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, 2L));
    view = new TopicView<>(consumer, TOPIC);
    view.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> consumer.assignment().contains(P0));
  }

  @AfterEach
  void stop() {
    view.close();
  }

  @Test
  void becomesReadyOnceCaughtUpWithTheEndAtStart() {
    assertThat(view.isReady()).isFalse();

    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", false)));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r1", receiver("r1", true)));

    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
    assertThat(view.get("r1")).contains(receiver("r1", true));
  }

  @Test
  void aTombstoneRemovesTheKey() {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", true)));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r1", null));

    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
    assertThat(view.get("r1")).isEmpty();
  }

  @Test
  void aWriterLearnsWhenItsRecordIsApplied() throws Exception {
    var applied = view.whenApplied(0, 2);
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", true)));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r2", receiver("r2", true)));
    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
    assertThat(applied).isNotDone();

    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "r3", receiver("r3", true)));

    applied.get(5, TimeUnit.SECONDS);
    assertThat(view.get("r3")).isPresent();
    assertThat(view.whenApplied(0, 1)).isDone();
  }

  @Test
  void aReaderWaitingToCatchUpIsAnsweredOnceEverythingCommittedSoFarIsApplied() throws Exception {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", true)));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r2", receiver("r2", true)));
    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
    consumer.updateEndOffsets(Map.of(P0, 3L));

    // What the reader sees at the moment it is answered: the record committed before it asked is applied.
    var sawTheLastRecord = view.whenCaughtUp().thenApply(caughtUp -> view.get("r3").isPresent());
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "r3", receiver("r3", true)));

    assertThat(sawTheLastRecord.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aReaderAlreadyCaughtUpIsAnsweredAtTheNextLook() throws Exception {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", true)));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r2", receiver("r2", true)));
    await().atMost(Duration.ofSeconds(5)).until(view::isReady);

    view.whenCaughtUp().get(5, TimeUnit.SECONDS);
  }

  @Test
  void endOffsetsThatCannotBeReadFailTheWaitingReaderButTheViewKeepsFollowing() throws Exception {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", true)));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r2", receiver("r2", true)));
    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
    consumer.setOffsetsException(new KafkaException("end offsets unavailable"));

    var failed = view.whenCaughtUp();

    assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(KafkaException.class);
    consumer.setOffsetsException(null);
    consumer.updateEndOffsets(Map.of(P0, 3L));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "r3", receiver("r3", true)));
    view.whenCaughtUp().get(5, TimeUnit.SECONDS);
    assertThat(view.get("r3")).isPresent();
  }

  @Test
  void aListenerSeesEveryChangeWithThePreviousValue() throws Exception {
    view.close();
    MockConsumer<String, Receiver> listened = new MockConsumer<>("earliest");
    listened.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    listened.updateBeginningOffsets(Map.of(P0, 0L));
    listened.updateEndOffsets(Map.of(P0, 4L));
    List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
    view = new TopicView<>(listened, TOPIC, (key, previous, current) -> changes.add(key + ":"
        + (previous == null ? "-" : previous.getReviewAccepted()) + ">"
        + (current == null ? "-" : current.getReviewAccepted())));
    view.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> listened.assignment().contains(P0));

    listened.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "r1", receiver("r1", false)));
    listened.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "r1", receiver("r1", true)));
    listened.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "r1", null));
    listened.addRecord(new ConsumerRecord<>(TOPIC, 0, 3, "r2", null));

    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
    assertThat(changes).containsExactly("r1:->false", "r1:false>true", "r1:true>-");
  }

  private static Receiver receiver(String id, boolean reviewAccepted) {
    return new Receiver(id, null, null, null, true, 1, null, reviewAccepted, List.of());
  }
}
