package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The value a stack variable resolved to, with whether it was declared sensitive.
 *
 * @param value the value after coercion to the declared type
 * @param sensitive whether the declaration says {@code sensitive: true}
 */
public record VariableValue(JsonNode value, boolean sensitive) {

  public VariableValue {
    Objects.requireNonNull(value, "value");
  }
}
