package dev.provisioner.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.graph.DependencyGraph;
import dev.provisioner.graph.ParallelWalker;
import dev.provisioner.graph.WalkListener;
import dev.provisioner.graph.WalkResult;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads every recorded resource through its provider, at most {@code parallelism} at once, in the
 * order of the dependencies recorded in state so that a resource referring to another one (a
 * namespace to its cluster) is read with that one's fresh attributes.
 *
 * <p>A resource recorded as {@link ResourceStatus#PENDING_CREATE} is looked up with
 * {@link ResourceType#find} from the attributes recorded before its create started; this happens
 * even when refreshing is switched off, because only then does a plan know whether to create it.
 */
public final class Refresher {

  private final TypeLookup types;
  private final RunContext run;

  public Refresher(TypeLookup types, RunContext run) {
    this.types = types;
    this.run = run;
  }

  /**
   * Refreshes the resources of {@code state} whose address is in {@code scope}.
   *
   * @param readAll whether to read every resource; when false only pending creates are looked up
   *     and the others keep their recorded attributes
   * @throws PlanException listing every resource that could not be read
   */
  public RefreshResult refresh(
      StateDocument state, Set<String> scope, boolean readAll, int parallelism) {
    Map<String, ResourceState> recorded = new HashMap<>();
    DependencyGraph<String> graph = new DependencyGraph<>();
    for (ResourceState resource : state.resources()) {
      if (scope.contains(resource.address())) {
        recorded.put(resource.address(), resource);
        graph.addNode(resource.address());
      }
    }
    for (ResourceState resource : recorded.values()) {
      for (String dependency : resource.dependencies()) {
        if (recorded.containsKey(dependency)) {
          graph.addDependency(resource.address(), dependency);
        }
      }
    }

    Map<String, ObjectNode> live = new ConcurrentHashMap<>();
    boolean anyPending = recorded.values().stream()
        .anyMatch(r -> r.status() == ResourceStatus.PENDING_CREATE);
    if (!readAll && !anyPending) {
      recorded.forEach((address, resource) -> live.put(address, resource.attributes()));
      return new RefreshResult(live, Set.of(), Set.of(), List.of());
    }
    Set<String> gone = ConcurrentHashMap.newKeySet();
    Set<String> recovered = ConcurrentHashMap.newKeySet();
    List<Drift> drift = java.util.Collections.synchronizedList(new ArrayList<>());
    WalkResult<String> result = new ParallelWalker<String>(parallelism).walk(graph, address -> {
      ResourceState resource = recorded.get(address);
      boolean pending = resource.status() == ResourceStatus.PENDING_CREATE;
      if (!pending && !readAll) {
        live.put(address, resource.attributes());
        return;
      }
      ResourceType type = typeOf(resource);
      ResourceSchema schema = type.schema();
      ObjectNode expanded = ResourceValues.expandReferences(schema, resource.attributes(),
          other -> Optional.ofNullable(live.get(other))
              .or(() -> Optional.ofNullable(recorded.get(other)).map(ResourceState::attributes)));
      OperationContext context = run.forResource(address);
      // Providers get their own copy, so that one changing its argument cannot change state.
      Optional<ObjectNode> read = pending ? type.find(context, expanded.deepCopy())
          : type.read(context, expanded.deepCopy());
      if (read.isEmpty()) {
        gone.add(address);
        if (!pending) {
          drift.add(new Drift(address, resource.type(), true, List.of(), resource.attributes(),
              Optional.empty(), resource.sensitivePaths()));
        }
        return;
      }
      ObjectNode now = ResourceValues.reduceReferences(schema, read.get());
      live.put(address, now);
      if (pending) {
        recovered.add(address);
        return;
      }
      AttributeDiff changed = AttributeDiff.compute(schema, now, inputsOf(schema,
          resource.attributes()));
      if (changed.hasChanges()) {
        drift.add(new Drift(address, resource.type(), false, changed.changed(),
            resource.attributes(), Optional.of(now), unionOf(resource.sensitivePaths(),
                ResourceValues.sensitivePaths(type, now))));
      }
    }, new WalkListener<>() {});

    if (!result.failed().isEmpty()) {
      List<String> problems = new ArrayList<>();
      result.failed().forEach((address, error) ->
          problems.add(address + ": refresh failed: " + Problems.describe(error)));
      throw new PlanException(problems);
    }
    List<Drift> sorted = new ArrayList<>(drift);
    sorted.sort(Comparator.comparing(Drift::address));
    return new RefreshResult(live, gone, recovered, sorted);
  }

  private ResourceType typeOf(ResourceState resource) {
    return types.type(resource.type()).orElseThrow(() -> new PlanException(List.of(
        resource.address() + ": resource type '" + resource.type() + "' recorded in state is "
            + "served by no installed provider; install the provider '" + resource.provider()
            + "' or remove the resource from state with 'provisioner state rm "
            + resource.address() + "'")));
  }

  // Drift concerns the values a user sets; computed attributes (status, timestamps) change on
  // their own and are not drift.
  private static ObjectNode inputsOf(ResourceSchema schema, ObjectNode attributes) {
    ObjectNode inputs = attributes.deepCopy();
    for (FieldSchema field : schema.fields()) {
      if (field.computed()) {
        inputs.remove(field.name());
      }
    }
    return inputs;
  }

  static List<String> unionOf(Collection<String> a, Collection<String> b) {
    java.util.TreeSet<String> union = new java.util.TreeSet<>(a);
    union.addAll(b);
    return new ArrayList<>(union);
  }
}
