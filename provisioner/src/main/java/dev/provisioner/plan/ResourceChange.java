package dev.provisioner.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The planned change of one resource.
 *
 * @param address resource address
 * @param type resource type
 * @param provider provider id
 * @param action what happens to it
 * @param prior the refreshed attributes before the change, whole-resource references reduced;
 *     empty for a create
 * @param planned the planned attributes after the change, unknown values marked; empty for a
 *     delete
 * @param sensitivePaths attribute paths whose values are secret, in prior or planned
 * @param dependencies addresses this resource depends on
 * @param recovered whether the prior attributes were found live for a create that was never
 *     recorded
 */
public record ResourceChange(
    String address,
    String type,
    String provider,
    PlanAction action,
    Optional<ObjectNode> prior,
    Optional<ObjectNode> planned,
    List<String> sensitivePaths,
    List<String> dependencies,
    boolean recovered) {

  public ResourceChange {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(prior, "prior");
    Objects.requireNonNull(planned, "planned");
    sensitivePaths = List.copyOf(sensitivePaths);
    dependencies = List.copyOf(dependencies);
  }
}
