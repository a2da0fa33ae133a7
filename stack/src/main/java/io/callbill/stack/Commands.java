package io.callbill.stack;

import io.callbill.stack.reconcile.ReconcileCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one list of {@code ./callbill} commands the CLI dispatches from and {@code help} prints: the launcher's own,
 * then those found with {@link ServiceLoader} on the classpath (the proofs module's load, crash, bench, ...).
 */
public final class Commands {

  /** Help prints the explanation beside the usage line when the line is at most this wide, else below it. */
  private static final int USAGE_COLUMN = 34;

  private final Map<String, Command> byName = new LinkedHashMap<>();

  Commands(List<Command> commands) {
    for (Command command : commands) {
      Command earlier = byName.putIfAbsent(command.name(), command);
      if (earlier != null) {
        throw new IllegalStateException("two commands named " + command.name() + ": "
            + earlier.getClass().getName() + " and " + command.getClass().getName());
      }
    }
  }

  /** The launcher's commands and every {@link Command} registered as a service on the classpath. */
  public static Commands discover() {
    List<Command> commands = new ArrayList<>(List.of(new UpCommand(), new TokenCommand(), new StatusCommand(),
        new TopicCommand(), new ReconcileCommand()));
    ServiceLoader.load(Command.class).forEach(commands::add);
    return new Commands(commands);
  }

  public Optional<Command> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Command> all() {
    return List.copyOf(byName.values());
  }

  /** The text of {@code ./callbill help}: every command's usage line and explanation, in registration order. */
  public String help() {
    StringBuilder text = new StringBuilder("usage: ./callbill <command> [options]\n\n");
    List<Command> listed = new ArrayList<>(byName.values());
    for (Command command : listed) {
      entry(text, command.usage(), command.description());
    }
    entry(text, "help", "this text");
    return text.toString();
  }

  private static void entry(StringBuilder text, String usage, String description) {
    String indent = " ".repeat(USAGE_COLUMN + 2);
    List<String> lines = description.strip().lines().toList();
    text.append("  ").append(usage);
    int first = 0;
    if (usage.length() < USAGE_COLUMN) {
      text.append(" ".repeat(USAGE_COLUMN - usage.length())).append(lines.get(0));
      first = 1;
    }
    text.append('\n');
    for (String line : lines.subList(first, lines.size())) {
      text.append(indent).append(line).append('\n');
    }
  }
}
