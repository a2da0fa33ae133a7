package io.callbill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** {@code ./callbill status}: each part of the running stack as {@code .callbill/stack.json} lists it. */
final class StatusCommand implements Command {

  @Override
  public String name() {
    return "status";
  }

  @Override
  public String usage() {
    return "status";
  }

  @Override
  public String description() {
    return """
        each part of the running stack: running, restarting, exited; its
        pid and restarts (exit 1 unless every part runs)""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("usage: ./callbill status");
    }
    StackLayout layout = invocation.layout();
    if (!Files.exists(layout.stackJson())) {
      invocation.out().println("callbill: no running stack (" + layout.stackJson() + " is missing): ./callbill up");
      return 1;
    }
    try {
      return StackStatus.print(Files.readString(layout.stackJson()), StackStatus::isAlive, invocation.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
