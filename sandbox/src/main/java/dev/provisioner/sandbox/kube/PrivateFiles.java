package dev.provisioner.sandbox.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only files for content that may contain secrets: cluster credentials and stored Secret
 * objects. Each file is created with mode 0600 before any content is written, so no
 * other user can open it in between, and is then moved over the old one atomically.
 */
final class PrivateFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Replaces {@code file} with {@code content} in UTF-8, mode 0600 where the file system has
   * POSIX permissions.
   *
   * @throws IOException when the folder or the file cannot be written
   */
  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Files.createFile(temporary, attributes);
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
