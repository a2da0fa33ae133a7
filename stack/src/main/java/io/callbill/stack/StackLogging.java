package io.callbill.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The logback configuration of the child JVMs started from the stack's class path (the broker). */
final class StackLogging {

  private static Path childConfig;

  private StackLogging() {
  }

  /** A file path to {@code child-logback.xml}, extracted once (a class-path resource is not a file in a jar). */
  static synchronized Path childConfig() {
    if (childConfig == null) {
      try (InputStream in = StackLogging.class.getResourceAsStream("/child-logback.xml")) {
        Path file = Files.createTempFile("callbill-child-logback", ".xml");
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        file.toFile().deleteOnExit();
        childConfig = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return childConfig;
  }
}
