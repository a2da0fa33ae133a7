package io.callbill.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbill.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** {@code ./callbill topic NAME}: the committed records of one topic of the running stack. */
final class TopicCommand implements Command {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "topic";
  }

  @Override
  public String usage() {
    return "topic NAME";
  }

  @Override
  public String description() {
    return """
        print a topic of the running stack as JSON (key<TAB>value), e.g.
        ./callbill topic call-history; committed records only""";
  }

  @Override
  public int run(List<String> args, Invocation invocation) {
    if (args.size() != 1 || args.get(0).startsWith("-")) {
      throw new IllegalArgumentException("usage: ./callbill topic NAME (e.g. call-history, ledger, balances)");
    }
    TopicReader.print(bootstrapServers(invocation.layout()), Topics.DEFAULT_PREFIX, args.get(0), invocation.out());
    return 0;
  }

  /** The running stack's broker, from the {@code stack.json} that {@code up} writes once it is ready. */
  static String bootstrapServers(StackLayout layout) {
    if (!Files.exists(layout.stackJson())) {
      throw new IllegalArgumentException("no running stack (" + layout.stackJson() + " is missing): ./callbill up");
    }
    JsonNode bootstrap;
    try {
      bootstrap = JSON.readTree(Files.readString(layout.stackJson())).get("bootstrapServers");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + layout.stackJson() + ": " + e.getMessage());
    }
    if (bootstrap == null || !bootstrap.isTextual()) {
      throw new IllegalArgumentException(layout.stackJson() + " has no bootstrapServers");
    }
    return bootstrap.asText();
  }
}
