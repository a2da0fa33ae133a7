package io.callbill.proofs.bench;

import io.callbill.avro.CallCommand;
import io.callbill.avro.Caller;
import io.callbill.avro.CommandReply;
import io.callbill.avro.CreditCoins;
import io.callbill.billing.app.TopicProvisioner;
import io.callbill.schemas.CallbillSerdes;
import io.callbill.schemas.Topics;
import io.callbill.stack.ChildProcess;
import io.callbill.stack.FreePorts;
import io.callbill.stack.KafkaBrokerProcess;
import io.callbill.stack.Readiness;
import io.callbill.stack.StackLayout;
import io.callbill.testkit.CommandClient;
import io.callbill.testkit.KnownCallerTopUps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How long the callers of an instance that dies for good wait: two billing-streams instances (static membership,
 * the app's default session timeout and standby replica) share 6 partitions; one is killed -9 and never comes back,
 * and at once every one of {@link #CALLERS} callers (spread over every partition) sends a coin credit. The figure is
 * the time from the kill to the last answer: the callers the dead instance owned wait for the session timeout, the
 * rebalance and the new owner's restore.
 *
 * <pre>{@code ./callbill measure-failover [BILLING_JAR]   (another build's billing-streams, e.g. an older one)}</pre>
 */
public final class FailoverMeasurement {

  static final int CALLERS = 60;
  private static final int PARTITIONS = 6;

  private FailoverMeasurement() {
  }

  /** {@code ./callbill measure-failover [BILLING_JAR]}: prints the time to the last caller answered. */
  static int measure(List<String> args, Path home) throws Exception {
    Path work = home.resolve(".callbill").resolve("failover-" + System.currentTimeMillis());
    Path jar = !args.isEmpty() ? Path.of(args.get(0)).toAbsolutePath() : StackLayout.of(home).execJar("billing-streams");
    Topics topics = new Topics(Topics.DEFAULT_PREFIX, CallbillSerdes.create());
    Map<String, CommandReply> replies = new ConcurrentHashMap<>();
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(work.resolve("kafka"), FreePorts.find(),
        FreePorts.find(), work.resolve("logs/kafka.log"))) {
      String bootstrap = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        new TopicProvisioner(admin, Duration.ofSeconds(60)).provision(topics, PARTITIONS, (short) 1);
      }
      AtomicBoolean following = new AtomicBoolean(true);
      Thread follower = new Thread(() -> CommandClient.follow(bootstrap, topics, following::get,
          reply -> replies.put(reply.getCommandId(), reply)), "failover-replies");
      follower.setDaemon(true);
      follower.start();
      int portA = FreePorts.find();
      int portB = FreePorts.find();
      try (ChildProcess a = start(jar, bootstrap, work, "a", portA);
           ChildProcess b = start(jar, bootstrap, work, "b", portB);
           KafkaProducer<String, CallCommand> commands = new KafkaProducer<>(Map.of(
               ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
               topics.callCommands.keySerde().serializer(), topics.callCommands.valueSerde().serializer())) {
        Readiness.awaitHttpOk(a, health(portA), "\"state\":\"RUNNING\"", Duration.ofMinutes(3));
        Readiness.awaitHttpOk(b, health(portB), "\"state\":\"RUNNING\"", Duration.ofMinutes(3));
        // Both own tasks and every caller has a profile and a wallet before the kill (a top-up to a caller billing
        // has no profile of is refused 404, and may overtake its profile: repeated until known).
        profiles(bootstrap, topics);
        KnownCallerTopUps.topUp(topUps("warm"), sent -> {
          sent.forEach(command -> commands.send(record(topics, command)));
          commands.flush();
        }, replies::get, Duration.ofMinutes(5));
        b.kill();
        long killed = System.nanoTime();
        credit(commands, topics, replies, "after");
        System.out.printf("failover: kill -9 of one of two instances (not restarted) to the last of %d callers"
            + " answered: %.1f s%n", CALLERS, (System.nanoTime() - killed) / 1e9);
        following.set(false);
      }
    }
    return 0;
  }

  private static void profiles(String bootstrap, Topics topics) {
    try (KafkaProducer<String, Caller> callers = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        topics.callers.keySerde().serializer(), topics.callers.valueSerde().serializer())) {
      for (int c = 0; c < CALLERS; c++) {
        callers.send(new ProducerRecord<>(topics.callers.name(), caller(c),
            Caller.newBuilder().setCallerId(caller(c)).build()));
      }
    }
  }

  private static String caller(int c) {
    return "failover-caller-" + c;
  }

  private static List<CallCommand> topUps(String round) {
    List<CallCommand> topUps = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      topUps.add(new CallCommand(round + "-" + c, caller(c), Instant.now(), new CreditCoins(10L, round + "-" + c)));
    }
    return topUps;
  }

  private static ProducerRecord<String, CallCommand> record(Topics topics, CallCommand command) {
    return new ProducerRecord<>(topics.callCommands.name(), command.getCallerId(), command);
  }

  /** Every caller's top-up at once; waits for an answer to each (the figure is the time to the last). */
  private static void credit(KafkaProducer<String, CallCommand> commands, Topics topics,
      Map<String, CommandReply> replies, String round) throws InterruptedException {
    topUps(round).forEach(command -> commands.send(record(topics, command)));
    commands.flush();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (replies.keySet().stream().filter(id -> id.startsWith(round + "-")).count() < CALLERS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not every caller was answered within 5 minutes");
      }
      Thread.sleep(50);
    }
  }

  private static ChildProcess start(Path jar, String bootstrap, Path work, String instance, int healthPort) {
    return ChildProcess.startJava("billing-streams-" + instance, List.of("-Xmx512m"), List.of("-jar", jar.toString()),
        Map.of("CALLBILL_BOOTSTRAP_SERVERS", bootstrap,
            "CALLBILL_STATE_DIR", work.resolve("state-" + instance).toString(),
            "CALLBILL_HEALTH_PORT", Integer.toString(healthPort),
            "CALLBILL_INSTANCE_ID", "failover-" + instance,
            "CALLBILL_CREATE_TOPICS", "false"),
        work.resolve("logs/billing-streams-" + instance + ".log"));
  }

  private static String health(int port) {
    return "http://127.0.0.1:" + port + "/health";
  }
}
