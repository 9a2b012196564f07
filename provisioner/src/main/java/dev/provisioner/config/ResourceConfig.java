package dev.provisioner.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One resource as the stack declares it, with modules flattened into its address.
 *
 * @param address where it sits, for example {@code module.team-a.namespace}
 * @param type its resource type, for example {@code azure.aksCluster}
 * @param properties its properties; references to other resources are left to evaluate
 * @param dependsOn explicit dependencies from {@code dependsOn}
 * @param lifecycle lifecycle rules
 * @param position where the resource's key was written
 */
public record ResourceConfig(
    ResourceAddress address,
    String type,
    Expr.ObjectExpr properties,
    List<ResourceAddress> dependsOn,
    Lifecycle lifecycle,
    SourcePosition position) {

  public ResourceConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(properties, "properties");
    dependsOn = List.copyOf(dependsOn);
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(position, "position");
  }

  /** Returns every resource this one waits for: referenced ones and {@code dependsOn}. */
  public Set<ResourceAddress> dependencies() {
    Set<ResourceAddress> result = new java.util.TreeSet<>(dependsOn);
    Expressions.collectReferences(properties, result);
    return result;
  }
}
