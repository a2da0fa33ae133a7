package io.callbill.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code ./callbill up [--fresh]}: the whole local stack in the foreground until SIGINT/SIGTERM. */
final class UpCommand implements Command {

  static final String USAGE = """
      usage: ./callbill up [--fresh]

      Starts the whole pipeline on this machine and prints 'callbill ready: ...' when it answers, then writes
      .callbill/stack.json. Ctrl-C (or SIGTERM) stops everything it started. State in .callbill/ survives a restart;
      --fresh deletes it first. Environment: CALLBILL_HTTP_PORT (API port, default 8080).
      """;

  @Override
  public String name() {
    return "up";
  }

  @Override
  public String usage() {
    return "up [--fresh]";
  }

  @Override
  public String description() {
    return """
        start Kafka, PostgreSQL, Kafka Connect, billing-streams and api-ingest
        in the foreground; Ctrl-C stops them. State lives in .callbill/;
        --fresh deletes it first. API port: CALLBILL_HTTP_PORT (8080);
        state elsewhere: CALLBILL_STACK_DIR.""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    PrintStream out = invocation.out();
    if (Command.wantsHelp(args)) {
      out.print(USAGE);
      return 0;
    }
    for (String arg : args) {
      if (!arg.equals("--fresh")) {
        throw new IllegalArgumentException("unknown option for up: " + arg + "\n" + USAGE);
      }
    }
    int httpPort = parsePort(invocation.env().getOrDefault("CALLBILL_HTTP_PORT", "8080"));
    StackLayout layout = invocation.layout();
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
      invocation.err().println("callbill: failed to start: " + e.getMessage());
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

  private static int parsePort(String value) {
    long port = Arguments.parseLong("CALLBILL_HTTP_PORT", value);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("CALLBILL_HTTP_PORT must be a port number (1-65535): " + value);
    }
    return (int) port;
  }
}
