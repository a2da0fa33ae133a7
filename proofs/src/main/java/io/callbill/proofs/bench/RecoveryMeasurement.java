package io.callbill.proofs.bench;

import io.callbill.avro.CallCommand;
import io.callbill.avro.CallType;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.LevelConfig;
import io.callbill.avro.PlatformConfig;
import io.callbill.avro.Receiver;
import io.callbill.avro.StartCall;
import io.callbill.billing.app.TopicProvisioner;
import io.callbill.proofs.ProofRateCard;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topic;
import io.callbill.schemas.Topics;
import io.callbill.stack.ChildProcess;
import io.callbill.stack.FreePorts;
import io.callbill.stack.KafkaBrokerProcess;
import io.callbill.stack.Readiness;
import io.callbill.stack.StackLayout;
import io.callbill.testkit.CommandClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How long billing-streams takes to answer again after a kill -9 when it holds a large state.
 *
 * <p>Grows the state first with {@link StateGrowth}, writing commands straight to {@code call-commands} (no HTTP):
 * {@code OPEN} callers with a billion coins each, SETTLED calls started, accepted and ended 60 s later, then one
 * more call per caller started and accepted, left open. That leaves SETTLED settled calls (settled-calls,
 * command-replies) and OPEN ongoing calls (call-sessions, the due index) in the stores. Then it kills
 * billing-streams -9, starts it again on the same state directory and instance id, and sends the end of one open
 * call: the figure is the time from the kill to that settlement's answer.
 *
 * <p>With a third argument, the jar of an older billing-streams build ({@code BEFORE_JAR}): the state is grown by it
 * and its kill -9 is measured first; then it is stopped cleanly, this build's billing-streams takes the same state
 * over, and its kill -9 is measured on the same state: before and after, one growth.
 *
 * <p>After each restart it prints where the seconds went, from the restarted instance's log ({@link StartupTimeline}):
 * the JVM, Kafka Streams starting, the group, the producer, each store's restore, RUNNING, then the answer.
 * {@code --kills N} kills each build N times on the one grown state, for the spread.
 *
 * <pre>{@code ./callbill measure-recovery [SETTLED] [OPEN] [BEFORE_JAR] [--kills N]   (defaults 1000000 100000)}</pre>
 */
public final class RecoveryMeasurement {

  private static final Duration ANSWER_DEADLINE = Duration.ofMinutes(30);
  private static final int PARTITIONS = 6;

  private final Path work;
  private final Path billingJar;
  private final Path beforeJar;
  private final StateGrowth growth;
  /** Kills of each build on the grown state, one after the other: the spread of the figure on one growth. */
  private final int kills;
  private final Topics topics = new Topics(Topics.DEFAULT_PREFIX, CallbillSerdes.create());
  private final Map<String, CommandReply> replies = new ConcurrentHashMap<>();

  private RecoveryMeasurement(Path work, Path billingJar, Path beforeJar, int settled, int open, int kills) {
    this.kills = kills;
    this.work = work;
    this.billingJar = billingJar;
    this.beforeJar = beforeJar;
    this.growth = new StateGrowth(settled, open);
  }

  private static final String USAGE = """
      usage: ./callbill measure-recovery [SETTLED] [OPEN] [BEFORE_JAR] [--kills N]
        grows billing's state to SETTLED settled calls (default 1000000) and OPEN open calls (default 100000) on a
        throw-away broker, kills -9 billing-streams and times the restart to its first answered settlement; with
        BEFORE_JAR (an older billing-streams exec jar) the state is grown and killed with it first; --kills N
        repeats each kill N times for the spread.""";

  /** {@code ./callbill measure-recovery ...}: prints the timings as it goes; exit 0 done, 2 bad arguments. */
  static int measure(List<String> args, Path home) throws Exception {
    List<String> positional = new ArrayList<>(args);
    if (positional.contains("--help") || positional.contains("-h")) {
      System.out.println(USAGE);
      return 0;
    }
    RecoveryMeasurement measurement;
    try {
      measurement = of(home, positional);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      System.err.println("callbill measure-recovery: bad arguments (" + e.getMessage() + ")\n" + USAGE);
      return 2;
    }
    measurement.run();
    return 0;
  }

  private static RecoveryMeasurement of(Path home, List<String> positional) {
    int kills = 1;
    int repeat = positional.indexOf("--kills");
    if (repeat >= 0) {
      kills = Integer.parseInt(positional.get(repeat + 1));
      positional.subList(repeat, repeat + 2).clear();
    }
    int settled = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1_000_000;
    int open = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 100_000;
    Path work = home.resolve(".callbill").resolve("recovery-" + System.currentTimeMillis());
    Path beforeJar = positional.size() > 2 ? Path.of(positional.get(2)).toAbsolutePath() : null;
    return new RecoveryMeasurement(work, StackLayout.of(home).execJar("billing-streams"), beforeJar, settled, open,
        Math.max(1, kills));
  }

