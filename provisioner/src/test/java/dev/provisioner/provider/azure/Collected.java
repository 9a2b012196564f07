package dev.provisioner.provider.azure;

import dev.provisioner.provider.Validation;
import java.util.ArrayList;
import java.util.List;

/** A {@link Validation} that keeps the problems reported, as "path: message". */
final class Collected implements Validation {

  private final List<String> errors = new ArrayList<>();

  @Override
  public void error(String path, String message) {
    errors.add(path + ": " + message);
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /** Returns whether some problem concerns {@code path}. */
  boolean hasErrorAt(String path) {
    return errors.stream().anyMatch(error -> error.startsWith(path + ": "));
  }
}
