package io.callbill.proofs.flood;

import io.callbill.stack.Command;
import io.callbill.stack.Invocation;
import io.callbill.proofs.load.Api;
import io.callbill.proofs.load.RunningStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./callbill flood}: one caller firing refused starts (to a receiver that does not exist) as fast as his
 * threads go, for a while, against the running stack: the abuse issue 13 measured (6,000 refused starts, 48 at a
 * time, doubled another caller's start latency). Run {@code ./callbill load} beside it and compare its start
 * latency with a run without the flood. Never waits out a 429: the point is to keep pushing.
 */
public final class FloodCommand implements Command {

  public static final String USAGE = """
      usage: ./callbill flood [--seconds S] [--concurrency C] [--caller ID]

      One caller (default callbill-flooder) fires POST /male-user/calls/start to a receiver that does not exist,
      C at a time (default 48) for S seconds (default 60), at the running local stack; prints the answers by
      status (429 when the rate limit cuts him off). Run ./callbill load beside it to see what it does to the
      other callers.
      """;

  /** For {@link java.util.ServiceLoader} and the launcher's list of commands. */
  public FloodCommand() {
  }

  @Override
  public String name() {
    return "flood";
  }

  @Override
  public String usage() {
    return "flood [--seconds S] [--concurrency C]";
  }

  @Override
  public String description() {
    return """
        one caller firing refused starts at the running stack (run load beside
        it to measure what the rate limit spares the others)""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    if (Command.wantsHelp(args)) {
      invocation.out().print(USAGE);
      return 0;
    }
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!List.of("--seconds", "--concurrency", "--caller").contains(args.get(i)) || i + 1 >= args.size()) {
        throw new IllegalArgumentException("unknown option or missing value: " + args.get(i) + "\n" + USAGE);
      }
      options.put(args.get(i), args.get(i + 1));
    }
    Duration length = Duration.ofSeconds(positive(options.getOrDefault("--seconds", "60"), "--seconds"));
    int concurrency = (int) positive(options.getOrDefault("--concurrency", "48"), "--concurrency");
    String caller = options.getOrDefault("--caller", "callbill-flooder");
    RunningStack.Target target;
    try {
      target = RunningStack.connect(invocation.layout());
    } catch (RunningStack.StackUnavailableException e) {
      invocation.err().println("callbill flood: " + e.getMessage());
      return 1;
    }
    Map<Integer, LongAdder> byStatus = flood(target.api(), target.stack().token(caller, "caller"), length,
        concurrency);
    StringBuilder line = new StringBuilder("callbill flood: " + caller + ", " + concurrency + " at a time for "
        + length.toSeconds() + " s:");
    new TreeMap<>(byStatus).forEach((status, count) -> line.append(' ').append(status).append(" x")
        .append(count.sum()));
    invocation.out().println(line);
    return 0;
  }

  static Map<Integer, LongAdder> flood(Api api, String token, Duration length, int concurrency) {
    Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + length.toNanos();
    String body = "{\"receiverId\":\"callbill-flood-nobody\",\"callType\":\"audio\"}";
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        workers.add(pool.submit(() -> {
          while (System.nanoTime() < deadline) {
            int status;
            try {
              status = api.sendOnce("POST", "/male-user/calls/start", token, body, Map.of()).status();
            } catch (RuntimeException e) {
              status = 0;
            }
            byStatus.computeIfAbsent(status, key -> new LongAdder()).increment();
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(length.toSeconds() + 60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("flood failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    return byStatus;
  }

  private static long positive(String value, String name) {
    try {
      long number = Long.parseLong(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new IllegalArgumentException(name + " must be a positive whole number: " + value);
  }
}
