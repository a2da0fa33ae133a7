package io.callbill.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read (the JWT secret, the database passwords, stack.json): created with mode 0600 from
 * the first byte, never created with the umask's mode and chmod'ed after. A rewrite goes to a new private file
 * beside it that replaces the old one atomically, so there is no moment at which another user could open it.
 */
public final class PrivateFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {
  }

  /** Writes {@code content} to {@code file} (replacing it) with mode 0600; creates a missing parent with 0700. */
  public static void write(Path file, String content) {
    Path directory = file.toAbsolutePath().getParent();
    try {
      if (!Files.exists(directory)) {
        Files.createDirectories(directory, attribute(OWNER_ONLY_DIRECTORY));
      }
      Path fresh = Files.createTempFile(directory, "." + file.getFileName(), ".new", attribute(OWNER_ONLY));
      try {
        Files.writeString(fresh, content, StandardCharsets.UTF_8);
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(fresh);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static FileAttribute<?>[] attribute(Set<PosixFilePermission> permissions) {
    // Not a POSIX file system (Windows): the file gets the directory's access control instead.
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }
}
