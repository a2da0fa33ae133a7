package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.CliRecorder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proofs' commands reach the launcher's CLI through the service registry, the same way as its own. */
class ProofCommandsTest {

  private final CliRecorder cli;

  ProofCommandsTest(@TempDir Path home) {
    this.cli = new CliRecorder(home);
  }

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void helpListsTheLauncherAndTheProofsCommandsFromOneList() {
    assertThat(run("help")).isZero();

    String help = cli.out();
    for (String command : new String[] {"up", "token", "status", "topic", "reconcile", "bench", "measure-recovery",
        "measure-failover", "load", "badinput", "flood", "crash"}) {
      assertThat(help).as(command).containsPattern("(?m)^  " + command + "( |$)");
    }
  }

  @Test
  void benchIsACommandOfTheCliLikeAnyOther() {
    assertThat(run("bench", "--help")).isZero();
    assertThat(cli.out()).contains("usage: ./callbill bench [CALLS] [CALLERS]");
    assertThat(run("bench", "many")).isEqualTo(2);
    assertThat(cli.err()).doesNotContain("unknown command");
  }

  @Test
  void floodRefusesBadOptionsAndNeedsARunningStack() {
    assertThat(run("flood", "--seconds", "soon")).isEqualTo(2);
    assertThat(run("flood", "--rate", "10")).isEqualTo(2);
    assertThat(run("flood", "--seconds", "1")).isEqualTo(1);
    assertThat(cli.err()).contains("callbill flood: no running stack");
  }
}
