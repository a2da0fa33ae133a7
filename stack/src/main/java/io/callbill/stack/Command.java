package io.callbill.stack;

import java.util.List;

/**
 * One {@code ./callbill} command: its name, the usage line and explanation {@code ./callbill help} prints, and what
 * it does. The launcher's own commands are listed in {@link Commands}; other modules (the proofs) add theirs with a
 * {@code META-INF/services/io.callbill.stack.Command} file, so the stack never depends on them.
 */
public interface Command {

  /** The first argument that selects this command, e.g. {@code up}. */
  String name();

  /** The usage line after {@code ./callbill}, e.g. {@code up [--fresh]}. */
  String usage();

  /** What the command does, for {@code ./callbill help}: a few short lines, no indentation. */
  String description();

  /**
   * Runs the command with the arguments after its name; returns the exit code (0 done, 1 failed, 2 bad arguments).
   * An {@link IllegalArgumentException} is reported as bad arguments.
   */
  int run(List<String> args, Invocation invocation);

  /** Whether the arguments ask for the command's usage text ({@code --help} or {@code -h}), the same for every command. */
  static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }
}
