package io.callbill.proofs.bench;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.billing.app.TopicProvisioner;
import io.callbill.proofs.ProofRateCard;
import io.callbill.proofs.bench.BenchOptions.Mode;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.stack.FreePorts;
import io.callbill.stack.KafkaBrokerProcess;
import io.callbill.stack.StackLayout;
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.ConnectLayout;
import io.callbill.testkit.KnownCallerTopUps;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The capacity benchmark: the billing topology on a real broker with exactly_once_v2, without HTTP, in one of three
 * modes ({@link BenchOptions}): the closed loop (callers each make calls one after another), the open loop (calls
 * started on a fixed schedule, latency from the schedule) and the drain (a backlog written while billing is stopped).
 * In the same run, on the same broker, Kafka's ProducerPerformance writes records of the same size as our commands:
 * the topology's figure divided by that baseline is a ratio that travels between machines.
 *
 * <p>Every settlement is checked: a call accepted 60 s before its end, audio at 30 + 12 coins per minute, is measured
 * 60 s and must charge exactly 42 coins (under measured metering the time counts from the accept; under clamp and
 * reported, which bill from the start, the accept is stamped with the start's time, so all three agree).
 *
 * <p>With {@code --state N} the mode is measured twice in the run: on empty stores, then, after {@link StateGrowth}
 * has grown the stores to N settled calls and N/10 open ones, again with the same parameters; the report carries both
 * ({@link BenchReport#withState}) and the entries in the stores before each ({@link StoreEntries}). billing-streams is
 * restarted on its state before the second measurement, so both start on a fresh JVM.
 *
 * <p>Around the measurement: records written by billing per call ({@link BrokerRecords}), its CPU
 * ({@link ProcessCpu}) and its longest punctuation ({@link PunctuationWatch}). Then, billing stopped, the sink
 * phase: Kafka Connect's JDBC sink writes the settled calls and their ledger entries into an empty PostgreSQL,
 * measured in rows/s and checked row by row.
 */
public final class BillingBenchmark {

  static final long CALL_SECONDS = 60;
  /** Commands of one call: start, accept, end. */
  static final int COMMANDS_PER_CALL = 3;
  static final long EXPECTED_CHARGE = ProofRateCard.oracle(CallType.audio, false).charge(CALL_SECONDS).totalCoins();
  static final long MIN_BASELINE_RECORDS = 300_000;
  static final String RAW_TOPIC = "bench-raw";
  static final int PARTITIONS = 6;
  private static final long ANSWERS_WITHIN_MINUTES = 10;

  /**
   * Where the run happens: its throw-away directory, the billing-streams jar, Kafka Connect for the sink.
   *
   * @param minBaselineRecords the fewest records of the raw baseline ({@link #MIN_BASELINE_RECORDS} for a figure)
   * @param sink whether to run the sink phase (a short test of one mode may leave it to another)
   */
  public record Setup(Path workDir, Path billingJar, ConnectLayout connectLayout, int partitions,
                      long minBaselineRecords, boolean sink) {
  }

  private BillingBenchmark() {
  }

  /** {@code ./callbill bench ...}: prints the figures; exit 0 when every answer was right, 1 if not, 2 bad usage. */
  static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(BenchOptions.USAGE);
      return 0;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.BadArguments e) {
      err.println("callbill bench: " + e.getMessage());
      err.print(BenchOptions.USAGE);
      return 2;
    }
    Path work = home.resolve(".callbill").resolve("bench-" + System.currentTimeMillis());
    StackLayout layout = StackLayout.of(home);
    BenchReport report = run(options, new Setup(work, layout.execJar("billing-streams"),
        layout.connectInstallation(), PARTITIONS, MIN_BASELINE_RECORDS, true));
    out.print(report.describe());
    if (options.report() != null) {
      report.write(options.report());
      out.println("  report written to " + options.report().toAbsolutePath());
    }
    return report.wrongAnswers() == 0 ? 0 : 1;
  }

  public static BenchReport run(BenchOptions options, Setup setup) {
    Path logs = setup.workDir().resolve("logs");
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(setup.workDir().resolve("kafka"), FreePorts.find(),
        FreePorts.find(), logs.resolve("kafka.log"))) {
      return new Run(options, setup, broker.bootstrapServers()).measure();
    }
  }

  static CallCommand endCommand(String callerId, String callId, String receiverId, Instant at, String commandId) {
    return new CallCommand(commandId, callerId, at, new EndCall(callId, receiverId, CallParty.caller, CALL_SECONDS));
  }

  /** One run on one broker: baseline, billing, the mode's calls, the figures around them, the sink. */
  private static final class Run {

    private final BenchOptions options;
    private final Setup setup;
    private final String bootstrap;
    private final CallbillSerdes serdes = CallbillSerdes.create();
    private final Topics topics = new Topics(Topics.DEFAULT_PREFIX, serdes);
    /** Answers to everything but the measured calls: the top-ups. */
    private final Map<String, CommandReply> otherReplies = new ConcurrentHashMap<>();
    /** Where the measured calls' answers go; swapped per mode. */
    private volatile ReplyHandler traffic = (reply, nanos) -> { };
    private KafkaProducer<String, CallCommand> producer;
    private volatile boolean following = true;
    /** With {@code --state}: takes the growth's answers while it runs. */
    private volatile StateGrowth growth;
    /** Every call settled on call-history so far (both measurements and the growth): the sink's call_history rows. */
    private long settledCalls;
    /** The number of the next call in the command ids: every warm-up and measurement takes new ones. */
    private int nextCall;

    Run(BenchOptions options, Setup setup, String bootstrap) {
      this.options = options;
      this.setup = setup;
      this.bootstrap = bootstrap;
    }

    BenchReport measure() {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        createTopics(admin);
        int commandBytes = serdes.callCommand().encode(endCommand(BenchCalls.caller(0), "call_x",
            BenchCalls.receiver(0), Instant.now(), "e-0000000")).length;
        // Enough records that the producer's start-up does not dominate the baseline.
        long baselineRecords = Math.max((long) COMMANDS_PER_CALL * options.calls(), setup.minBaselineRecords());
        BigDecimal raw = RawProducerBaseline.recordsPerSecond(bootstrap, RAW_TOPIC, baselineRecords, commandBytes,
            setup.workDir().resolve("logs").resolve("producer-performance.log"));

        BenchReport report;
        Thread replies = new Thread(() -> CommandClient.follow(bootstrap, topics, () -> following,
            reply -> onReply(reply, System.nanoTime())), "bench-replies");
        replies.setDaemon(true);
        replies.start();
        try (BenchBilling billing = new BenchBilling(setup.billingJar(), bootstrap, setup.workDir(),
            options.settings());
             KafkaProducer<String, CallCommand> commands = producer(topics.callCommands)) {
          producer = commands;
          billing.start();
          publishReferenceData();
          topUp();
          warmUp();
          long emptyEntries = StoreEntries.count(admin, bootstrap);
          report = measureMode(billing, admin).report(options, setup.partitions(), raw, emptyEntries, 0);
          settledCalls += report.settledCalls();
          if (options.stateCalls() > 0) {
            StateGrowth.Grown grown = growState();
            long entries = StoreEntries.count(admin, bootstrap);
            System.out.printf("  state: grew %,d settled and %,d open calls in %.1f s (%d wrong answers); billing's"
                + " stores hold %,d entries%n", grown.settledCalls(), grown.openCalls(), grown.seconds(),
                grown.wrongAnswers(), entries);
            if (options.mode() != Mode.DRAIN) {
              // As fresh a JVM as the first measurement had (the drain restarts billing itself): otherwise the JIT
              // warmed by the first measurement and the growth would make the large state look faster.
              billing.stop();
              billing.start();
            }
            warmUp();
            // The same mode and parameters again; its calls are numbered after the first measurement's.
            BenchReport large = measureMode(billing, admin).report(options, setup.partitions(), raw,
                entries, grown.openCalls());
            report = report.withState(large, grown.wrongAnswers());
            settledCalls += grown.settledCalls() + large.settledCalls();
          }
          if (options.recovery()) {
            report = report.withRecovery(recovery(billing));
          }
        } finally {
          following = false;
        }
        if (!setup.sink()) {
          return report;
        }
        // billing-streams is stopped: every settled call's records are committed on call-history and ledger.
        SinkPhase.Figures sink = SinkPhase.run(setup.workDir(), bootstrap, topics, setup.connectLayout(),
            settledCalls, EXPECTED_CHARGE);
        System.out.println(sink.describe());
        return report.withSink(sink);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private void createTopics(Admin admin) {
      try {
        new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(topics, setup.partitions(), (short) 1);
        admin.createTopics(List.of(new NewTopic(RAW_TOPIC, setup.partitions(), (short) 1))).all()
            .get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot create the benchmark topics", e);
      }
    }

    /** The chosen mode's calls, numbered after every call before them in their command ids. */
    private MeasurementWindow measureMode(BenchBilling billing, Admin admin) throws InterruptedException {
      int firstCall = nextCall;
      nextCall += options.calls();
      return switch (options.mode()) {
        case CLOSED -> closedLoop(billing, admin, firstCall);
        case OPEN -> openLoop(billing, admin, firstCall);
        case DRAIN -> drain(billing, admin, firstCall);
      };
    }

    /**
     * {@code --warmup W}: the open loop's rate for W seconds on the same callers, every answer checked (a wrong one
     * ends the run), no figure kept; its calls are settled before the measurement starts, so none of its callers is
     * still in a call.
     */
    private void warmUp() throws InterruptedException {
      int calls = options.warmupCalls();
      if (calls == 0) {
        return;
      }
      CallTraffic warm = new CallTraffic(calls, nextCall, this::send, caller -> { });
      nextCall += calls;
      traffic = warm::onReply;
      offerOnSchedule(warm, calls, new OpenLoopSchedule(System.nanoTime(), options.rate()));
      await(warm);
      if (warm.tally().wrongAnswers() > 0) {
        throw new IllegalStateException("the warm-up had " + warm.tally().wrongAnswers() + " wrong answers");
      }
      settledCalls += calls;
      System.out.printf("  warm-up: %,d calls at %d/s settled exactly%n", calls, options.rate());
    }

    /** {@code --state N}: N settled calls and a tenth of N open ones, on callers of their own, billing running. */
    private StateGrowth.Grown growState() throws InterruptedException {
      StateGrowth grower = new StateGrowth(options.stateCalls(), StateGrowth.openCallsFor(options.stateCalls()));
      growth = grower;
      grower.publishProfiles(bootstrap, topics, Instant.now().minusSeconds(1));
      StateGrowth.Grown grown = grower.grow(this::send, producer::flush, Duration.ofMinutes(ANSWERS_WITHIN_MINUTES),
          System.out::println);
      growth = null;
      return grown;
    }

    /** Every caller keeps one call in flight until {@code calls} are over. */
    private MeasurementWindow closedLoop(BenchBilling billing, Admin admin, int firstCall)
        throws InterruptedException {
      AtomicInteger handedOut = new AtomicInteger();
      CallTraffic[] calls = new CallTraffic[1];
      calls[0] = new CallTraffic(options.calls(), firstCall, this::send, caller -> {
        int call = handedOut.getAndIncrement();
        if (call < options.calls()) {
          calls[0].start(call, caller, System.nanoTime());
        }
      });
      traffic = calls[0]::onReply;
      MeasurementWindow window = MeasurementWindow.open(billing, admin, topics);
      for (int caller = 0; caller < Math.min(options.callers(), options.calls()); caller++) {
        calls[0].start(handedOut.getAndIncrement(), caller, System.nanoTime());
      }
      await(calls[0]);
      return window.close(calls[0].tally(), System.nanoTime() - window.beganNanos,
          calls[0].startLatency(), calls[0].endLatency(), 0);
    }

    /** Call i starts at t0 + i/R, on caller i mod C, whether or not the calls before are answered. */
    private MeasurementWindow openLoop(BenchBilling billing, Admin admin, int firstCall)
        throws InterruptedException {
      CallTraffic calls = new CallTraffic(options.calls(), firstCall, this::send, caller -> { });
      traffic = calls::onReply;
      MeasurementWindow window = MeasurementWindow.open(billing, admin, topics);
      OpenLoopSchedule schedule = new OpenLoopSchedule(window.beganNanos, options.rate());
      offerOnSchedule(calls, options.calls(), schedule);
      await(calls);
      return window.close(calls.tally(), calls.tally().lastNanos() - window.beganNanos,
          calls.startLatency(), calls.endLatency(), schedule.maxBehindMillis());
    }

    /** Starts call i of {@code calls} when the schedule says, on caller i mod C, whatever the answers. */
    private void offerOnSchedule(CallTraffic calls, int count, OpenLoopSchedule schedule) throws InterruptedException {
      for (int call = 0; call < count; call++) {
        long due = schedule.awaitDue(call);
        calls.start(call, call % options.callers(), due);
      }
      producer.flush();
    }

    /** Billing stopped, every call's commands written, billing started: first to last settlement. */
    private MeasurementWindow drain(BenchBilling billing, Admin admin, int firstCall) throws InterruptedException {
      DrainedCalls calls = new DrainedCalls(options.calls(), firstCall, options.callers());
      traffic = calls::onReply;
      billing.stop();
      calls.write(this::send);
      producer.flush();
      long recordsBefore = BrokerRecords.written(admin, topics);
      calls.due(System.nanoTime());
      billing.startNoWait();
      SettlementTally settlements = calls.tally();
      if (!settlements.awaitFirst(ANSWERS_WITHIN_MINUTES, TimeUnit.MINUTES)) {
        throw new IllegalStateException("no settlement from the drain within " + ANSWERS_WITHIN_MINUTES + " min");
      }
      // Billing's start and restore are over: from here its CPU and punctuations are the drain's.
      MeasurementWindow window = MeasurementWindow.open(billing, admin, topics, recordsBefore);
      if (!settlements.awaitAll(ANSWERS_WITHIN_MINUTES, TimeUnit.MINUTES)) {
        throw new IllegalStateException("drain did not finish: " + settlements.settled() + " of " + options.calls()
            + " settled");
      }
      return window.close(settlements, settlements.firstToLastNanos(), calls.startLatency(),
          calls.endLatency(), 0);
    }

    /**
     * A call of caller 0 started and accepted, billing killed -9 and restarted, the call's end sent: seconds from the
     * kill to its settlement ({@link KillToAnswer}); a settlement that is not exact is a wrong answer.
     */
    private BigDecimal recovery(BenchBilling billing) throws InterruptedException {
      Instant at = Instant.now();
      CommandReply started = answer(new CallCommand("recovery-s", BenchCalls.caller(0), at,
          new StartCall(BenchCalls.receiver(0), CallType.audio)));
      if (!(started.getData() instanceof StartAccepted accepted)) {
        throw new IllegalStateException("the recovery call was not started: " + started);
      }
      answer(new CallCommand("recovery-a", BenchCalls.caller(0), at, new AcceptCall(
          accepted.getCallId(), CallParty.receiver, BenchCalls.receiver(0))));
      double seconds = KillToAnswer.seconds(billing::kill, billing::startNoWait, () -> {
        send(BenchCalls.end(0, accepted.getCallId(), at.plusSeconds(CALL_SECONDS), "recovery-e"));
        producer.flush();
      }, () -> otherReplies.containsKey("recovery-e"), Duration.ofMillis(10),
          Duration.ofMinutes(ANSWERS_WITHIN_MINUTES));
      if (!BenchCalls.isExact(otherReplies.get("recovery-e"))) {
        throw new IllegalStateException("the recovery call was not settled exactly: " + otherReplies.get("recovery-e"));
      }
      return BenchReport.rounded(seconds, 2);
    }

    /** Sends one command and waits for its answer. */
    private CommandReply answer(CallCommand command) throws InterruptedException {
      send(command);
      producer.flush();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!otherReplies.containsKey(command.getCommandId())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no answer to " + command.getCommandId() + " within a minute");
        }
        Thread.sleep(10);
      }
      return otherReplies.get(command.getCommandId());
    }

    private void await(CallTraffic calls) throws InterruptedException {
      long minutes = ANSWERS_WITHIN_MINUTES + (long) options.durationSeconds() / 60;
      if (!calls.tally().awaitAll(minutes, TimeUnit.MINUTES)) {
        throw new IllegalStateException("benchmark did not finish: " + calls.tally().settled() + " of "
            + options.calls() + " settled");
      }
    }

    private void onReply(CommandReply reply, long receivedNanos) {
      StateGrowth grower = growth;
      if (grower != null && grower.onReply(reply)) {
        return;
      }
      if (BenchCalls.callOf(reply.getCommandId()) >= 0) {
        traffic.onReply(reply, receivedNanos);
      } else {
        otherReplies.put(reply.getCommandId(), reply);
      }
    }

    private void topUp() throws InterruptedException {
      // Stamped after the profiles, so that Kafka Streams, taking the earlier record first, takes them first.
      Instant creditAt = Instant.now();
      List<CallCommand> credits = new ArrayList<>();
      for (int i = 0; i < options.callers(); i++) {
        String caller = BenchCalls.caller(i);
        credits.add(new CallCommand("credit-" + caller, caller, creditAt,
            new CreditCoins(1_000_000_000L, "bench-" + caller)));
      }
      // A top-up may overtake its caller's profile (404): repeated until billing knows every caller.
      KnownCallerTopUps.topUp(credits, sent -> {
        sent.forEach(this::send);
        producer.flush();
      }, otherReplies::get, Duration.ofMinutes(3));
    }

    private void publishReferenceData() {
      try (KafkaProducer<String, LevelConfig> levels = producer(topics.levelConfigs);
           KafkaProducer<String, PlatformConfig> platform = producer(topics.platformConfig);
           KafkaProducer<String, Receiver> receivers = producer(topics.receivers);
           KafkaProducer<String, Caller> callers = producer(topics.callers)) {
        BigDecimal twelve = new BigDecimal("12.0000");
        levels.send(new ProducerRecord<>(topics.levelConfigs.name(), "1", new LevelConfig(1, true,
            new BigDecimal("30.0000"), new BigDecimal("40.0000"), new PlatformMargin(twelve, twelve))));
        platform.send(new ProducerRecord<>(topics.platformConfig.name(), "platform",
            new PlatformConfig(0L, new BigDecimal("60.0000"))));
        for (int r = 0; r < BenchCalls.RECEIVERS; r++) {
          String id = BenchCalls.receiver(r);
          Receiver receiver = Receiver.newBuilder().setReceiverId(id).setOnlineStatus(true)
              .setCurrentLevel(1).setReviewAccepted(true).setAgencyId(r % 5 == 0 ? "agency-" + r : null).build();
          receivers.send(new ProducerRecord<>(topics.receivers.name(), id, receiver));
        }
        for (int i = 0; i < options.callers(); i++) {
          callers.send(new ProducerRecord<>(topics.callers.name(), BenchCalls.caller(i),
              Caller.newBuilder().setCallerId(BenchCalls.caller(i)).build()));
        }
      }
    }

    private void send(CallCommand command) {
      producer.send(new ProducerRecord<>(topics.callCommands.name(), null, command.getIssuedAt().toEpochMilli(),
          command.getCallerId(), command));
    }

    private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
      return new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
          ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), topic.valueSerde().serializer());
    }
  }

  @FunctionalInterface
  private interface ReplyHandler {
    void onReply(CommandReply reply, long receivedNanos);
  }
}
