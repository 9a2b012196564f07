package dev.provisioner.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A stack output as recorded after the last apply.
 *
 * @param value the output's value
 * @param sensitive whether the value is shown only when asked for by name
 */
public record OutputState(JsonNode value, boolean sensitive) {

  public OutputState {
    Objects.requireNonNull(value, "value");
  }
}
