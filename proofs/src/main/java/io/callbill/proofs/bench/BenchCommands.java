package io.callbill.proofs.bench;

import io.callbill.stack.Command;
import io.callbill.stack.Invocation;
import io.callbill.stack.OrphanGuard;
import java.util.List;

/**
 * The benchmark commands, each on a throw-away broker under {@code .callbill/}: {@code bench},
 * {@code measure-recovery}, {@code measure-failover}. Their children die with the launcher ({@link OrphanGuard}).
 */
public final class BenchCommands {

  private BenchCommands() {
  }

  /** A measurement: its arguments and the checkout in, an exit code out; it may throw anything. */
  @FunctionalInterface
  interface Measurement {
    int run(List<String> args, Invocation invocation) throws Exception;
  }

  /** Shared by the three commands: the orphan guard on, checked failures reported as exit 1. */
  abstract static class BenchCommand implements Command {

    private final Measurement measurement;

    BenchCommand(Measurement measurement) {
      this.measurement = measurement;
    }

    @Override
    public final int run(List<String> args, Invocation invocation) {
      OrphanGuard.enable();
      try {
        return measurement.run(args, invocation);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        invocation.err().println("callbill " + name() + ": interrupted");
        return 1;
      } catch (Exception e) {
        invocation.err().println("callbill " + name() + ": failed: " + e);
        return 1;
      }
    }
  }

  /** {@code ./callbill bench}: the topology against Kafka's ProducerPerformance. */
  public static final class Bench extends BenchCommand {

    public Bench() {
      super((args, invocation) -> BillingBenchmark.run(args, invocation.home(), invocation.out(),
          invocation.err()));
    }

    @Override
    public String name() {
      return "bench";
    }

    @Override
    public String usage() {
      return "bench [CALLS] [CALLERS] | --rate R --duration S | --drain N  [--state N] [--set k=v] [--report FILE]";
    }

    @Override
    public String description() {
      return """
          the billing topology's capacity on a real broker (EOS v2, no HTTP) against
          Kafka's ProducerPerformance: closed loop, open loop at a rate, or a drained
          backlog (bench --help for the options and the report's figures)""";
    }
  }

  /** {@code ./callbill measure-recovery}: kill -9 of billing-streams holding a large state, timed to its return. */
  public static final class MeasureRecovery extends BenchCommand {

    public MeasureRecovery() {
      super((args, invocation) -> RecoveryMeasurement.measure(args, invocation.home()));
    }

    @Override
    public String name() {
      return "measure-recovery";
    }

    @Override
    public String usage() {
      return "measure-recovery [SETTLED] [OPEN]";
    }

    @Override
    public String description() {
      return """
          grow billing's state (defaults 1000000 settled, 100000 open calls)
          on a throw-away broker, kill -9 billing-streams, time its first answer""";
    }
  }

  /** {@code ./callbill measure-failover}: one of two instances killed for good, timed to the last caller answered. */
  public static final class MeasureFailover extends BenchCommand {

    public MeasureFailover() {
      super((args, invocation) -> FailoverMeasurement.measure(args, invocation.home()));
    }

    @Override
    public String name() {
      return "measure-failover";
    }

    @Override
    public String usage() {
      return "measure-failover";
    }

    @Override
    public String description() {
      return """
          two billing-streams instances, one killed -9 for good: time until every
          caller is answered again""";
    }
  }
}
