package dev.provisioner.apply;

import dev.provisioner.graph.DependencyGraph;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanAction;
import dev.provisioner.plan.ResourceChange;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.StateDocument;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the graph of {@link Step}s that carries out a plan.
 *
 * <p>Apply halves wait for the apply halves of the resources they depend on. Destroy halves wait
 * for the destroy halves of the resources that depend on them (by the stack or by state), so
 * that a namespace goes before its cluster. A replacement creates after it destroys, unless it
 * is create-before-destroy: then the old resource is destroyed only after the new one exists and
 * its dependents were updated to it.
 */
final class ApplyGraph {

  private ApplyGraph() {}

  static DependencyGraph<Step> build(Plan plan, Optional<StateDocument> state) {
    Map<String, ResourceChange> byAddress = new HashMap<>();
    plan.changes().forEach(change -> byAddress.put(change.address(), change));
    Set<Step> steps = new HashSet<>();
    DependencyGraph<Step> graph = new DependencyGraph<>();
    for (ResourceChange change : plan.changes()) {
      PlanAction action = change.action();
      // Forgetting a record calls no provider; the refresh record before the walk does it.
      if (action instanceof PlanAction.NoOp || action instanceof PlanAction.Forget) {
        continue;
      }
      if (action instanceof PlanAction.Delete || action instanceof PlanAction.Replace) {
        steps.add(Step.destroyOf(change.address()));
      }
      if (!(action instanceof PlanAction.Delete)) {
        steps.add(Step.applyOf(change.address()));
      }
    }
    for (ResourceChange change : plan.changes()) {
      if (steps.contains(Step.applyOf(change.address()))) {
        graph.addNode(Step.applyOf(change.address()));
      }
      if (steps.contains(Step.destroyOf(change.address()))) {
        graph.addNode(Step.destroyOf(change.address()));
      }
    }

    Map<String, Set<String>> dependencies = dependenciesOf(plan, state);
    for (Map.Entry<String, Set<String>> entry : dependencies.entrySet()) {
      String dependent = entry.getKey();
      for (String dependency : entry.getValue()) {
        Step applyDependent = Step.applyOf(dependent);
        Step applyDependency = Step.applyOf(dependency);
        if (steps.contains(applyDependent) && steps.contains(applyDependency)) {
          graph.addDependency(applyDependent, applyDependency);
        }
        Step destroyDependent = Step.destroyOf(dependent);
        Step destroyDependency = Step.destroyOf(dependency);
        if (steps.contains(destroyDependent) && steps.contains(destroyDependency)) {
          graph.addDependency(destroyDependency, destroyDependent);
        }
        ResourceChange dependencyChange = byAddress.get(dependency);
        if (dependencyChange != null && isCreateBeforeDestroy(dependencyChange)
            && steps.contains(applyDependent)) {
          graph.addDependency(destroyDependency, applyDependent);
        }
      }
    }
    for (ResourceChange change : plan.changes()) {
      if (change.action() instanceof PlanAction.Replace) {
        Step apply = Step.applyOf(change.address());
        Step destroy = Step.destroyOf(change.address());
        if (isCreateBeforeDestroy(change)) {
          graph.addDependency(destroy, apply);
        } else {
          graph.addDependency(apply, destroy);
        }
      }
    }
    return graph;
  }

  private static boolean isCreateBeforeDestroy(ResourceChange change) {
    return change.action() instanceof PlanAction.Replace replace && replace.createBeforeDestroy();
  }

  private static Map<String, Set<String>> dependenciesOf(Plan plan, Optional<StateDocument> state) {
    Map<String, Set<String>> result = new HashMap<>();
    for (ResourceChange change : plan.changes()) {
      result.computeIfAbsent(change.address(), a -> new HashSet<>())
          .addAll(change.dependencies());
    }
    List<ResourceState> recorded = state.map(StateDocument::resources).orElse(List.of());
    for (ResourceState resource : recorded) {
      result.computeIfAbsent(resource.address(), a -> new HashSet<>())
          .addAll(resource.dependencies());
    }
    return result;
  }
}
