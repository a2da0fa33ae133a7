package io.callbill.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./callbill}: {@code up [--fresh]} runs the local stack in the foreground until SIGINT/SIGTERM;
 * {@code token --sub ID --role ROLE [--ttl SECONDS] [--aud A] [--iss I]} prints a JWT the local stack accepts.
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
public final class CallbillCli {

  static final String USAGE = """
      usage: ./callbill <command> [options]

        up [--fresh]                      start Kafka, PostgreSQL, Kafka Connect, billing-streams and api-ingest
                                          in the foreground; Ctrl-C stops them. State lives in .callbill/;
                                          --fresh deletes it first. API port: CALLBILL_HTTP_PORT (8080);
                                          state elsewhere: CALLBILL_STACK_DIR.
        token --sub ID --role ROLE [--ttl SECONDS] [--aud AUDIENCE] [--iss ISSUER]
                                          print a JWT the local stack accepts; ROLE is caller, receiver, admin
                                          or platform; --ttl defaults to 3600, at most 86400
        bench [CALLS] [CALLERS]           benchmark the billing topology on a real broker (EOS v2, no HTTP)
                                          against Kafka's ProducerPerformance (defaults 20000 calls, 2000 callers)
        status                            each part of the running stack: running, restarting, exited; its
                                          pid and restarts (exit 1 unless every part runs)
        measure-recovery [SETTLED] [OPEN] grow billing's state (defaults 1000000 settled, 100000 open calls)
                                          on a throw-away broker, kill -9 billing-streams, time its first answer
        measure-failover                  two billing-streams instances, one killed -9 for good: time until every
                                          caller is answered again
        topic NAME                        print a topic of the running stack as JSON (key<TAB>value), e.g.
                                          ./callbill topic call-history; committed records only
        load [options]                    drive calls over HTTP against the running stack and verify that each
                                          settled exactly once (./callbill load --help)
        badinput                          fire malformed and hostile requests at every route of the running
                                          stack: no 5xx, no state change (./callbill badinput --help)
        flood [--seconds S] [--concurrency C]
                                          one caller firing refused starts at the running stack (run load beside
                                          it to measure what the rate limit spares the others)
        reconcile [--since TIME] [--report FILE]
                                          check that PostgreSQL equals the settlement topics and the books
                                          balance (exit 0 clean, 1 on drift; ./callbill reconcile --help)
        crash [--kills N] [--calls N] [--rate R] [--seed S] [--backlog N]
                                          crash test: kill -9 billing-streams, Connect and the broker under load
                                          on a throw-away stack, then verify exactly-once money (exit 0 if clean)
        help                              this text
      """;

  static final String UP_USAGE = """
      usage: ./callbill up [--fresh]

      Starts the whole pipeline on this machine and prints 'callbill ready: ...' when it answers, then writes
      .callbill/stack.json. Ctrl-C (or SIGTERM) stops everything it started. State in .callbill/ survives a restart;
      --fresh deletes it first. Environment: CALLBILL_HTTP_PORT (API port, default 8080).
      """;

  static final String TOKEN_USAGE = """
      usage: ./callbill token --sub ID --role caller|receiver|admin|platform [--ttl SECONDS] [--aud AUDIENCE]
                              [--iss ISSUER]

      Prints a JWT signed with the local stack's secret (.callbill/jwt-secret, created if missing).
      ID matches ^[A-Za-z0-9_-]{1,64}$. --ttl is the validity in seconds (default 3600, at most 86400).
      --aud and --iss set the aud and iss claims; by default the ones the local stack's API requires
      (callbill-api, callbill-local-stack): another value mints a token it refuses.
      """;

  private CallbillCli() {
  }

