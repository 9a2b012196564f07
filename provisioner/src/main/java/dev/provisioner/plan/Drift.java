package dev.provisioner.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A difference between what state recorded and what a refresh read: a change made outside the
 * tool.
 *
 * @param address resource address
 * @param type resource type
 * @param gone whether the resource no longer exists
 * @param changed the attribute paths that differ; empty when gone
 * @param recorded the attributes in state
 * @param live the attributes read now; empty when gone
 * @param sensitivePaths paths whose values are secret
 */
public record Drift(
    String address,
    String type,
    boolean gone,
    List<String> changed,
    ObjectNode recorded,
    Optional<ObjectNode> live,
    List<String> sensitivePaths) {

  public Drift {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    changed = List.copyOf(changed);
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(live, "live");
    sensitivePaths = List.copyOf(sensitivePaths);
  }
}
