package io.callbill.billing.metrics;

import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import io.callbill.schemas.SeedAnswers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bounded set of tags a refused command is counted under: one per refusing {@link Reason}, its name in lower
 * case ({@code caller_not_found}).
 *
 * <p>Why a tag per reason and not the message: a tag value must come from a small, fixed set (every value is a series
 * in Prometheus), and a message may carry a number ({@link SeedAnswers#refundExceeds}); a caller id is never a tag. A
 * reply written before replies carried a reason (a kept answer replayed) is counted by its message, looked up in the
 * same table; a message that is in no reason is counted as {@link #OTHER}.
 */
public final class RefusalReasons {

  public static final String OTHER = of(Reason.OTHER);
  private static final String REFUND_EXCEEDS_PREFIX = SeedAnswers.refundExceeds(0).replaceAll("\\d+ coins left$", "");

  /** The refusals whose message has no figure in it, by message, for replies without a reason. */
  private static final Map<String, Reason> BY_MESSAGE = refusals().stream()
      .filter(reason -> reason != Reason.REFUND_EXCEEDS && reason != Reason.OTHER)
      .collect(Collectors.toUnmodifiableMap(SeedAnswers::message, Function.identity()));

  private RefusalReasons() {
  }

  /** The tag of a refusal's reason. */
  public static String of(Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  /** The tag of a refused reply: by its reason, or by its message when it was written before replies had one. */
  public static String of(CommandReply reply) {
    return reply.getReason() != null ? of(reply.getReason()) : of(reply.getMessage());
  }

  /** The tag of a refusal message; {@link #OTHER} for one no reason answers with. */
  public static String of(String message) {
    if (message == null) {
      return OTHER;
    }
    Reason reason = BY_MESSAGE.get(message);
    if (reason != null) {
      return of(reason);
    }
    return message.startsWith(REFUND_EXCEEDS_PREFIX) ? of(Reason.REFUND_EXCEEDS) : OTHER;
  }

  /** Every tag, to register each counter at zero. */
  public static List<String> all() {
    return refusals().stream().map(RefusalReasons::of).toList();
  }

  private static List<Reason> refusals() {
    return Arrays.stream(Reason.values()).filter(reason -> !SeedAnswers.of(reason).success()).toList();
  }
}