  public static void main(String[] args) {
    Path home = Path.of(System.getProperty("callbill.home", ".")).toAbsolutePath().normalize();
    System.exit(run(args, home, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Path home, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return switch (args[0]) {
        case "up" -> up(rest, StackLayout.of(home, env), env, out, err);
        case "token" -> token(rest, StackLayout.of(home, env), out, err);
        case "topic" -> topic(rest, StackLayout.of(home, env), out);
        case "status" -> status(rest, StackLayout.of(home, env), out);
        case "load" -> io.callbill.stack.load.LoadCommand.run(rest, StackLayout.of(home, env), stderrIsTerminal(),
            out, err);
        case "badinput" -> io.callbill.stack.badinput.BadInputCommand.run(rest, StackLayout.of(home, env), out, err);
        case "flood" -> io.callbill.stack.flood.FloodCommand.run(rest, StackLayout.of(home, env), out, err);
        case "reconcile" -> io.callbill.stack.reconcile.ReconcileCommand.run(rest, StackLayout.of(home, env),
            stderrIsTerminal(), out, err);
        case "crash" -> {
          OrphanGuard.enable();
          yield io.callbill.stack.crash.CrashCommand.run(rest, home, out, err);
        }
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield 0;
        }
        default -> {
          err.println("callbill: unknown command '" + args[0] + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      err.println("callbill: " + e.getMessage());
      return 2;
    }
  }

  /** The script tells whether stderr is a terminal ({@code [ -t 2 ]}): the load's progress line rewrites itself. */
  private static boolean stderrIsTerminal() {
    return Boolean.getBoolean("callbill.stderrTty");
  }

  private static int up(List<String> args, StackLayout layout, Map<String, String> env, PrintStream out,
                        PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(UP_USAGE);
      return 0;
    }
    for (String arg : args) {
      if (!arg.equals("--fresh")) {
        throw new IllegalArgumentException("unknown option for up: " + arg + "\n" + UP_USAGE);
      }
    }
    int httpPort = parsePort(env.getOrDefault("CALLBILL_HTTP_PORT", "8080"));
    if (args.contains("--fresh")) {
      out.println("callbill: --fresh: deleting " + layout.root());
      layout.wipe();
    }
    Instant began = Instant.now();
    LocalStack stack = new LocalStack(layout, httpPort, out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("callbill: stopping ...");
      stack.close();
      out.println("callbill: stopped");
      stopped.countDown();
    }, "callbill-stop"));
    StackInfo info;
    try {
      info = stack.start();
    } catch (RuntimeException e) {
      err.println("callbill: failed to start: " + e.getMessage());
      return 1;
    }
    stack.watch();
    out.printf("callbill ready: api %s  kafka %s  postgres %s (user %s)  in %d s%n", info.apiUrl(),
        info.bootstrapServers(), info.jdbcUrl(), info.jdbcUser(), Duration.between(began, Instant.now()).toSeconds());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int token(List<String> args, StackLayout layout, PrintStream out, PrintStream err) {
    if (args.contains("--help") || args.contains("-h")) {
      out.print(TOKEN_USAGE);
      return 0;
    }
    Map<String, String> options = options(args, List.of("--sub", "--role", "--ttl", "--aud", "--iss"), TOKEN_USAGE);
    String sub = options.get("--sub");
    String role = options.get("--role");
    if (sub == null || role == null) {
      throw new IllegalArgumentException("token needs --sub and --role\n" + TOKEN_USAGE);
    }
    long ttl = parseLong("--ttl", options.getOrDefault("--ttl", "3600"));
    String audience = options.getOrDefault("--aud", LocalTokens.AUDIENCE);
    String issuer = options.getOrDefault("--iss", LocalTokens.ISSUER);
    out.println(LocalTokens.token(LocalTokens.secret(layout.jwtSecret()), sub, role, Duration.ofSeconds(ttl),
        Instant.now(), audience, issuer));
    return 0;
  }

  private static int topic(List<String> args, StackLayout layout, PrintStream out) {
    if (args.size() != 1 || args.get(0).startsWith("-")) {
      throw new IllegalArgumentException("usage: ./callbill topic NAME (e.g. call-history, ledger, balances)");
    }
    if (!java.nio.file.Files.exists(layout.stackJson())) {
      throw new IllegalArgumentException("no running stack (" + layout.stackJson() + " is missing): ./callbill up");
    }
    String json = readString(layout.stackJson());
    String bootstrap = json.replaceAll(".*\"bootstrapServers\":\"([^\"]+)\".*", "$1").trim();
    TopicReader.print(bootstrap, io.callbill.schemas.Topics.DEFAULT_PREFIX, args.get(0), out);
    return 0;
  }

  private static int status(List<String> args, StackLayout layout, PrintStream out) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("usage: ./callbill status");
    }
    if (!java.nio.file.Files.exists(layout.stackJson())) {
      out.println("callbill: no running stack (" + layout.stackJson() + " is missing): ./callbill up");
      return 1;
    }
    return StackStatus.print(readString(layout.stackJson()), StackStatus::isAlive, out);
  }

  private static String readString(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> options(List<String> args, List<String> known, String usage) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option: " + name + "\n" + usage);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value\n" + usage);
      }
      options.put(name, args.get(++i));
    }
    return options;
  }

  private static int parsePort(String value) {
    long port = parseLong("CALLBILL_HTTP_PORT", value);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("CALLBILL_HTTP_PORT must be a port number (1-65535): " + value);
    }
    return (int) port;
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value);
    }
  }
}
