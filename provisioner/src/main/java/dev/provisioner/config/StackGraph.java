package dev.provisioner.config;

import dev.provisioner.graph.DependencyGraph;
import java.util.List;

/**
 * Builds the dependency graph of a stack: an edge from each resource to every resource it
 * references or names in {@code dependsOn}.
 */
public final class StackGraph {

  private StackGraph() {}

  /** Returns the graph of {@code stack}'s resources, in the stack's written order. */
  public static DependencyGraph<ResourceAddress> build(Stack stack) {
    return build(stack.resources());
  }

  static DependencyGraph<ResourceAddress> build(List<ResourceConfig> resources) {
    DependencyGraph<ResourceAddress> graph = new DependencyGraph<>();
    for (ResourceConfig resource : resources) {
      graph.addNode(resource.address());
    }
    for (ResourceConfig resource : resources) {
      for (ResourceAddress dependency : resource.dependencies()) {
        graph.addDependency(resource.address(), dependency);
      }
    }
    return graph;
  }
}
