package io.callbill.billing.deadletter;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record on any input topic that cannot be deserialized (not Avro, an unknown schema, a payload no branch matches)
 * goes to the dead-letter topic with its reason and origin, and billing reads on: one bad record written straight to
 * Kafka must not stop billing for every caller. An unreadable command whose id can still be read is refused on
 * {@code replies} at once ({@link UnreadableCommand}). Set as {@code deserialization.exception.handler}.
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PoisonRecordHandler.class);

  /** The topic whose unreadable records are commands to refuse (set by {@code StreamsSettings}). */
  public static final String COMMANDS_TOPIC_CONFIG = "errors.dead.letter.refusal.commands.topic";
  /** Where the refusals of unreadable commands go (set by {@code StreamsSettings}). */
  public static final String REPLIES_TOPIC_CONFIG = "errors.dead.letter.refusal.replies.topic";

  private DeadLetterRouting routing;

  @Override
  public void configure(Map<String, ?> configs) {
    routing = DeadLetterRouting.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    LOG.warn("Unreadable record {}-{}@{} sent to the dead letters: {}", context.topic(), context.partition(),
        context.offset(), DeadLetterRecords.messageWithCauses(exception));
    return Response.resume(routing.route(context, record.key(), record.value(), exception, true));
  }
}
