package io.callbill.api.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callbill.api.UnavailableException;
import io.callbill.avro.ActiveCall;
import io.callbill.avro.CallType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding the caller of a call a receiver names by id, over a view of the active-calls topic (keyed by callerId):
 * her ongoing calls only, entries gone with the tombstones, and a call not seen yet looked for again once the view
 * caught up with what is committed.
 */
class KafkaOngoingCallsTest {

  private static final String TOPIC = "callbill.active-calls";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final MockConsumer<String, ActiveCall> consumer = new MockConsumer<>("earliest");
  private final CallIdIndex index = new CallIdIndex();
  private TopicView<ActiveCall> view;
  private KafkaOngoingCalls ongoing;
  private long offset;

  @BeforeEach
  void startOnAnEmptyTopic() {
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, 0L));
    view = new TopicView<>(consumer, TOPIC, index);
    ongoing = new KafkaOngoingCalls(view, index, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    view.close();
  }

  @Test
  void whileTheViewLoadsTheAnswerIs503() {
    consumer.updateEndOffsets(Map.of(P0, 1L));
    view.start();

    assertThatThrownBy(() -> ongoing.callerOfCallTo("call-1", "r1")).isInstanceOf(UnavailableException.class);
  }

  @Test
  void theCallerOfHerOngoingCallIsFoundAndNobodyElsesCall() throws Exception {
    started();
    publish("c1", call("call-1", "c1", "r1"));

    await().atMost(Duration.ofSeconds(5)).until(() -> index.find("call-1").isPresent());
    assertThat(answer(ongoing.callerOfCallTo("call-1", "r1"))).contains("c1");
    assertThat(answer(ongoing.callerOfCallTo("call-1", "r2"))).isEmpty();
  }

  @Test
  void aCallJustStartedIsFoundOnceTheViewCaughtUp() throws Exception {
    started();
    consumer.updateEndOffsets(Map.of(P0, 1L));

    CompletableFuture<Optional<String>> answer = ongoing.callerOfCallTo("call-1", "r1");
    assertThat(answer).isNotDone();
    publish("c1", call("call-1", "c1", "r1"));

    assertThat(answer(answer)).contains("c1");
  }

  @Test
  void anUnknownCallIsNotFoundOnceTheViewIsCaughtUp() throws Exception {
    started();

    assertThat(answer(ongoing.callerOfCallTo("no-such-call", "r1"))).isEmpty();
  }

  @Test
  void aViewThatCannotCatchUpInTimeIs503NotAFalseNotFound() {
    started();
    consumer.updateEndOffsets(Map.of(P0, 1L));
    KafkaOngoingCalls impatient = new KafkaOngoingCalls(view, index, Duration.ofMillis(200));

    assertThatThrownBy(() -> impatient.callerOfCallTo("call-1", "r1").get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnavailableException.class);
  }

  @Test
  void anEndedCallLeavesTheIndexAndACallersNextCallReplacesTheLast() throws Exception {
    started();
    publish("c1", call("call-1", "c1", "r1"));
    publish("c1", null);
    publish("c2", call("call-2", "c2", "r1"));
    publish("c2", call("call-3", "c2", "r2"));

    await().atMost(Duration.ofSeconds(5)).until(() -> index.find("call-3").isPresent());
    assertThat(index.find("call-1")).isEmpty();
    assertThat(index.find("call-2")).isEmpty();
    assertThat(index.size()).isEqualTo(1);
    assertThat(answer(ongoing.callerOfCallTo("call-3", "r2"))).contains("c2");
  }

  private void started() {
    view.start();
    await().atMost(Duration.ofSeconds(5)).until(view::isReady);
  }

  private void publish(String callerId, ActiveCall call) {
    consumer.updateEndOffsets(Map.of(P0, offset + 1));
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, callerId, call));
  }

  private static Optional<String> answer(CompletableFuture<Optional<String>> answer) throws Exception {
    return answer.get(5, TimeUnit.SECONDS);
  }

  private static ActiveCall call(String callId, String callerId, String receiverId) {
    return ActiveCall.newBuilder().setCallId(callId).setCallerId(callerId).setReceiverId(receiverId)
        .setCallType(CallType.audio).setReceiverLevel(1).setIsAgencyFemale(false)
        .setFemaleRatePerMinute(new BigDecimal("30.0000")).setPlatformMarginPerMinute(new BigDecimal("12.0000"))
        .setAdminSharePercentage(new BigDecimal("100.0000")).setCallerBalanceAtStart(840).setMaxSeconds(1200)
        .setStartedAt(T0).setExpiresAt(T0.plusSeconds(7200)).build();
  }
}
