package io.callbill.sink.testkit;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.KnownCallerTopUps;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The sink ITs' calls, made on the running billing pipeline as the API would (through the test kit's
 * {@link CommandClient}), with chosen command times. The times matter: the pipeline measures a call from the start
 * command's time to the end command's, and under the clamp duration policy it bills at most that (plus the clock
 * skew). So a call planned for {@code seconds} is started at some instant and ended {@code seconds + 1} later, and
 * bills {@code seconds}.
 */
public final class BillingClient implements AutoCloseable {

  /** A call to make: who calls whom, how, and for how long. */
  public record PlannedCall(String callerId, String receiverId, CallType callType, long seconds) {
  }

  /** A call the pipeline accepted. */
  public record StartedCall(PlannedCall plan, String callId, Instant startedAt) {
  }

  /** A call the pipeline settled, with its settlement as replied to the caller. */
  public record SettledCall(StartedCall call, Settlement settlement) {

    public String callId() {
      return call.callId();
    }
  }

  private final CommandClient commands;

  public BillingClient(String bootstrapServers, Topics topics) {
    this.commands = CommandClient.connect(bootstrapServers, topics);
  }

  /**
   * Publishes reference data (profiles, levels, platform settings) and waits until the broker has it. Not in a
   * transaction: an idempotent producer's records are visible to read_committed readers at once.
   */
  public <V> void publish(Topic<String, V> topic, String key, V value) {
    commands.publish(topic, key, value);
  }

  /**
   * Credits coins to each caller (as a purchase) and waits until every credit is applied; a credit that overtook the
   * caller's profile is repeated by the kit's {@link KnownCallerTopUps} rule.
   */
  public void credit(List<String> callerIds, long coins, Duration timeout) throws InterruptedException {
    List<CallCommand> credits = new ArrayList<>();
    for (String callerId : callerIds) {
      String id = UUID.randomUUID().toString();
      credits.add(new CallCommand(id, callerId, Instant.now(),
          new CreditCoins(coins, "purchase-" + callerId + "-" + id)));
    }
    for (CommandReply reply : KnownCallerTopUps.topUp(commands, credits, timeout).values()) {
      if (!reply.getSuccess()) {
        throw new AssertionError("Command " + reply.getCommandId() + " was refused: " + reply);
      }
    }
  }

  /** Starts the calls, all at {@code at} (to the millisecond), and returns them once the pipeline accepted each. */
  public List<StartedCall> start(List<PlannedCall> plans, Instant startAt, Duration timeout)
      throws InterruptedException {
    Instant at = startAt.truncatedTo(ChronoUnit.MILLIS);
    List<CallCommand> starts = new ArrayList<>();
    for (PlannedCall plan : plans) {
      starts.add(new CallCommand(UUID.randomUUID().toString(), plan.callerId(), at,
          new StartCall(plan.receiverId(), plan.callType())));
    }
    List<CommandReply> accepted = awaitSuccess(starts, timeout);
    List<StartedCall> started = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      started.add(new StartedCall(plans.get(i), ((StartAccepted) accepted.get(i).getData()).getCallId(), at));
    }
    return started;
  }

  /** Ends each call (by its caller) {@code seconds + 1} after it started and returns the settlements. */
  public List<SettledCall> end(List<StartedCall> calls, Duration timeout) throws InterruptedException {
    List<CallCommand> ends = new ArrayList<>();
    for (StartedCall call : calls) {
      Instant endedAt = call.startedAt().plusSeconds(call.plan().seconds() + 1);
      ends.add(new CallCommand(UUID.randomUUID().toString(), call.plan().callerId(), endedAt,
          new EndCall(call.callId(), call.plan().receiverId(), CallParty.caller, call.plan().seconds())));
    }
    List<CommandReply> settled = awaitSuccess(ends, timeout);
    List<SettledCall> result = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      result.add(new SettledCall(calls.get(i), (Settlement) settled.get(i).getData()));
    }
    return result;
  }

  /** Starts and ends the calls: started together at {@code at}, each ended after its duration. */
  public List<SettledCall> settle(List<PlannedCall> plans, Instant at, Duration timeout) throws InterruptedException {
    return end(start(plans, at, timeout), timeout);
  }

  /** Sends the commands (record time: their issuedAt); the replies, in order; fails unless each one succeeded. */
  private List<CommandReply> awaitSuccess(List<CallCommand> sent, Duration timeout) throws InterruptedException {
    List<CompletableFuture<CommandReply>> replies = commands.sendAll(sent);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CommandReply> answered = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      String id = sent.get(i).getCommandId();
      CommandReply reply = CommandClient.await(replies.get(i), id,
          Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (!reply.getSuccess()) {
        throw new AssertionError("Command " + id + " was refused: " + reply);
      }
      answered.add(reply);
    }
    return answered;
  }

  @Override
  public void close() throws InterruptedException {
    commands.close();
  }

  /** Unwraps the cause of a failed background stream of commands, for a readable test failure. */
  public static void rethrow(ExecutionException failure) {
    if (failure.getCause() instanceof AssertionError assertion) {
      throw assertion;
    }
    throw new IllegalStateException(failure.getCause());
  }
}
