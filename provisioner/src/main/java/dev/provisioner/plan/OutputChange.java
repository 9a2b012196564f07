package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The planned change of one stack output.
 *
 * @param name output name
 * @param action create, update, delete or no-op (the {@link PlanAction#name()} spelling)
 * @param before the value in state, if any
 * @param after the planned value, possibly unknown; empty when the output is removed
 * @param sensitive whether the value is shown only when asked for by name
 */
public record OutputChange(
    String name,
    String action,
    Optional<JsonNode> before,
    Optional<JsonNode> after,
    boolean sensitive) {

  public OutputChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /** Returns whether the output changes. */
  public boolean isChange() {
    return !action.equals("no-op");
  }
}
