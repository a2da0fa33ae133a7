package io.callbill.schemas;

/**
 * Header names of a dead-letter record: the same names Kafka Streams' own dead-letter queue writes (KIP-1034), so a
 * record refused by billing's handlers and one refused by Kafka Streams read alike.
 */
public final class DeadLetters {

  /** Fully qualified class of the exception, or of the refusal for a record that broke an invariant. */
  public static final String EXCEPTION = "__streams.errors.exception";
  /** Why the record was refused, in words. */
  public static final String MESSAGE = "__streams.errors.message";
  /** Stack trace of the exception, when there was one. */
  public static final String STACKTRACE = "__streams.errors.stacktrace";
  /** Topic the record was read from. */
  public static final String TOPIC = "__streams.errors.topic";
  /** Partition the record was read from (decimal string). */
  public static final String PARTITION = "__streams.errors.partition";
  /** Offset of the record (decimal string). */
  public static final String OFFSET = "__streams.errors.offset";

  private DeadLetters() {
  }
}
