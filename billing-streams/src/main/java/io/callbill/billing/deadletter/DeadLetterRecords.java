package io.callbill.billing.deadletter;

import io.callbill.schemas.DeadLetters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the dead-letter record of a record billing could not read or process: its key and value bytes untouched,
 * its own headers kept, and the {@link DeadLetters} headers (exception class, message with its causes, stack trace,
 * origin topic, partition and offset) added.
 *
 * <p>Why our own builder rather than Kafka Streams' internal one: the global-store path writes dead letters outside
 * a task (see {@link GlobalDeadLetters}) and must produce the same record; and the message header carries the whole
 * cause chain, which is where the Avro decoder says what was wrong ("unknown fingerprint", "bad union index").
 */
public final class DeadLetterRecords {

  private DeadLetterRecords() {
  }

  public static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, ErrorHandlerContext origin, byte[] key,
      byte[] value, Exception failure) {
    Headers headers = new RecordHeaders();
    if (origin.headers() != null) {
      for (Header header : origin.headers()) {
        if (!header.key().startsWith("__streams.errors.")) {
          headers.add(header);
        }
      }
    }
    headers.add(DeadLetters.EXCEPTION, utf8(failure.getClass().getName()));
    headers.add(DeadLetters.MESSAGE, utf8(messageWithCauses(failure)));
    headers.add(DeadLetters.STACKTRACE, utf8(stackTrace(failure)));
    headers.add(DeadLetters.TOPIC, utf8(origin.topic()));
    headers.add(DeadLetters.PARTITION, utf8(String.valueOf(origin.partition())));
    headers.add(DeadLetters.OFFSET, utf8(String.valueOf(origin.offset())));
    return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
  }

  /** "cannot decode CallCommand: Cannot resolve schema for fingerprint: 123" — every distinct message, outer first. */
  static String messageWithCauses(Throwable failure) {
    StringBuilder message = new StringBuilder();
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
      String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      if (message.indexOf(text) < 0) {
        message.append(message.length() == 0 ? "" : ": ").append(text);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return message.toString();
  }

  private static String stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private static byte[] utf8(String text) {
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }
}
