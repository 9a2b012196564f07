package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ConfigException;
import dev.provisioner.config.Expr;
import dev.provisioner.config.Expressions;
import dev.provisioner.config.OutputConfig;
import dev.provisioner.config.Redaction;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.Stack;
import dev.provisioner.graph.DependencyGraph;
import dev.provisioner.graph.ParallelWalker;
import dev.provisioner.graph.WalkListener;
import dev.provisioner.graph.WalkResult;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares a stack with its refreshed state and returns the {@link Plan}.
 *
 * <p>For each resource, in dependency order: the desired attributes are its evaluated properties
 * plus schema defaults, with {@code lifecycle.ignoreChanges} paths taken from the prior
 * attributes; the planned attributes are what {@link ResourceType#plan} returns for them; the
 * {@link AttributeDiff} of planned against prior decides between create, update, replace and
 * no-op. Recorded resources the stack no longer declares are deleted.
 */
public final class Planner {

  private final TypeLookup types;
  private final RunContext run;

  public Planner(TypeLookup types, RunContext run) {
    this.types = types;
    this.run = run;
  }

  /**
   * Plans {@code stack} against {@code state}.
   *
   * @throws PlanException listing every problem found: failed refreshes and provider plans,
   *     unknown targets, lifecycle rules the plan would break
   * @throws dev.provisioner.graph.CycleException when the stack's references form a cycle
   */
  public Plan plan(Stack stack, Optional<StateDocument> state, PlanOptions options) {
    Map<ResourceAddress, ResourceConfig> configs = new LinkedHashMap<>();
    stack.resources().forEach(r -> configs.put(r.address(), r));
    DependencyGraph<ResourceAddress> graph = graphOf(stack);
    List<ResourceAddress> order = graph.topologicalOrder();
    Map<String, ResourceState> recorded = new LinkedHashMap<>();
    state.ifPresent(s -> s.resources().forEach(r -> recorded.put(r.address(), r)));

    List<String> warnings = new ArrayList<>();
    Scope scope = scopeOf(options, graph, configs, recorded, warnings);

    RefreshResult refreshed = state.isEmpty()
        ? new RefreshResult(Map.of(), Set.of(), Set.of(), List.of())
        : new Refresher(types, run).refresh(state.get(), scope.recorded(), options.refresh(),
            options.parallelism());

    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    Map<String, ResourceChange> changes = new ConcurrentHashMap<>();
    Map<String, ObjectNode> after = new ConcurrentHashMap<>();
    if (options.destroy()) {
      planDestroy(recorded, refreshed, scope, configs, changes, problems);
    } else {
      planStack(graph, configs, recorded, refreshed, scope, options, changes, after, problems);
      planOrphans(recorded, refreshed, scope, configs, changes);
    }

    List<OutputChange> outputs = options.destroy()
        ? destroyedOutputs(state)
        : planOutputs(stack, state, after, refreshed, scope, changes, problems);
    if (!problems.isEmpty()) {
      List<String> sorted = new ArrayList<>(problems);
      Collections.sort(sorted);
      throw new PlanException(sorted);
    }

    return new Plan(
        stack.name(),
        stack.sourceHash(),
        state.map(StateDocument::lineage),
        state.map(StateDocument::serial).orElse(-1L),
        options.destroy(),
        ordered(changes, order, recorded, options.destroy()),
        refreshed.drift(),
        outputs,
        options.targets().stream().map(ResourceAddress::toString).sorted().toList(),
        warnings);
  }

  /** Returns the dependency graph of the stack's resources. */
  public static DependencyGraph<ResourceAddress> graphOf(Stack stack) {
    DependencyGraph<ResourceAddress> graph = new DependencyGraph<>();
    for (ResourceConfig resource : stack.resources()) {
      graph.addNode(resource.address());
      for (ResourceAddress dependency : resource.dependencies()) {
        graph.addDependency(resource.address(), dependency);
      }
    }
    return graph;
  }

  /**
   * The resources a plan covers.
   *
   * @param stack stack resources in scope
   * @param recorded addresses of recorded resources in scope
   */
  private record Scope(Set<ResourceAddress> stack, Set<String> recorded) {}

  private Scope scopeOf(
      PlanOptions options,
      DependencyGraph<ResourceAddress> graph,
      Map<ResourceAddress, ResourceConfig> configs,
      Map<String, ResourceState> recorded,
      List<String> warnings) {
    if (options.targets().isEmpty()) {
      return new Scope(configs.keySet(), recorded.keySet());
    }
    List<String> unknown = new ArrayList<>();
    for (ResourceAddress target : options.targets()) {
      if (!configs.containsKey(target) && !recorded.containsKey(target.toString())) {
        unknown.add("--target " + target + ": no resource at this address in the stack or in "
            + "state; check the address with 'provisioner state list'");
      }
    }
    if (!unknown.isEmpty()) {
      throw new PlanException(unknown);
    }
    warnings.add("Resource targeting is in effect: this plan covers only "
        + options.targets().stream().map(ResourceAddress::toString).sorted().toList()
        + (options.destroy() ? " and what depends on them" : " and their dependencies")
        + ", so it may not show every change the stack needs. Use --target for exceptional "
        + "situations only, and run a full plan afterwards.");
    if (options.destroy()) {
      return destroyScope(options.targets(), configs, recorded);
    }
    Set<ResourceAddress> stackScope = graph.closure(options.targets().stream()
        .filter(configs::containsKey).collect(java.util.stream.Collectors.toSet()));
    Set<String> recordedScope = new LinkedHashSet<>();
    for (String address : recorded.keySet()) {
      ResourceAddress parsed = ResourceAddress.parse(address);
      if (stackScope.contains(parsed) || options.targets().contains(parsed)) {
        recordedScope.add(address);
      }
    }
    return new Scope(stackScope, recordedScope);
  }

  // A targeted destroy deletes the targets and everything that depends on them, directly or not,
  // by the dependencies the stack declares or state recorded.
  private static Scope destroyScope(
      Set<ResourceAddress> targets,
      Map<ResourceAddress, ResourceConfig> configs,
      Map<String, ResourceState> recorded) {
    DependencyGraph<String> dependents = new DependencyGraph<>();
    recorded.values().forEach(r -> r.dependencies()
        .forEach(dependency -> dependents.addDependency(dependency, r.address())));
    configs.values().forEach(r -> r.dependencies()
        .forEach(dependency -> dependents.addDependency(dependency.toString(),
            r.address().toString())));
    Set<String> closure = dependents.closure(targets.stream().map(ResourceAddress::toString)
        .collect(java.util.stream.Collectors.toSet()));
    Set<String> recordedScope = new LinkedHashSet<>();
    recorded.keySet().stream().filter(closure::contains).forEach(recordedScope::add);
    return new Scope(Set.of(), recordedScope);
  }

  private void planStack(
      DependencyGraph<ResourceAddress> graph,
      Map<ResourceAddress, ResourceConfig> configs,
      Map<String, ResourceState> recorded,
      RefreshResult refreshed,
      Scope scope,
      PlanOptions options,
      Map<String, ResourceChange> changes,
      Map<String, ObjectNode> after,
      List<String> problems) {
    DependencyGraph<ResourceAddress> inScope = graph.subgraph(scope.stack());
    Map<String, List<String>> sensitiveByAddress = new ConcurrentHashMap<>();
    // A resource that fails to plan must not stop the others: the walk goes on, so that every
    // error is reported at once, and only what depends on a failed resource is left out. The
    // walker stops at the first visit that throws, so a visit records its error instead.
    Map<ResourceAddress, ResourceAddress> notPlanned = new ConcurrentHashMap<>();
    WalkResult<ResourceAddress> result = new ParallelWalker<ResourceAddress>(
        options.parallelism()).walk(inScope, address -> {
          ResourceConfig config = configs.get(address);
          // Dependencies finish before their dependents start, so a failure anywhere upstream
          // is already recorded at a direct dependency.
          Optional<ResourceAddress> failedDependency = config.dependencies().stream()
              .filter(notPlanned::containsKey).findFirst();
          if (failedDependency.isPresent()) {
            ResourceAddress cause = notPlanned.get(failedDependency.get());
            notPlanned.put(address, cause);
            problems.add(address + ": not planned because " + cause + ", which it depends on, "
                + "failed to plan");
            return;
          }
          try {
            ResourceChange change = planResource(config, recorded, refreshed, after,
                sensitiveByAddress);
            changes.put(address.toString(), change);
            sensitiveByAddress.put(address.toString(), change.sensitivePaths());
            checkLifecycle(config, change, problems);
          } catch (RuntimeException e) {
            notPlanned.put(address, address);
            problems.add(address + ": " + Problems.describe(e));
          }
        }, new WalkListener<>() {});
    // Provider messages may quote a property's value, which may come from a sensitive variable.
    result.failed().forEach((address, error) -> problems.add(address + ": "
        + Redaction.redact(Problems.describe(error),
            Redaction.secretsOf(configs.get(address).properties()))));
    if (!result.failed().isEmpty()) {
      result.skipped().forEach(address -> problems.add(address
          + ": not planned because planning stopped after an error"));
    }
  }

  private ResourceChange planResource(
      ResourceConfig config,
      Map<String, ResourceState> recorded,
      RefreshResult refreshed,
      Map<String, ObjectNode> after,
      Map<String, List<String>> sensitiveByAddress) {
    String address = config.address().toString();
    ResourceType type = types.type(config.type()).orElseThrow(() -> new PlanException(List.of(
        address + ": no installed provider serves resource type '" + config.type() + "'")));
    ResourceSchema schema = type.schema();
    Expressions.AttributeLookup lookup = lookupOf(after, refreshed, recorded);

    ObjectNode desired = ResourceValues.withDefaults(schema,
        (ObjectNode) Expressions.evaluate(config.properties(), lookup));
    Optional<ObjectNode> prior = priorOf(address, recorded, refreshed);
    for (String path : config.lifecycle().ignoreChanges()) {
      prior.ifPresent(p -> JsonValues.put(desired, path, JsonValues.get(p, path)));
    }
    Optional<ObjectNode> priorExpanded = prior.map(p -> ResourceValues.expandReferences(schema,
        p, other -> lookup.attributes(ResourceAddress.parse(other))));

    ObjectNode planned = ResourceValues.reduceReferences(schema,
        type.plan(run.forResource(address), desired, priorExpanded.map(ObjectNode::deepCopy)));
    List<String> sensitive = Refresher.unionOf(
        ResourceValues.sensitivePaths(type, ResourceValues.withUnknownComputed(schema,
            planned)),
        prior.map(p -> ResourceValues.sensitivePaths(type, p)).orElse(List.of()));
    sensitive = Refresher.unionOf(sensitive,
        SensitiveReferences.paths(config.properties(), sensitiveByAddress));
    List<String> dependencies = config.dependencies().stream().map(ResourceAddress::toString)
        .toList();
    boolean recovered = refreshed.recovered().contains(address);

    if (prior.isEmpty()) {
      ObjectNode created = ResourceValues.withUnknownComputed(schema, planned);
      after.put(address, ResourceValues.withUnknownComputed(schema, desiredOverlay(desired,
          planned)));
      return new ResourceChange(address, config.type(), TypeLookup.providerOf(config.type()),
          new PlanAction.Create(), Optional.empty(), Optional.of(created), sensitive,
          dependencies, false);
    }
    AttributeDiff diff = AttributeDiff.compute(schema, prior.get(), planned);
    boolean tainted = recorded.containsKey(address)
        && recorded.get(address).status() == ResourceStatus.TAINTED;
    PlanAction action;
    ObjectNode plannedShown = planned;
    if (tainted || diff.requiresReplace()) {
      action = new PlanAction.Replace(diff.changed(),
          tainted ? List.of("tainted") : diff.forcingReplacement(),
          config.lifecycle().createBeforeDestroy());
      plannedShown = ResourceValues.withUnknownComputed(schema, planned);
      after.put(address, ResourceValues.withUnknownComputed(schema, desiredOverlay(desired,
          planned)));
    } else {
      if (diff.hasChanges()) {
        action = new PlanAction.Update(diff.changed());
      } else if (recovered) {
        action = new PlanAction.Read();
      } else {
        action = new PlanAction.NoOp();
      }
      if (action instanceof PlanAction.Update) {
        ObjectNode merged = priorExpanded.get().deepCopy();
        merged.setAll(desiredOverlay(desired, planned));
        after.put(address, merged);
      } else {
        // Nothing changes, so references to this resource see what exists.
        after.put(address, priorExpanded.get());
      }
    }
    return new ResourceChange(address, config.type(), TypeLookup.providerOf(config.type()),
        action, prior, Optional.of(plannedShown), sensitive, dependencies, recovered);
  }

  // The planned attributes with whole-resource references expanded as the desired value had
  // them, so that references to this resource see full values.
  private static ObjectNode desiredOverlay(ObjectNode desired, ObjectNode planned) {
    ObjectNode result = planned.deepCopy();
    desired.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      if (value.isObject() && value.has("address") && result.has(field.getKey())) {
        result.set(field.getKey(), value);
      }
    });
    return result;
  }

  private static Optional<ObjectNode> priorOf(
      String address, Map<String, ResourceState> recorded, RefreshResult refreshed) {
    if (refreshed.gone().contains(address)) {
      return Optional.empty();
    }
    ObjectNode live = refreshed.live().get(address);
    if (live != null) {
      return Optional.of(live);
    }
    ResourceState state = recorded.get(address);
    if (state == null || state.status() == ResourceStatus.PENDING_CREATE) {
      return Optional.empty();
    }
    return Optional.of(state.attributes());
  }

  // Resources planned in this run resolve to their planned attributes; resources outside a
  // targeted plan resolve to their refreshed or recorded attributes.
  private static Expressions.AttributeLookup lookupOf(
      Map<String, ObjectNode> after,
      RefreshResult refreshed,
      Map<String, ResourceState> recorded) {
    return address -> {
      String key = address.toString();
      ObjectNode planned = after.get(key);
      if (planned != null) {
        return Optional.of(planned);
      }
      return priorOf(key, recorded, refreshed);
    };
  }

  private static void checkLifecycle(
      ResourceConfig config, ResourceChange change, List<String> problems) {
    if (!config.lifecycle().preventDestroy()) {
      return;
    }
    if (change.action() instanceof PlanAction.Replace replace) {
      problems.add(config.address() + ": lifecycle.preventDestroy is set but this plan would "
          + "replace it (forced by " + String.join(", ", replace.forcedBy()) + "); undo the "
          + "change to " + String.join(", ", replace.forcedBy()) + " or remove preventDestroy "
          + "at " + config.position());
    }
  }

  private static void planDestroy(
      Map<String, ResourceState> recorded,
      RefreshResult refreshed,
      Scope scope,
      Map<ResourceAddress, ResourceConfig> configs,
      Map<String, ResourceChange> changes,
      List<String> problems) {
    for (ResourceState resource : recorded.values()) {
      String address = resource.address();
      if (!scope.recorded().contains(address)) {
        continue;
      }
      if (refreshed.gone().contains(address)) {
        forgetIfNeverCreated(resource, changes);
        continue;
      }
      ResourceConfig config = configs.get(ResourceAddress.parse(address));
      if (config != null && config.lifecycle().preventDestroy()) {
        problems.add(address + ": lifecycle.preventDestroy is set, so it cannot be destroyed; "
            + "remove preventDestroy at " + config.position() + " first, or leave it out with "
            + "--target");
      }
      changes.put(address, deleteOf(resource, refreshed, "destroy"));
    }
  }

  private static void planOrphans(
      Map<String, ResourceState> recorded,
      RefreshResult refreshed,
      Scope scope,
      Map<ResourceAddress, ResourceConfig> configs,
      Map<String, ResourceChange> changes) {
    for (ResourceState resource : recorded.values()) {
      String address = resource.address();
      if (configs.containsKey(ResourceAddress.parse(address))
          || !scope.recorded().contains(address)) {
        continue;
      }
      if (refreshed.gone().contains(address)) {
        forgetIfNeverCreated(resource, changes);
        continue;
      }
      changes.put(address, deleteOf(resource, refreshed, "not in the stack any more"));
    }
  }

  // A pending create that find() did not find was never created: its record is dropped, so
  // that no record outlives a destroy or the removal of its resource from the stack. A created
  // resource that is gone is drift, which the refresh already reports and apply removes from
  // state.
  private static void forgetIfNeverCreated(
      ResourceState resource, Map<String, ResourceChange> changes) {
    if (resource.status() != ResourceStatus.PENDING_CREATE) {
      return;
    }
    changes.put(resource.address(), new ResourceChange(resource.address(), resource.type(),
        resource.provider(), new PlanAction.Forget(), Optional.of(resource.attributes()),
        Optional.empty(), resource.sensitivePaths(), resource.dependencies(), false));
  }

  private static ResourceChange deleteOf(
      ResourceState resource, RefreshResult refreshed, String reason) {
    ObjectNode prior = Optional.ofNullable(refreshed.live().get(resource.address()))
        .orElse(resource.attributes());
    return new ResourceChange(resource.address(), resource.type(), resource.provider(),
        new PlanAction.Delete(reason), Optional.of(prior), Optional.empty(),
        resource.sensitivePaths(), resource.dependencies(), false);
  }

  private List<OutputChange> planOutputs(
      Stack stack,
      Optional<StateDocument> state,
      Map<String, ObjectNode> after,
      RefreshResult refreshed,
      Scope scope,
      Map<String, ResourceChange> changes,
      List<String> problems) {
    Map<String, OutputState> before = state.map(StateDocument::outputs).orElse(Map.of());
    Map<String, ResourceState> recorded = new HashMap<>();
    state.ifPresent(s -> s.resources().forEach(r -> recorded.put(r.address(), r)));
    Expressions.AttributeLookup lookup = lookupOf(after, refreshed, recorded);
    Map<String, List<String>> sensitiveByAddress = new HashMap<>();
    changes.forEach((address, change) -> sensitiveByAddress.put(address, change.sensitivePaths()));

    List<OutputChange> result = new ArrayList<>();
    Set<String> declared = new TreeSet<>();
    for (OutputConfig output : stack.outputs()) {
      declared.add(output.name());
      List<ResourceAddress> referenced = new ArrayList<>();
      Expressions.collectReferences(output.value(), referenced);
      if (!scope.stack().containsAll(referenced)) {
        continue;
      }
      JsonNode value;
      try {
        value = Expressions.evaluate(output.value(), lookup);
      } catch (ConfigException e) {
        problems.add("output " + output.name() + ": " + e.getMessage());
        continue;
      }
      boolean sensitive = output.sensitive()
          || !SensitiveReferences.paths(wrap(output.value()), sensitiveByAddress).isEmpty();
      Optional<JsonNode> previous = Optional.ofNullable(before.get(output.name()))
          .map(OutputState::value);
      String action = previous.isEmpty() ? "create"
          : JsonValues.same(previous.get(), value) ? "no-op" : "update";
      result.add(new OutputChange(output.name(), action, previous, Optional.of(value),
          sensitive));
    }
    if (scope.stack().size() == stack.resources().size()) {
      new TreeSet<>(before.keySet()).stream().filter(name -> !declared.contains(name))
          .forEach(name -> result.add(new OutputChange(name, "delete",
              Optional.of(before.get(name).value()), Optional.empty(),
              before.get(name).sensitive())));
    }
    return result;
  }

  private static Expr.ObjectExpr wrap(Expr value) {
    return new Expr.ObjectExpr(Map.of("value", value), value.position());
  }

  private static List<OutputChange> destroyedOutputs(Optional<StateDocument> state) {
    List<OutputChange> result = new ArrayList<>();
    state.ifPresent(s -> new TreeSet<>(s.outputs().keySet()).forEach(name -> result.add(
        new OutputChange(name, "delete", Optional.of(s.outputs().get(name).value()),
            Optional.empty(), s.outputs().get(name).sensitive()))));
    return result;
  }

  private static List<ResourceChange> ordered(
      Map<String, ResourceChange> changes,
      List<ResourceAddress> order,
      Map<String, ResourceState> recorded,
      boolean destroy) {
    List<ResourceChange> result = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    for (ResourceAddress address : order) {
      ResourceChange change = changes.get(address.toString());
      if (change != null && placed.add(address.toString())) {
        result.add(change);
      }
    }
    new TreeSet<>(changes.keySet()).stream().filter(placed::add)
        .forEach(address -> result.add(changes.get(address)));
    if (destroy) {
      Collections.reverse(result);
    }
    return result;
  }
}
