package io.callbill.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs against: the checkout ({@code callbill.home}), the environment, its output streams, and
 * whether stderr is a terminal (the script tells, {@code [ -t 2 ]}: progress lines then rewrite themselves).
 */
public record Invocation(Path home, Map<String, String> env, PrintStream out, PrintStream err,
                         boolean stderrIsTerminal) {

  /** The stack's state directory: the checkout's {@code .callbill/}, or {@code $CALLBILL_STACK_DIR}. */
  public StackLayout layout() {
    return StackLayout.of(home, env);
  }
}
