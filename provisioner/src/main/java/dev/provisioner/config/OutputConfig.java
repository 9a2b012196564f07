package dev.provisioner.config;

import java.util.Objects;

/**
 * A stack output.
 *
 * @param name output name
 * @param value its value
 * @param sensitive shown only when asked for by name
 * @param description one-line description, may be empty
 */
public record OutputConfig(String name, Expr value, boolean sensitive, String description) {

  public OutputConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(description, "description");
  }
}
