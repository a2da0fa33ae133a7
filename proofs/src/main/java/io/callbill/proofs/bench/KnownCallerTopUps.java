package io.callbill.proofs.bench;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The benchmark's old name for {@link io.callbill.testkit.KnownCallerTopUps}, where the rule (repeat a top-up
 * refused for an unknown caller, under which ids, how often, how far apart) now lives; kept only until the bench
 * measurements import that class themselves. Adds nothing.
 */
public final class KnownCallerTopUps {

  public static final int ATTEMPTS = io.callbill.testkit.KnownCallerTopUps.ATTEMPTS;

  private KnownCallerTopUps() {
  }

  /** See {@link io.callbill.testkit.KnownCallerTopUps#topUp(List, Consumer, Function, Duration)}. */
  public static Map<String, CommandReply> topUp(List<CallCommand> topUps, Consumer<List<CallCommand>> sendAll,
      Function<String, CommandReply> replyOf, Duration answerWithin) throws InterruptedException {
    return io.callbill.testkit.KnownCallerTopUps.topUp(topUps, sendAll, replyOf, answerWithin);
  }

  /** See {@link io.callbill.testkit.KnownCallerTopUps#repeat}. */
  public static CallCommand repeat(CallCommand refused, int attempt) {
    return io.callbill.testkit.KnownCallerTopUps.repeat(refused, attempt);
  }

  /** See {@link io.callbill.testkit.KnownCallerTopUps#firstCommandId}. */
  public static String firstCommandId(String commandId) {
    return io.callbill.testkit.KnownCallerTopUps.firstCommandId(commandId);
  }

  /** See {@link io.callbill.testkit.KnownCallerTopUps#pauseMillis}. */
  public static long pauseMillis(int attempt) {
    return io.callbill.testkit.KnownCallerTopUps.pauseMillis(attempt);
  }
}
