package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Invocation invocation = new Invocation(Path.of("."), Map.of(),
      new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);

  /** A command that records what it was given. */
  private static final class Echo implements Command {

    private final String name;
    private List<String> given;

    Echo(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String usage() {
      return name + " [WORDS]";
    }

    @Override
    public String description() {
      return "says its words back\nsecond line";
    }

    @Override
    public int run(List<String> args, Invocation invocation) {
      given = args;
      if (args.contains("bad")) {
        throw new IllegalArgumentException("bad word");
      }
      return 7;
    }
  }

  @Test
  void theCliRunsTheCommandNamedByTheFirstArgumentWithTheRest() {
    Echo echo = new Echo("echo");
    int code = CallbillCli.run(new Commands(List.of(echo)), new String[] {"echo", "a", "b"}, invocation);

    assertThat(code).isEqualTo(7);
    assertThat(echo.given).containsExactly("a", "b");
  }

  @Test
  void badArgumentsAndUnknownCommandsExitWith2() {
    Commands commands = new Commands(List.of(new Echo("echo")));

    assertThat(CallbillCli.run(commands, new String[] {"echo", "bad"}, invocation)).isEqualTo(2);
    assertThat(CallbillCli.run(commands, new String[] {"nope"}, invocation)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("callbill: bad word")
        .contains("callbill: unknown command 'nope'");
  }

  @Test
  void helpPrintsEachUsageLineWithItsExplanationAligned() {
    String help = new Commands(List.of(new Echo("echo"), new Echo("a-command-whose-usage-is-too-long-to-fit")))
        .help();

    assertThat(help).contains("  echo [WORDS]" + " ".repeat(34 - "echo [WORDS]".length()) + "says its words back\n"
        + " ".repeat(36) + "second line\n");
    assertThat(help).contains("  a-command-whose-usage-is-too-long-to-fit [WORDS]\n" + " ".repeat(36)
        + "says its words back\n");
    assertThat(help).endsWith("  help" + " ".repeat(30) + "this text\n");
  }

  @Test
  void twoCommandsOfOneNameAreRefused() {
    assertThatThrownBy(() -> new Commands(List.of(new Echo("echo"), new Echo("echo"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("two commands named echo");
  }

  @Test
  void theLaunchersOwnCommandsAreListedWithoutTheProofs() {
    assertThat(Commands.discover().all()).extracting(Command::name)
        .containsExactly("up", "token", "status", "topic", "reconcile");
  }
}
