package io.callbill.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point of {@code ./callbill}: finds the command named by the first argument in {@link Commands} (the
 * launcher's up, token, status, topic and reconcile, plus whatever the classpath registers, such as the proofs'
 * load, crash and bench) and runs it with the rest. {@code help} prints every command's usage from the same list.
 * Exit codes: 0 done, 1 failed, 2 bad arguments or an unknown command.
 */
public final class CallbillCli {

  private CallbillCli() {
  }

  public static void main(String[] args) {
    Path home = Path.of(System.getProperty("callbill.home", ".")).toAbsolutePath().normalize();
    System.exit(run(args, home, System.getenv(), System.out, System.err));
  }

  public static int run(String[] args, Path home, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(Commands.discover(), args, new Invocation(home, env, out, err, stderrIsTerminal()));
  }

  static int run(Commands commands, String[] args, Invocation invocation) {
    if (args.length == 0) {
      invocation.err().print(commands.help());
      return 2;
    }
    if (List.of("help", "--help", "-h").contains(args[0])) {
      invocation.out().print(commands.help());
      return 0;
    }
    Optional<Command> command = commands.find(args[0]);
    if (command.isEmpty()) {
      invocation.err().println("callbill: unknown command '" + args[0] + "'");
      invocation.err().print(commands.help());
      return 2;
    }
    try {
      return command.get().run(Arrays.asList(args).subList(1, args.length), invocation);
    } catch (IllegalArgumentException e) {
      invocation.err().println("callbill: " + e.getMessage());
      return 2;
    }
  }

  /** The script tells whether stderr is a terminal ({@code [ -t 2 ]}): the load's progress line rewrites itself. */
  private static boolean stderrIsTerminal() {
    return Boolean.getBoolean("callbill.stderrTty");
  }
}
