package io.callbill.proofs.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbill.stack.FreePorts;
import io.callbill.stack.StackLayout;
import io.callbill.proofs.badinput.BadInputCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' help, argument errors, and clear messages when there is no running stack. */
class LoadCommandTest {

  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int load(String... args) {
    return LoadCommand.run(List.of(args), StackLayout.of(home), false, print(out), print(err));
  }

  private int badinput(String... args) {
    return BadInputCommand.run(List.of(args), StackLayout.of(home), print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpForEachCommand() {
    assertThat(load("--help")).isZero();
    assertThat(badinput("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./callbill load").contains("--concurrency")
        .contains("usage: ./callbill badinput");
  }

  @Test
  void badArgumentsAreRefusedBeforeLookingForAStack() {
    assertThatThrownBy(() -> load("--rate", "fast")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rate");
    assertThatThrownBy(() -> badinput("--all")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option for badinput: --all");
  }

  @Test
  void noStackJsonMeansNoRunningStack() {
    assertThat(load("--calls", "1")).isEqualTo(1);
    assertThat(err()).contains("no running stack").contains("stack.json").contains("./callbill up");
    assertThat(badinput()).isEqualTo(1);
  }

  @Test
  void aStackThatDoesNotAnswerIsNotRunning() throws Exception {
    writeStack("127.0.0.1:" + FreePorts.find());
    assertThat(load("--calls", "1")).isEqualTo(1);
    assertThat(err()).contains("the stack is not running").contains("start it with ./callbill up");
  }

  @Test
  void onlyALoopbackStackIsATarget() throws Exception {
    writeStack("10.1.2.3:8080");
    assertThat(load("--calls", "1")).isEqualTo(1);
    assertThat(err()).contains("only a stack on this machine (127.0.0.1) may be the target");
    assertThat(badinput()).isEqualTo(1);
  }

  private void writeStack(String hostPort) throws Exception {
    StackLayout layout = StackLayout.of(home);
    Files.createDirectories(layout.root());
    Files.writeString(layout.stackJson(), "{\"apiUrl\":\"http://" + hostPort + "\",\"bootstrapServers\":\"x:1\","
        + "\"jdbcUrl\":\"jdbc:postgresql://127.0.0.1:5432/postgres\",\"jdbcUser\":\"u\",\"jdbcPassword\":\"p\"}");
    io.callbill.stack.LocalTokens.secret(layout.jwtSecret());
  }
}
