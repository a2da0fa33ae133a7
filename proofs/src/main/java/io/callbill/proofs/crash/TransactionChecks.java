package io.callbill.proofs.crash;

import io.callbill.schemas.Topic;
import io.callbill.stack.Pause;
import io.callbill.stack.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * No transaction is left dangling by the kills: once the load is done, within {@link #SETTLE} every output
 * partition's last stable offset reaches its high watermark (what read_committed consumers see is all there is), and
 * the broker lists no transaction still ONGOING.
 */
final class TransactionChecks {

  /** Above billing's transaction timeout (10 s) plus the coordinator's abort check interval (10 s). */
  static final Duration SETTLE = Duration.ofSeconds(45);

  private TransactionChecks() {
  }

  static List<String> check(String bootstrap, List<Topic<String, ?>> topics) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<String> open;
    do {
      open = new ArrayList<>();
      for (Topic<String, ?> topic : topics) {
        for (Map.Entry<TopicPartition, long[]> p : TopicReader.stableAndHighWatermarks(bootstrap, topic).entrySet()) {
          if (p.getValue()[0] != p.getValue()[1]) {
            open.add(p.getKey() + " last stable offset " + p.getValue()[0] + " < high watermark " + p.getValue()[1]);
          }
        }
      }
      open.addAll(ongoing(bootstrap));
      if (open.isEmpty() || System.nanoTime() > deadline) {
        return open;
      }
      Pause.unlessInterrupted(Duration.ofSeconds(1));
    } while (true);
  }

  private static List<String> ongoing(String bootstrap) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
          .all().get(30, TimeUnit.SECONDS).stream()
          .map(TransactionListing::transactionalId)
          .map(id -> "transaction " + id + " still ONGOING")
          .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("interrupted while listing transactions");
    } catch (Exception e) {
      return List.of("cannot list transactions: " + e.getMessage());
    }
  }
}
