package io.callbill.proofs.bench;

import io.callbill.avro.AcceptCall;
import io.callbill.avro.CallCommand;
import io.callbill.avro.CallParty;
import io.callbill.avro.CallType;
import io.callbill.avro.CallProgress;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.avro.EndCall;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.PlatformMargin;
import io.callbill.avro.Receiver;
import io.callbill.avro.Settlement;
import io.callbill.avro.StartAccepted;
import io.callbill.avro.StartCall;
import io.callbill.billing.app.TopicProvisioner;
import io.callbill.proofs.ProofRateCard;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.stack.ChildProcess;
import io.callbill.stack.FreePorts;
import io.callbill.stack.KafkaBrokerProcess;
import io.callbill.stack.ReplyStream;
import io.callbill.stack.StackLayout;
import io.callbill.testkit.ConnectLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures the billing topology on a real broker with exactly_once_v2, without HTTP: {@code callers} callers each
 * make calls one after another (start, wait for the answer, the receiver's accept, wait for the answer, end, wait
 * for the settlement) until {@code calls} calls are settled. In the same run, on the same broker, Kafka's ProducerPerformance writes as many records of the same
 * size as our commands: the topology's figure divided by that baseline is a ratio that travels between machines.
 *
 * <p>Every settlement is checked: a call accepted 60 s before its end, audio at 30 + 12 coins per minute, is measured
 * 60 s and must charge exactly 42 coins (under measured metering the time counts from the accept; under clamp and
 * reported, which bill from the start, the accept is stamped with the start's time, so all three agree).
 *
 * <p>Then, on the same broker, the sink phase: Kafka Connect's JDBC sink writes the settled calls (call_history) and
 * their ledger entries (ledger_entries) into an empty PostgreSQL, measured in rows/s and checked row by row.
 */
public final class BillingBenchmark {

  static final long CALL_SECONDS = 60;
  /** Commands of one call: start, accept, end. */
  static final int COMMANDS_PER_CALL = 3;
  static final long EXPECTED_CHARGE = ProofRateCard.oracle(CallType.audio, false).charge(CALL_SECONDS).totalCoins();
  static final long MIN_BASELINE_RECORDS = 300_000;

  public record Options(int calls, int callers, int partitions, Path workDir, Path billingJar,
                        ConnectLayout connectLayout) {
  }

  public record Result(int partitions, int callers, long calls, int commandBytes, BigDecimal rawRecordsPerSecond,
                       Duration settleTime, BigDecimal callsPerSecond, BigDecimal commandsPerSecond,
                       Percentiles startLatency, Percentiles settlementLatency, long wrongAnswers,
                       SinkPhase.Figures sink) {

    /** The same run with the sink phase's figures; its violations count as wrong answers. */
    Result withSink(SinkPhase.Figures figures) {
      return new Result(partitions, callers, calls, commandBytes, rawRecordsPerSecond, settleTime, callsPerSecond,
          commandsPerSecond, startLatency, settlementLatency, wrongAnswers + figures.violations(), figures);
    }

    /** Commands per second through the topology divided by raw producer records per second. */
    public BigDecimal ratioToRaw() {
      return commandsPerSecond.divide(rawRecordsPerSecond, 4, RoundingMode.HALF_UP);
    }

    public String describe() {
      return String.join("\n",
          "callbill benchmark: 1 KRaft broker and billing-streams in their own JVMs, exactly_once_v2, "
              + partitions + " partitions, " + Runtime.getRuntime().availableProcessors() + " cores",
          String.format("  raw baseline (ProducerPerformance, records of %d B, acks=all, linger 5 ms): %,.0f records/s",
              commandBytes, rawRecordsPerSecond),
          String.format("  billing topology: %d calls (%d commands) settled by %d callers in %.1f s: %,.0f calls/s,"
              + " %,.0f commands/s", calls, calls * COMMANDS_PER_CALL, callers, settleTime.toMillis() / 1000.0, callsPerSecond,
              commandsPerSecond),
          String.format("  ratio to raw producer (commands/s over records/s): %s", ratioToRaw()),
          "  start latency (command sent -> answer read): " + startLatency.describe(),
          "  settlement latency (end sent -> settlement read): " + settlementLatency.describe(),
          sink == null ? "  sink: not measured" : sink.describe(),
          "  wrong answers: " + wrongAnswers);
    }
  }

  static final String USAGE = """
      usage: ./callbill bench [CALLS] [CALLERS]

      Starts a throw-away broker and billing-streams under .callbill/bench-*, runs Kafka's ProducerPerformance for
      the raw baseline, then CALLS calls (default 20000) from CALLERS callers (default 2000) through the topology
      (EOS v2, no HTTP) and the sink; prints throughput, latencies and the wrong answers (exit 1 if any).
      """;

  private BillingBenchmark() {
  }

  /** {@code ./callbill bench [CALLS] [CALLERS]}: prints the result; exit 0 when every answer was right. */
  static int run(List<String> args, Path home, java.io.PrintStream out) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    int calls = args.size() > 0 ? Integer.parseInt(args.get(0)) : 20_000;
    int callers = args.size() > 1 ? Integer.parseInt(args.get(1)) : 2_000;
    Path work = home.resolve(".callbill").resolve("bench-" + System.currentTimeMillis());
    StackLayout layout = StackLayout.of(home);
    Result result = run(new Options(calls, callers, 6, work, layout.execJar("billing-streams"),
        layout.connectInstallation()));
    out.println(result.describe());
    return result.wrongAnswers() == 0 ? 0 : 1;
  }

  public static Result run(Options options) {
    Path logs = options.workDir().resolve("logs");
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(options.workDir().resolve("kafka"), FreePorts.find(),
        FreePorts.find(), logs.resolve("kafka.log"))) {
      CallbillSerdes serdes = CallbillSerdes.create();
      Topics topics = new Topics(Topics.DEFAULT_PREFIX, serdes);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(topics, options.partitions(), (short) 1);
        admin.createTopics(List.of(new NewTopic("bench-raw", options.partitions(), (short) 1))).all()
            .get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot create the benchmark topics", e);
      }
      int commandBytes = serdes.callCommand().encode(endCommand("caller-0000", "call_x", "receiver-00",
          Instant.now(), "e-0-0000")).length;
      // Enough records that the producer's start-up does not dominate the baseline.
      long baselineRecords = Math.max(2L * options.calls(), MIN_BASELINE_RECORDS);
      BigDecimal raw = RawProducerBaseline.recordsPerSecond(broker.bootstrapServers(), "bench-raw",
          baselineRecords, commandBytes, logs.resolve("producer-performance.log"));

      int healthPort = FreePorts.find();
      Result topology;
      try (ChildProcess billing = ChildProcess.startJava("billing-streams", List.of("-Xmx1g"),
          List.of("-jar", options.billingJar().toString()),
          Map.of("CALLBILL_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
              "CALLBILL_STATE_DIR", options.workDir().resolve("state").toString(),
              "CALLBILL_HEALTH_PORT", Integer.toString(healthPort),
              "CALLBILL_CREATE_TOPICS", "false"),
          logs.resolve("billing-streams.log"))) {
        topology = new Load(options, broker.bootstrapServers(), topics).run(raw, commandBytes);
      }
      // billing-streams is stopped: every settled call's records are committed on call-history and ledger.
      return topology.withSink(SinkPhase.run(options.workDir(), broker.bootstrapServers(), topics,
          options.connectLayout(), options.calls(), EXPECTED_CHARGE));
    }
  }

  static CallCommand endCommand(String callerId, String callId, String receiverId, Instant at, String commandId) {
    return new CallCommand(commandId, callerId, at, new EndCall(callId, receiverId, CallParty.caller, CALL_SECONDS));
  }

  /** One run of the closed-loop load: every caller keeps one call in flight. */
  private static final class Load {

    private final Options options;
    private final String bootstrap;
    private final Topics topics;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, CommandReply> creditReplies = new ConcurrentHashMap<>();
    private final long[] startMicros;
    private final long[] settleMicros;
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();
    private final AtomicLong wrong = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private KafkaProducer<String, CallCommand> producer;
    private volatile boolean running = true;

    Load(Options options, String bootstrap, Topics topics) {
      this.options = options;
      this.bootstrap = bootstrap;
      this.topics = topics;
      this.startMicros = new long[options.calls()];
      this.settleMicros = new long[options.calls()];
    }

    Result run(BigDecimal raw, int commandBytes) {
      try (KafkaProducer<String, CallCommand> commands = producer(topics.callCommands)) {
        producer = commands;
        publishReferenceData();
        Thread replies = new Thread(this::readReplies, "bench-replies");
        replies.start();
        try {
          // Stamped after the profiles, so that Kafka Streams, taking the earlier record first, takes them first.
          Instant creditAt = Instant.now();
          List<CallCommand> credits = new ArrayList<>();
          for (int i = 0; i < options.callers(); i++) {
            String caller = caller(i);
            credits.add(new CallCommand("credit-" + caller, caller, creditAt,
                new CreditCoins(1_000_000_000L, "bench-" + caller)));
          }
          // A top-up may overtake its caller's profile (404): repeated until billing knows every caller.
          KnownCallerTopUps.topUp(credits, sent -> {
            sent.forEach(this::send);
            commands.flush();
          }, creditReplies::get, Duration.ofMinutes(3));
          long began = System.nanoTime();
          for (int i = 0; i < options.callers(); i++) {
            startNext(caller(i), i);
          }
          if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("benchmark did not finish: " + settled.get() + " settled");
          }
          Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
          BigDecimal seconds = BigDecimal.valueOf(elapsed.toNanos()).movePointLeft(9);
          BigDecimal callsPerSecond = BigDecimal.valueOf(options.calls()).divide(seconds, 1, RoundingMode.HALF_UP);
          return new Result(options.partitions(), options.callers(), options.calls(), commandBytes, raw, elapsed,
              callsPerSecond, callsPerSecond.multiply(BigDecimal.valueOf(COMMANDS_PER_CALL)), Percentiles.of(startMicros),
              Percentiles.of(settleMicros), wrong.get(), null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } finally {
          running = false;
          join(replies);
        }
      }
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
        for (int r = 0; r < 50; r++) {
          Receiver receiver = Receiver.newBuilder().setReceiverId(receiver(r)).setOnlineStatus(true)
              .setCurrentLevel(1).setReviewAccepted(true).setAgencyId(r % 5 == 0 ? "agency-" + r : null).build();
          receivers.send(new ProducerRecord<>(topics.receivers.name(), receiver.getReceiverId(), receiver));
        }
        for (int i = 0; i < options.callers(); i++) {
          callers.send(new ProducerRecord<>(topics.callers.name(), caller(i),
              Caller.newBuilder().setCallerId(caller(i)).build()));
        }
      }
    }

    /** Starts the caller's next call, unless all calls are handed out. */
    private void startNext(String caller, int callerIndex) {
      int call = starts.getAndIncrement();
      if (call >= options.calls()) {
        return;
      }
      // Each call starts and is accepted now and ends CALL_SECONDS later (record times), so its whole length is measured
      // without waiting for it. The end lies a minute ahead: billing takes commands up to 10 min ahead of its clock,
      // and a call stamped in the past would have rung past the ring timeout before its accept arrived.
      Instant at = Instant.now();
      startedAt.put(caller, at);
      send(new CallCommand("s-" + call, caller, at, new StartCall(receiver(callerIndex % 50), CallType.audio)));
    }

    private void onReply(CommandReply reply, long receivedNanos) {
      String id = reply.getCommandId();
      if (id.startsWith("credit-")) {
        creditReplies.put(id, reply);
        return;
      }
      Long sent = sentAt.remove(id);
      if (sent == null) {
        return;
      }
      int call = Integer.parseInt(id.substring(2));
      long micros = (receivedNanos - sent) / 1000;
      String caller = reply.getCallerId();
      int callerIndex = Integer.parseInt(caller.substring("caller-".length()));
      if (id.startsWith("s-")) {
        startMicros[call] = micros;
        if (!(reply.getData() instanceof StartAccepted accepted)) {
          wrong.incrementAndGet();
          finishOne(caller, callerIndex);
          return;
        }
        send(new CallCommand("a-" + call, caller, startedAt.get(caller),
            new AcceptCall(accepted.getCallId(), CallParty.receiver, receiver(callerIndex % 50))));
      } else if (id.startsWith("a-")) {
        if (!(reply.getData() instanceof CallProgress progress)) {
          wrong.incrementAndGet();
          finishOne(caller, callerIndex);
          return;
        }
        Instant end = startedAt.get(caller).plusSeconds(CALL_SECONDS);
        send(endCommand(caller, progress.getCallId(), receiver(callerIndex % 50), end, "e-" + call));
      } else {
        settleMicros[call] = micros;
        if (!(reply.getData() instanceof Settlement s) || s.getTotalCoins() != EXPECTED_CHARGE
            || s.getMeasuredDuration() == null || s.getMeasuredDuration() != CALL_SECONDS) {
          wrong.incrementAndGet();
        }
        finishOne(caller, callerIndex);
      }
    }

    private void finishOne(String caller, int callerIndex) {
      if (settled.incrementAndGet() == options.calls()) {
        done.countDown();
      } else {
        startNext(caller, callerIndex);
      }
    }

    private void send(CallCommand command) {
      sentAt.put(command.getCommandId(), System.nanoTime());
      producer.send(new ProducerRecord<>(topics.callCommands.name(), null, command.getIssuedAt().toEpochMilli(),
          command.getCallerId(), command));
    }

    private void readReplies() {
      ReplyStream.follow(bootstrap, topics, () -> running, reply -> onReply(reply, System.nanoTime()));
    }

    private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
      return new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
          ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), topic.valueSerde().serializer());
    }

    private static void join(Thread thread) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String caller(int i) {
      return String.format("caller-%04d", i);
    }

    private static String receiver(int r) {
      return String.format("receiver-%02d", r);
    }
  }
}
