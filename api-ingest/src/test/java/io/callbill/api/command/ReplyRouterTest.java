package io.callbill.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callbill.avro.CoinBalance;
import io.callbill.avro.CommandReply;
import io.callbill.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplyRouterTest {

  private static final Topics TOPICS = Topics.withDefaultPrefix();
  private static final String REPLIES = TOPICS.replies.name();
  private static final TopicPartition P0 = new TopicPartition(REPLIES, 0);
  private static final TopicPartition P1 = new TopicPartition(REPLIES, 1);

  private final MockConsumer<String, CommandReply> consumer = new MockConsumer<>("latest");
  private ReplyRouter router;
  private long nextOffset = 7;

  @BeforeEach
  void startOnTwoPartitionsWithOldReplies() {
    consumer.updatePartitions(REPLIES, List.of(partition(0), partition(1)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 7L, P1, 3L));
    router = new ReplyRouter(consumer, TOPICS.replies);
    router.start();
    await().atMost(Duration.ofSeconds(5)).until(router::isReady);
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void isReadyOnlyOncePositionedAtTheEndOfEveryPartition() {
    assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
    assertThat(consumer.position(P0)).isEqualTo(7L);
    assertThat(consumer.position(P1)).isEqualTo(3L);
  }

  @Test
  void completesTheRequestWaitingForTheReplysKey() throws Exception {
    var waiting = router.expect("cmd-1", Duration.ofSeconds(5));
    var other = router.expect("cmd-2", Duration.ofSeconds(5));

    CommandReply reply = reply("cmd-1");
    consumer.addRecord(new ConsumerRecord<>(REPLIES, 0, nextOffset++, "cmd-1", reply));

    assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(reply);
    assertThat(other).isNotDone();
  }

  @Test
  void everyRequestWaitingForTheSameCommandGetsTheReply() throws Exception {
    var first = router.expect("cmd-1", Duration.ofSeconds(5));
    var retry = router.expect("cmd-1", Duration.ofSeconds(5));

    consumer.addRecord(new ConsumerRecord<>(REPLIES, 0, nextOffset++, "cmd-1", reply("cmd-1")));

    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(retry.get(5, TimeUnit.SECONDS));
  }

  @Test
  void repliesNobodyWaitsForAreSkipped() {
    consumer.addRecord(new ConsumerRecord<>(REPLIES, 0, nextOffset++, "someone-else", reply("someone-else")));
    consumer.addRecord(new ConsumerRecord<>(REPLIES, 0, nextOffset++, null, reply("no-key")));

    await().atMost(Duration.ofSeconds(5)).until(() -> consumer.position(P0) == nextOffset);
    assertThat(router.pendingCount()).isZero();
  }

  @Test
  void noReplyInTimeFailsWithATimeout() {
    var waiting = router.expect("cmd-1", Duration.ofMillis(50));

    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  private static CommandReply reply(String commandId) {
    return new CommandReply(commandId, "c1", 200, true, "Wallet balance", new CoinBalance(840L), Instant.now(),
        null);
  }

  private static PartitionInfo partition(int number) {
    return new PartitionInfo(REPLIES, number, null, null, null);
  }
}
