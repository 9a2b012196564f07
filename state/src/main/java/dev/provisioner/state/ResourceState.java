package dev.provisioner.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One resource as recorded in state.
 *
 * @param address resource address, for example {@code aks} or {@code module.platform.knative}
 * @param type resource type, for example {@code azure.aksCluster}
 * @param provider id of the provider that manages it, for example {@code azure}
 * @param attributes every attribute the provider returned, sensitive ones included
 * @param sensitivePaths attribute paths (dot and {@code [i]} notation) whose values are secret
 * @param dependencies addresses this resource depended on when it was last applied, so that a
 *     destroy after the stack lost them still runs in the right order
 * @param status lifecycle status
 */
public record ResourceState(
    String address,
    String type,
    String provider,
    ObjectNode attributes,
    List<String> sensitivePaths,
    List<String> dependencies,
    ResourceStatus status) {

  public ResourceState {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(status, "status");
    sensitivePaths = List.copyOf(sensitivePaths);
    dependencies = List.copyOf(dependencies);
  }
}
