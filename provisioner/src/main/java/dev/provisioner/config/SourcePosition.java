package dev.provisioner.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a stack or module file, 1-based, printed as {@code file:line:column}.
 */
public record SourcePosition(Path file, int line, int column) {

  public SourcePosition {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