  private void run() throws Exception {
    Path logs = work.resolve("logs");
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(work.resolve("kafka"), FreePorts.find(),
        FreePorts.find(), logs.resolve("kafka.log"))) {
      String bootstrap = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(topics, PARTITIONS, (short) 1);
      }
      AtomicBoolean following = new AtomicBoolean(true);
      Thread follower = new Thread(() -> CommandClient.follow(bootstrap, topics, following::get,
          reply -> {
            if (!growth.onReply(reply)) {
              replies.put(reply.getCommandId(), reply);
            }
          }), "recovery-replies");
      follower.setDaemon(true);
      follower.start();
      int healthPort = FreePorts.find();
      Path growingJar = beforeJar == null ? billingJar : beforeJar;
      ChildProcess billing = startBilling(growingJar, bootstrap, healthPort, logs);
      try (KafkaProducer<String, CallCommand> commands = producer(bootstrap, topics.callCommands)) {
        Readiness.awaitHttpOk(billing, health(healthPort), "\"state\":\"RUNNING\"", Duration.ofMinutes(3));
        referenceData(bootstrap);
        growth.publishProfiles(bootstrap, topics, Instant.now().minusSeconds(1));
        StateGrowth.Grown grown = growth.grow(command -> commands.send(record(command)), commands::flush,
            ANSWER_DEADLINE, System.out::println);
        long stateBytes = directorySize(work.resolve("state"));
        System.out.printf("recovery: grew %,d settled and %,d open calls in %.0f s (%d wrong answers); state"
            + " directory %,d MB%n", grown.settledCalls(), grown.openCalls(), grown.seconds(), grown.wrongAnswers(),
            stateBytes / 1_000_000);

        int caller = 0;
        for (int kill = 0; kill < kills; kill++) {
          billing = killAndTime(billing, growingJar, bootstrap, healthPort, logs, commands, caller++,
              beforeJar == null ? "this build" : "before: " + beforeJar);
        }
        if (beforeJar != null) {
          billing.stop();
          billing = startBilling(billingJar, bootstrap, healthPort, logs);
          Readiness.awaitHttpOk(billing, health(healthPort), "\"state\":\"RUNNING\"", ANSWER_DEADLINE);
          for (int kill = 0; kill < kills; kill++) {
            billing = killAndTime(billing, billingJar, bootstrap, healthPort, logs, commands, caller++,
                "after: this build");
          }
        }
      } finally {
        following.set(false);
        billing.stop();
      }
    }
  }

  /** Kills billing -9, starts {@code jar} on the same state, settles open call {@code caller}: prints the time. */
  private ChildProcess killAndTime(ChildProcess billing, Path jar, String bootstrap, int healthPort, Path logs,
      KafkaProducer<String, CallCommand> commands, int caller, String build)
      throws InterruptedException {
    long logBefore = size(billing.log());
    Instant[] killedAt = new Instant[1];
    ChildProcess[] restarted = new ChildProcess[1];
    String end = "recovery-end-" + caller;
    double seconds = KillToAnswer.seconds(() -> {
          billing.kill();
          killedAt[0] = Instant.now();
        },
        () -> restarted[0] = startBilling(jar, bootstrap, healthPort, logs),
        () -> {
          commands.send(record(BillingBenchmark.endCommand(StateGrowth.caller(caller), growth.openCallId(caller),
              StateGrowth.receiver(caller), growth.openStartedAt().plusSeconds(BenchCalls.CALL_SECONDS), end)));
          commands.flush();
        }, () -> replies.containsKey(end), Duration.ofMillis(10), ANSWER_DEADLINE);
    System.out.printf("recovery (%s): kill -9 to the first settlement answered by the restarted instance: %.1f s"
        + " (%s)%n", build, seconds, replies.get(end).getMessage());
    StartupTimeline.read(billing.log(), logBefore).describe(killedAt[0]).forEach(System.out::println);
    System.out.printf("  %+7.2f s  settlement answered%n", seconds);
    return restarted[0];
  }

  private ChildProcess startBilling(Path jar, String bootstrap, int healthPort, Path logs) {
    return ChildProcess.startJava("billing-streams", List.of("-Xmx1g"), List.of("-jar", jar.toString()),
        Map.of("CALLBILL_BOOTSTRAP_SERVERS", bootstrap,
            "CALLBILL_STATE_DIR", work.resolve("state").toString(),
            "CALLBILL_HEALTH_PORT", Integer.toString(healthPort),
            "CALLBILL_INSTANCE_ID", "recovery-1",
            "CALLBILL_CREATE_TOPICS", "false"),
        logs.resolve("billing-streams.log"));
  }

  private void referenceData(String bootstrap) {
    try (KafkaProducer<String, LevelConfig> levels = producer(bootstrap, topics.levelConfigs);
         KafkaProducer<String, PlatformConfig> platform = producer(bootstrap, topics.platformConfig)) {
      levels.send(new ProducerRecord<>(topics.levelConfigs.name(), "1", ProofRateCard.levelConfig()));
      platform.send(new ProducerRecord<>(topics.platformConfig.name(), "platform", ProofRateCard.platformConfig()));
    }
  }

  private ProducerRecord<String, CallCommand> record(CallCommand command) {
    return new ProducerRecord<>(topics.callCommands.name(), null, command.getIssuedAt().toEpochMilli(),
        command.getCallerId(), command);
  }

  private static <V> KafkaProducer<String, V> producer(String bootstrap, Topic<String, V> topic) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private static String health(int port) {
    return "http://127.0.0.1:" + port + "/health";
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long directorySize(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
