package io.callbill.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbill.stack.CallbillCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proofs' commands reach the launcher's CLI through the service registry, the same way as its own. */
class ProofCommandsTest {

  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CallbillCli.run(args, home, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheLauncherAndTheProofsCommandsFromOneList() {
    assertThat(run("help")).isZero();

    String help = out.toString(StandardCharsets.UTF_8);
    for (String command : new String[] {"up", "token", "status", "topic", "reconcile", "bench", "measure-recovery",
        "measure-failover", "load", "badinput", "flood", "crash"}) {
      assertThat(help).as(command).containsPattern("(?m)^  " + command + "( |$)");
    }
  }

  @Test
  void benchIsACommandOfTheCliLikeAnyOther() {
    assertThat(run("bench", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./callbill bench [CALLS] [CALLERS]");
    assertThat(run("bench", "many")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("unknown command");
  }

  @Test
  void floodRefusesBadOptionsAndNeedsARunningStack() {
    assertThat(run("flood", "--seconds", "soon")).isEqualTo(2);
    assertThat(run("flood", "--rate", "10")).isEqualTo(2);
    assertThat(run("flood", "--seconds", "1")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("callbill flood: no running stack");
  }
}
