package io.callbill.sink.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A test's state directory under target/: emptied when the test starts, kept afterwards for its logs. */
public final class StateDirectory {

  private StateDirectory() {
  }

  public static Path recreate(Path directory) {
    try {
      if (Files.exists(directory)) {
        try (Stream<Path> files = Files.walk(directory)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot recreate " + directory, e);
    }
  }
}
