package io.callbill.proofs.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.LocalStack.Part;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short crash test: the whole local stack on billing's default metering, 120 calls over Kafka (3 a second; the
 * receiver accepts each, 24 are cut off at their caller's balance and 14 abandoned after one heartbeat, both settled
 * by billing's punctuator), billing-streams killed -9 twice, the Connect worker and the broker once each at seeded
 * moments and restarted; then every call settled exactly once with the modelled money and end, the ledger and
 * wallets add up on the topics and in PostgreSQL, and no transaction is left open.
 */
class CrashIT {

  private static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();
  private static final long SEED = Long.getLong("callbill.crash.seed", 20261124L);
  /** Refusals falling due at once, so that the first billing kill lands in a sweep of more than two bounded passes. */
  private static final int HOUSEKEEPING_BACKLOG = 3_000;

  @TempDir
  Path stackDir;

  @Test
  void killedPartsComeBackAndEveryCallSettlesExactlyOnce() {
    CrashReport report = new CrashRun(new CrashRun.Options(CHECKOUT, stackDir, 120, 3, 2, 1, 1, SEED,
        Duration.ofMinutes(6), HOUSEKEEPING_BACKLOG), System.out).run();
    System.out.print(report.describe());

    assertThat(report.problems()).as(report.describe()).isEmpty();
    assertThat(report.killsSurvived()).as("kills survived")
        .containsEntry(Part.BILLING, 2).containsEntry(Part.CONNECT, 1).containsEntry(Part.KAFKA, 1);
    assertThat(report.killsUnderLoad()).as("kills while calls were in flight").isEqualTo(4);
    assertThat(report.housekeepingKills()).as("billing kills in a large housekeeping pass, resumed and finished")
        .isEqualTo(1);
    assertThat(report.callsSettled()).as("calls settled").isEqualTo(120);
    assertThat(report.callsCutOff()).as("calls cut off at the balance").isEqualTo(24);
    assertThat(report.callsAbandoned()).as("calls abandoned").isEqualTo(14);
    // 15 callers' top-ups, and per call a caller, a receiver and at least one platform or agency entry.
    assertThat(report.ledgerEntries()).as("ledger entries").isGreaterThanOrEqualTo(15 + 3 * 120);
    assertThat(report.clean()).as(report.describe()).isTrue();
  }
}
