package io.callbill.testkit;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CommandReply;
import io.callbill.avro.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Top-ups written straight to {@code call-commands} by a tool that has just written the callers' profiles, repeated
 * under a fresh command id while billing answers 404 Caller not found.
 *
 * <p>Billing refuses a top-up to a caller it has no profile of, so a mistyped id never swallows coins. The profile
 * comes on the co-partitioned {@code callers} topic; Kafka Streams takes the earlier record time first, but not
 * strictly (a partition it has nothing buffered for is not waited for), so a top-up written right after its profile
 * can still overtake it. A refusal moves no money and the reference credits once, so repeating is safe; a repeat
 * needs a new command id, because billing answers a repeated command id with its first answer. Bounded:
 * {@link #ATTEMPTS} rounds, the pause between them growing to a second.
 *
 * <p>Three forms of the one rule: a batch of top-ups through a {@link CommandClient} ({@link #topUp}), one top-up
 * of a client that waits for each answer ({@link #untilKnown(String, Function, Predicate)}, the load tool over
 * HTTP), and one of a client that does not ({@link #untilKnown(CallCommand, Function, ScheduledExecutorService)},
 * the crash test).
 */
public final class KnownCallerTopUps {

  public static final int ATTEMPTS = 20;
  private static final String REPEAT_MARK = "~";

  private KnownCallerTopUps() {
  }

  /** Sends {@code topUps} (one per caller) through {@code client}, repeats the refused ones; answers as below. */
  public static Map<String, CommandReply> topUp(CommandClient client, List<CallCommand> topUps, Duration answerWithin)
      throws InterruptedException {
    return topUp(topUps, client::sendAll, commandId -> client.replies(commandId).stream().findFirst().orElse(null),
        answerWithin);
  }

  /**
   * Sends {@code topUps} (one per caller), then repeats the refused ones; answers each caller's final reply.
   *
   * @param sendAll sends the commands and flushes them
   * @param replyOf the reply billing gave to a command id, or null while there is none
   * @param answerWithin how long to wait for every reply of one round
   */
  public static Map<String, CommandReply> topUp(List<CallCommand> topUps, Consumer<List<CallCommand>> sendAll,
      Function<String, CommandReply> replyOf, Duration answerWithin) throws InterruptedException {
    Map<String, CommandReply> answers = new LinkedHashMap<>();
    List<CallCommand> due = topUps;
    for (int attempt = 1; !due.isEmpty(); attempt++) {
      if (attempt > ATTEMPTS) {
        throw new IllegalStateException(due.size() + " top-ups still refused 404 after " + ATTEMPTS
            + " attempts (no caller profile?), e.g. for " + due.get(0).getCallerId());
      }
      if (attempt > 1) {
        Thread.sleep(pauseMillis(attempt));
      }
      List<CallCommand> sent = attempt == 1 ? due : repeats(due, attempt);
      sendAll.accept(sent);
      long deadline = System.nanoTime() + answerWithin.toNanos();
      List<CallCommand> refused = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        CommandReply reply = await(replyOf, sent.get(i).getCommandId(), deadline, answerWithin);
        if (refusedForNoProfile(reply)) {
          refused.add(due.get(i));
        } else {
          answers.put(sent.get(i).getCallerId(), reply);
        }
      }
      due = refused;
    }
    return answers;
  }

  /**
   * The same rule for one top-up of a client that waits for each answer, such as the load tool over HTTP (there the
   * command id is the request's Idempotency-Key): sends it under {@code firstCommandId}; while
   * {@code refusedForNoProfile} says the answer is that refusal, pauses ({@link #pauseMillis}) and sends it again
   * under the command id of the next attempt, {@link #ATTEMPTS} sendings at most. Answers the last answer, which
   * is still the refusal when every attempt was refused.
   *
   * @param sendUnder sends the top-up (the same caller, amount and reference each time) under a command id and
   *     answers what came back
   */
  public static <A> A untilKnown(String firstCommandId, Function<String, A> sendUnder,
      Predicate<A> refusedForNoProfile) throws InterruptedException {
    return untilKnown(firstCommandId, sendUnder, refusedForNoProfile, Thread::sleep);
  }

  /**
   * The same rule for one top-up of a client that does not wait for answers (the crash test's loop of callers):
   * sends {@code first} through {@code send} and, for each refusal, the repeat of the next attempt after its pause,
   * scheduled on {@code pauses}; completes with the last reply (still the refusal when every attempt was refused),
   * or exceptionally when a sending failed.
   *
   * @param send sends a command and completes with its reply, e.g. {@link CommandClient#send(CallCommand)}
   */
  public static CompletableFuture<CommandReply> untilKnown(CallCommand first,
      Function<CallCommand, CompletableFuture<CommandReply>> send, ScheduledExecutorService pauses) {
    CompletableFuture<CommandReply> last = new CompletableFuture<>();
    attempt(first, 1, send, pauses, last);
    return last;
  }

  private static void attempt(CallCommand sent, int attempt,
      Function<CallCommand, CompletableFuture<CommandReply>> send, ScheduledExecutorService pauses,
      CompletableFuture<CommandReply> last) {
    CompletableFuture<CommandReply> reply;
    try {
      reply = send.apply(sent);
    } catch (RuntimeException e) {
      last.completeExceptionally(e); // a repeat runs on the scheduler, where a thrown exception would go unseen
      return;
    }
    reply.whenComplete((answer, failure) -> {
      if (failure != null) {
        last.completeExceptionally(failure);
      } else if (refusedForNoProfile(answer) && attempt < ATTEMPTS) {
        int next = attempt + 1;
        try {
          pauses.schedule(() -> attempt(repeat(sent, next), next, send, pauses, last), pauseMillis(next),
              TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
          last.completeExceptionally(shutDown);
        }
      } else {
        last.complete(answer);
      }
    });
  }

  /** How {@link #untilKnown} pauses between attempts; a test passes one that does not wait. */
  interface Sleep {
    void millis(long millis) throws InterruptedException;
  }

  static <A> A untilKnown(String firstCommandId, Function<String, A> sendUnder, Predicate<A> refusedForNoProfile,
      Sleep sleep) throws InterruptedException {
    A answer = sendUnder.apply(firstCommandId);
    for (int attempt = 2; attempt <= ATTEMPTS && refusedForNoProfile.test(answer); attempt++) {
      sleep.millis(pauseMillis(attempt));
      answer = sendUnder.apply(commandIdOf(firstCommandId, attempt));
    }
    return answer;
  }

  /** Whether billing refused the top-up because it has no profile of the caller (yet): the one case repeated. */
  public static boolean refusedForNoProfile(CommandReply reply) {
    return reply.getReason() == Reason.CALLER_NOT_FOUND;
  }

  /** The same top-ups (caller, time, amount, reference) under new command ids: {@code <first id>~<attempt>}. */
  static List<CallCommand> repeats(List<CallCommand> firsts, int attempt) {
    return firsts.stream().map(first -> repeat(first, attempt)).toList();
  }

  /**
   * A refused top-up (a first or a repeat) under the command id of its {@code attempt}-th sending. Built from its
   * fields, not with {@code CallCommand.newBuilder(copy)}: that deep-copies the payload union, which Avro's class
   * security check refuses until {@code SchemaCatalog} has trusted our package (it does when a serde is first used).
   */
  public static CallCommand repeat(CallCommand refused, int attempt) {
    return new CallCommand(commandIdOf(firstCommandId(refused.getCommandId()), attempt), refused.getCallerId(),
        refused.getIssuedAt(), refused.getCommand());
  }

  /** The command id of a top-up's {@code attempt}-th sending (2 and up): {@code <first id>~<attempt>}. */
  static String commandIdOf(String firstCommandId, int attempt) {
    return firstCommandId + REPEAT_MARK + attempt;
  }

  /** The command id a top-up was first sent under, whichever repeat {@code commandId} is. */
  public static String firstCommandId(String commandId) {
    int mark = commandId.lastIndexOf(REPEAT_MARK);
    return mark < 0 ? commandId : commandId.substring(0, mark);
  }

  /** The pause before the {@code attempt}-th sending: growing by 100 ms, at most a second. */
  public static long pauseMillis(int attempt) {
    return Math.min(1_000L, 100L * attempt);
  }

  private static CommandReply await(Function<String, CommandReply> replyOf, String commandId, long deadline,
      Duration answerWithin) throws InterruptedException {
    while (true) {
      CommandReply reply = replyOf.apply(commandId);
      if (reply != null) {
        return reply;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no answer to top-up " + commandId + " within " + answerWithin);
      }
      Thread.sleep(20);
    }
  }
}
