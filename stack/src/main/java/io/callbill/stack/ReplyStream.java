package io.callbill.stack;

import io.callbill.avro.CommandReply;
import io.callbill.schemas.Topics;
import io.callbill.testkit.CommandClient;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The benchmark's old name for {@link CommandClient#follow}: every reply from the beginning of the replies topic,
 * committed records only, to a callback until told to stop. Kept only until the bench measurements call the client
 * themselves; adds nothing.
 */
public final class ReplyStream {

  private ReplyStream() {
  }

  public static void follow(String bootstrapServers, Topics topics, BooleanSupplier running,
                            Consumer<CommandReply> onReply) {
    CommandClient.follow(bootstrapServers, topics, running, onReply);
  }
}
