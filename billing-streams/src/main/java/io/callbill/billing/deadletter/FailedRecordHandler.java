package io.callbill.billing.deadletter;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that a processor throws on (a bug, a case the code does not know) goes to the dead-letter topic with the
 * exception and the source record's bytes, and the task goes on with the next record: one caller's command that
 * billing cannot process must not stop billing for every other caller. Set as {@code processing.exception.handler}.
 *
 * <p>The trade-off, chosen deliberately: the processors check every rule before they write (a refusal writes
 * nothing), so a throw is a bug, and whatever that one call to {@code process()} wrote before it threw is committed
 * with the skip. The dead letter (with the stack trace) is the alarm and the record to replay: re-written to its
 * topic once fixed, it is applied once (command ids and credit entry ids are idempotent). A punctuation that throws
 * has no record to set aside: it fails the thread, whose transaction is aborted, and
 * {@code StreamThreadFailurePolicy} replaces it.
 */
public final class FailedRecordHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FailedRecordHandler.class);

  private DeadLetterRouting routing;

  @Override
  public void configure(Map<String, ?> configs) {
    routing = DeadLetterRouting.from(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (record == null || context.sourceRawValue() == null && context.sourceRawKey() == null) {
      return Response.fail();
    }
    LOG.error("Processing failed on {}-{}@{} (node {}); record sent to the dead letters", context.topic(),
        context.partition(), context.offset(), context.processorNodeId(), exception);
    return Response.resume(routing.route(context, context.sourceRawKey(), context.sourceRawValue(), exception, false));
  }
}
