package io.callbill.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicCommandTest {

  @TempDir
  Path home;

  @Test
  void theBrokerIsReadFromStackJsonAsJsonWhateverItsFormatting() throws Exception {
    StackLayout layout = StackLayout.of(home);
    Files.createDirectories(layout.root());
    Files.writeString(layout.stackJson(), """
        {
          "apiUrl" : "http://127.0.0.1:8080",
          "bootstrapServers" : "127.0.0.1:39092",
          "parts" : [ { "name" : "kafka", "bootstrapServers" : "elsewhere:1" } ]
        }
        """);

    assertThat(TopicCommand.bootstrapServers(layout)).isEqualTo("127.0.0.1:39092");
  }

  @Test
  void noStackJsonOrNoBrokerInItIsABadArgumentThatSaysWhatToDo() throws Exception {
    StackLayout layout = StackLayout.of(home);
    assertThatThrownBy(() -> TopicCommand.bootstrapServers(layout)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("./callbill up");

    Files.createDirectories(layout.root());
    Files.writeString(layout.stackJson(), "{\"apiUrl\":\"http://127.0.0.1:8080\"}");
    assertThatThrownBy(() -> TopicCommand.bootstrapServers(layout)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no bootstrapServers");
  }
}
