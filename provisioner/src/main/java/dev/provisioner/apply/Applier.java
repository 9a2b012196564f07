package dev.provisioner.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.ConfigException;
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
import dev.provisioner.plan.AttributeDiff;
import dev.provisioner.plan.JsonValues;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanAction;
import dev.provisioner.plan.Problems;
import dev.provisioner.plan.ResourceChange;
import dev.provisioner.plan.ResourceValues;
import dev.provisioner.plan.RunContext;
import dev.provisioner.plan.StalePlanException;
import dev.provisioner.plan.TypeLookup;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.Values;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries out a {@link Plan}: walks its steps in dependency order with bounded parallelism, calls
 * the providers, and records state after every single resource.
 *
 * <p>Before a create starts the resource is recorded as {@link ResourceStatus#PENDING_CREATE}
 * with its desired attributes, so that a crash between the cloud creating it and state being
 * saved leaves a trace the next plan resolves with {@link ResourceType#find}. A failed create
 * is looked up at once with {@link ResourceType#find}: found, the provider created it before
 * failing, and it is recorded {@link ResourceStatus#TAINTED}, so the next plan replaces it.
 * Otherwise it stays pending, and the next plan, or destroy, looks it up again: found, it is
 * recorded (or deleted by a destroy); not found, nothing was created and its record is dropped.
 * A failed update is not tainted: its record stays as it was, and the next plan reads the
 * resource back and plans what is still to change, because replacing a resource whose update
 * the API rejected would destroy it for nothing.
 *
 * <p>Desired attributes are evaluated again at apply, when the attributes of the resources
 * created before are known. A value the plan knew must come out the same; any other difference
 * that changes what the plan would do fails the resource with "run plan again".
 */
public final class Applier {

  // How long a finished resource's result may wait for another write to carry it.
  private static final Duration FLUSH_DELAY = Duration.ofMillis(20);
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Applier.class);

  private final TypeLookup types;
  private final RunContext run;
  private final ApplyOptions options;
  private final Consumer<ApplyEvent> events;
  private final ParallelWalker<Step> walker;
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "state-flush");
        thread.setDaemon(true);
        return thread;
      });
  private volatile boolean stopped;

  public Applier(
      TypeLookup types, RunContext run, ApplyOptions options, Consumer<ApplyEvent> events) {
    this.types = types;
    this.run = run;
    this.options = options;
    this.events = events;
    this.walker = new ParallelWalker<>(options.parallelism());
    run.onProgress((address, message) -> events.accept(new ApplyEvent.Progress(address,
        message)));
  }

  /** Starts no new operation; running ones finish and are recorded. Safe from any thread. */
  public void stop() {
    stopped = true;
    walker.stop();
  }

  /** Stops, and tells running provider calls to return early. Safe from any thread. */
  public void stopNow() {
    stop();
    run.cancel();
  }

  /**
   * Applies {@code plan}, made from {@code stack}, to the state in {@code recorder}.
   *
   * @throws StalePlanException when the stack or state is not what the plan was made from
   */
  public ApplyResult apply(Plan plan, Stack stack, StateRecorder recorder) {
    Optional<StateDocument> initial = recorder.current();
    checkNotStale(plan, stack, initial);
    recordRefresh(plan, recorder);

    Map<String, ResourceChange> changes = new HashMap<>();
    plan.changes().forEach(change -> changes.put(change.address(), change));
    Map<ResourceAddress, ResourceConfig> configs = new HashMap<>();
    stack.resources().forEach(config -> configs.put(config.address(), config));
    DependencyGraph<Step> graph = ApplyGraph.build(plan, initial);

    // Provider messages may quote a property's value, which may come from a sensitive variable.
    Set<String> secrets = new TreeSet<>();
    stack.resources().forEach(config -> secrets.addAll(Redaction.secretsOf(config.properties())));
    Counters counters = new Counters();
    Ticker ticker = new Ticker(options.stillRunningInterval(), events, secrets);
    WalkResult<Step> result;
    try {
      result = walker.walk(graph, step -> {
        ResourceChange change = changes.get(step.address());
        if (step.destroy()) {
          destroy(change, recorder, ticker, counters);
        } else {
          applyChange(change, configs.get(ResourceAddress.parse(step.address())), recorder,
              ticker, counters);
        }
      }, new WalkListener<>() {});
    } finally {
      ticker.close();
    }

    try {
      recorder.flush();
    } finally {
      flusher.shutdownNow();
    }
    List<String> errors = new ArrayList<>();
    result.failed().forEach((step, error) ->
        errors.add(step.address() + ": "
            + Redaction.redact(Problems.describe(error), secrets)));
    if (errors.isEmpty() && !stopped) {
      recordOutputs(plan, stack, recorder, errors);
    }
    return new ApplyResult(counters.added.get(), counters.changed.get(),
        counters.destroyed.get(), errors, stopped, recorder.current());
  }

  /**
   * Rejects {@code plan} when {@code stack} or {@code state} is not what it was made from.
   *
   * @throws StalePlanException saying "saved plan is stale" and what moved
   */
  public static void checkNotStale(Plan plan, Stack stack, Optional<StateDocument> state) {
    if (!plan.stackHash().equals(stack.sourceHash())) {
      throw new StalePlanException("saved plan is stale: the stack files changed since the "
          + "plan was made; run plan again");
    }
    Optional<String> lineage = state.map(StateDocument::lineage);
    long serial = state.map(StateDocument::serial).orElse(-1L);
    if (!plan.lineage().equals(lineage) || plan.serial() != serial) {
      throw new StalePlanException("saved plan is stale: it was made from state "
          + plan.lineage().orElse("(none)") + " serial " + plan.serial() + " but the state is "
          + "now " + lineage.orElse("(none)") + " serial " + serial + "; run plan again");
    }
  }

  // Refreshed attributes of unchanged resources are kept, and resources that are gone are
  // forgotten, in one write before anything else happens.
  private void recordRefresh(Plan plan, StateRecorder recorder) {
    Map<String, ResourceState> updated = new LinkedHashMap<>();
    for (ResourceChange change : plan.changes()) {
      if (change.action() instanceof PlanAction.NoOp && change.prior().isPresent()) {
        recorder.resource(change.address()).ifPresent(recorded -> updated.put(change.address(),
            new ResourceState(recorded.address(), recorded.type(), recorded.provider(),
                change.prior().get(), recorded.sensitivePaths(), recorded.dependencies(),
                recorded.status())));
      }
    }
    List<String> gone = new ArrayList<>();
    plan.drift().stream().filter(drift -> drift.gone()).forEach(drift -> gone.add(drift
        .address()));
    for (ResourceChange change : plan.changes()) {
      boolean wasPending = recorder.resource(change.address())
          .map(r -> r.status() == ResourceStatus.PENDING_CREATE).orElse(false);
      if (wasPending && change.action() instanceof PlanAction.Create
          || change.action() instanceof PlanAction.Forget) {
        gone.add(change.address());
      }
    }
    recorder.replaceAll(updated, gone);
  }

  private void applyChange(
      ResourceChange change,
      ResourceConfig config,
      StateRecorder recorder,
      Ticker ticker,
      Counters counters) {
    ResourceType type = typeOf(change);
    ResourceSchema schema = type.schema();
    String address = change.address();
    List<String> dependencies = change.dependencies();

    if (change.action() instanceof PlanAction.Read) {
      ObjectNode found = change.prior().orElseThrow();
      ticker.run(address, Operation.READ, () -> found, this::idOf);
      recordResult(recorder, stateOf(change, type, found, dependencies,
          ResourceStatus.CREATED));
      return;
    }
    if (config == null) {
      throw new IllegalStateException(address + " is planned for " + change.action().name()
          + " but is not in the stack");
    }
    Expressions.AttributeLookup lookup = other -> recorder.resource(other.toString())
        .filter(r -> r.status() != ResourceStatus.PENDING_CREATE)
        .map(ResourceState::attributes);
    ObjectNode desired = ResourceValues.withDefaults(schema,
        (ObjectNode) Expressions.evaluate(config.properties(), lookup));
    boolean creating = change.action() instanceof PlanAction.Create
        || change.action() instanceof PlanAction.Replace;
    Optional<ObjectNode> prior = creating ? Optional.empty() : change.prior();
    for (String path : config.lifecycle().ignoreChanges()) {
      prior.ifPresent(p -> JsonValues.put(desired, path, JsonValues.get(p, path)));
    }
    Optional<ObjectNode> priorExpanded = prior.map(p -> ResourceValues.expandReferences(schema,
        p, other -> lookup.attributes(ResourceAddress.parse(other))));
    OperationContext context = run.forResource(address);
    ObjectNode planned = type.plan(context, desired, priorExpanded.map(ObjectNode::deepCopy));
    ObjectNode plannedReduced = ResourceValues.reduceReferences(schema, planned);
    checkConsistent(change, schema, plannedReduced);
    ObjectNode request = withoutUnknown(planned);

    if (creating) {
      recorder.put(stateOf(change, type, ResourceValues.reduceReferences(schema, request),
          dependencies, ResourceStatus.PENDING_CREATE));
      ObjectNode created;
      try {
        created = ticker.run(address, Operation.CREATE, () -> type.create(context, request),
            this::idOf);
      } catch (RuntimeException e) {
        taintIfCreated(change, schema, type, context, request, recorder);
        throw e;
      }
      recordResult(recorder, stateOf(change, type,
          ResourceValues.reduceReferences(schema, created), dependencies,
          ResourceStatus.CREATED));
      counters.added.incrementAndGet();
      return;
    }
    ObjectNode updated = ticker.run(address, Operation.UPDATE,
        () -> type.update(context, priorExpanded.orElseThrow().deepCopy(), request),
        this::idOf);
    recordResult(recorder, stateOf(change, type,
        ResourceValues.reduceReferences(schema, updated), dependencies,
        ResourceStatus.CREATED));
    counters.changed.incrementAndGet();
  }

  // A create that threw may have made the resource before failing, for example when it timed
  // out waiting for the resource to become ready. Looked up now and found, the resource is
  // recorded TAINTED, so that the next plan replaces it, as Terraform does. Not found, or when
  // the lookup fails too, the record stays pending and the next plan looks it up again, since
  // a resource the API accepted may not be visible yet.
  private void taintIfCreated(
      ResourceChange change,
      ResourceSchema schema,
      ResourceType type,
      OperationContext context,
      ObjectNode request,
      StateRecorder recorder) {
    Optional<ObjectNode> found;
    try {
      found = type.find(context, request.deepCopy());
    } catch (RuntimeException e) {
      log.debug("{}: looking up the failed create failed: {}", change.address(), e.toString());
      return;
    }
    found.ifPresent(resource -> recorder.put(stateOf(change, type,
        ResourceValues.reduceReferences(schema, resource), change.dependencies(),
        ResourceStatus.TAINTED)));
  }

  // The result is staged, so that the pending record of a dependent starting next carries it
  // in the same write; a flush shortly after writes it when nothing else does.
  private void recordResult(StateRecorder recorder, ResourceState result) {
    recorder.stage(result);
    scheduleFlush(recorder);
  }

  private void scheduleFlush(StateRecorder recorder) {
    flusher.schedule(() -> {
      try {
        recorder.flush();
      } catch (RuntimeException e) {
        // The final flush of the apply writes the same changes again and reports the error.
        log.warn("writing state failed; the apply retries when it ends: {}", e.toString());
      }
    }, FLUSH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void destroy(
      ResourceChange change, StateRecorder recorder, Ticker ticker, Counters counters) {
    ResourceType type = typeOf(change);
    ResourceSchema schema = type.schema();
    ObjectNode prior = change.prior().orElseThrow();
    ObjectNode expanded = ResourceValues.expandReferences(schema, prior,
        other -> recorder.resource(other).map(ResourceState::attributes));
    OperationContext context = run.forResource(change.address());
    ticker.run(change.address(), Operation.DELETE, () -> {
      type.delete(context, expanded.deepCopy());
      return prior;
    }, this::idOf);
    // NOTE: with create-before-destroy the address already records the new resource, and the
    // old one lives only in this plan until it is deleted; a crash in between leaves the old
    // resource unrecorded, because state keeps one object per address.
    boolean createdFirst = change.action() instanceof PlanAction.Replace replace
        && replace.createBeforeDestroy();
    if (!createdFirst) {
      recorder.stageRemoval(change.address());
      scheduleFlush(recorder);
    }
    // A replace counts as one added and one destroyed, as Terraform's summary counts it.
    counters.destroyed.incrementAndGet();
  }

  // A saved plan leaves sensitive values out and every plan may have left values unknown, so
  // the values are resolved again here. Known, non-sensitive values must match the plan
  // exactly. Other differences may only touch paths the plan already changes or left unknown.
  // They must not turn an update into a replacement either.
  private static void checkConsistent(
      ResourceChange change, ResourceSchema schema, ObjectNode plannedNow) {
    ObjectNode plannedThen = change.planned().orElseThrow();
    // Sensitive values may sit inside a field (env.API_KEY); they are left out of both sides,
    // so that the rest of the field is still compared.
    ObjectNode thenShown = plannedThen.deepCopy();
    ObjectNode nowShown = plannedNow.deepCopy();
    change.sensitivePaths().forEach(path -> {
      JsonValues.put(thenShown, path, Optional.empty());
      JsonValues.put(nowShown, path, Optional.empty());
    });
    List<String> problems = new ArrayList<>();
    thenShown.fields().forEachRemaining(field -> {
      JsonNode then = field.getValue();
      String path = field.getKey();
      if (Values.containsUnknown(then) || ResourceValues.isSensitive(path,
          change.sensitivePaths()) || then.isNull()) {
        return;
      }
      if (!JsonValues.same(then, nowShown.get(path))) {
        problems.add("'" + path + "'");
      }
    });
    if (!problems.isEmpty()) {
      throw new StalePlanException("planned value of " + String.join(", ",
          problems) + " differs from the value resolved now; run plan again");
    }
    if (change.prior().isEmpty() || change.action() instanceof PlanAction.Replace) {
      return;
    }
    AttributeDiff diff = AttributeDiff.compute(schema, change.prior().get(), plannedNow);
    List<String> allowed = new ArrayList<>(JsonValues.unknownPaths(plannedThen, ""));
    if (change.action() instanceof PlanAction.Update update) {
      allowed.addAll(update.changed());
    }
    List<String> unexpected = diff.changed().stream()
        .filter(path -> allowed.stream().noneMatch(a -> path.equals(a)
            || path.startsWith(a + ".")))
        .toList();
    if (diff.requiresReplace() || !unexpected.isEmpty()) {
      throw new StalePlanException("values resolved now change "
          + String.join(", ", diff.requiresReplace() ? diff.forcingReplacement() : unexpected)
          + ", which the plan did not; run plan again");
    }
  }

  /**
   * Returns {@code planned} without the values still unknown at apply: computed attributes only
   * the provider can fill. An unknown nested in an object is removed where it sits, so its
   * siblings are still sent (a network's subnets keep their prefixes while their ids are
   * unknown). A list with an unknown item is left out whole, because removing the item would
   * shift the others.
   */
  static ObjectNode withoutUnknown(ObjectNode planned) {
    ObjectNode result = planned.deepCopy();
    removeUnknown(result);
    return result;
  }

  private static void removeUnknown(ObjectNode object) {
    List<String> unknown = new ArrayList<>();
    object.fields().forEachRemaining(field -> {
      JsonNode value = field.getValue();
      if (value instanceof ObjectNode nested && !Values.isUnknown(value)) {
        removeUnknown(nested);
      } else if (Values.containsUnknown(value)) {
        unknown.add(field.getKey());
      }
    });
    unknown.forEach(object::remove);
  }

  private ResourceState stateOf(
      ResourceChange change,
      ResourceType type,
      ObjectNode attributes,
      List<String> dependencies,
      ResourceStatus status) {
    List<String> sensitive = new ArrayList<>(ResourceValues.sensitivePaths(type, attributes));
    for (String path : change.sensitivePaths()) {
      if (!sensitive.contains(path) && JsonValues.get(attributes, path).isPresent()) {
        sensitive.add(path);
      }
    }
    Collections.sort(sensitive);
    return new ResourceState(change.address(), change.type(), change.provider(), attributes,
        sensitive, dependencies, status);
  }

  private Optional<String> idOf(ObjectNode attributes) {
    JsonNode id = attributes.get("id");
    return id != null && id.isValueNode() && !id.isNull() ? Optional.of(id.asText())
        : Optional.empty();
  }

  private ResourceType typeOf(ResourceChange change) {
    return types.type(change.type()).orElseThrow(() -> new IllegalStateException(
        change.address() + ": no installed provider serves resource type '" + change.type()
            + "'"));
  }

  private void recordOutputs(Plan plan, Stack stack, StateRecorder recorder, List<String> errors) {
    Map<String, OutputState> outputs = new LinkedHashMap<>(recorder.current()
        .map(StateDocument::outputs).orElse(Map.of()));
    if (plan.destroy()) {
      outputs.clear();
      recorder.outputs(outputs);
      return;
    }
    Expressions.AttributeLookup lookup = address -> recorder.resource(address.toString())
        .map(ResourceState::attributes);
    for (dev.provisioner.plan.OutputChange change : plan.outputs()) {
      if (change.action().equals("delete")) {
        outputs.remove(change.name());
      }
    }
    for (OutputConfig output : stack.outputs()) {
      boolean planned = plan.outputs().stream().anyMatch(o -> o.name().equals(output.name()));
      if (!planned) {
        continue;
      }
      try {
        JsonNode value = Expressions.evaluate(output.value(), lookup);
        boolean sensitive = plan.outputs().stream()
            .filter(o -> o.name().equals(output.name())).anyMatch(o -> o.sensitive());
        if (!Values.containsUnknown(value)) {
          outputs.put(output.name(), new OutputState(value, sensitive));
        }
      } catch (ConfigException e) {
        errors.add("output " + output.name() + ": " + e.getMessage());
      }
    }
    recorder.outputs(outputs);
  }

  private static final class Counters {
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger changed = new AtomicInteger();
    final AtomicInteger destroyed = new AtomicInteger();
  }

  /**
   * Times operations, sends their start, final and failure events, and every interval a
   * "still running" event for each one that runs.
   */
  static final class Ticker implements AutoCloseable {
    private final Consumer<ApplyEvent> events;
    private final Set<String> secrets;
    private final Map<Object, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    private record Running(String address, Operation operation, long startNanos) {}

    Ticker(Duration interval, Consumer<ApplyEvent> events, Set<String> secrets) {
      this.events = events;
      this.secrets = secrets;
      this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "apply-progress");
        thread.setDaemon(true);
        return thread;
      });
      long millis = Math.max(1, interval.toMillis());
      scheduler.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    <T> T run(
        String address,
        Operation operation,
        java.util.function.Supplier<T> call,
        java.util.function.Function<T, Optional<String>> idOf) {
      Object key = new Object();
      long start = System.nanoTime();
      events.accept(new ApplyEvent.Started(address, operation));
      running.put(key, new Running(address, operation, start));
      try {
        T result = call.get();
        running.remove(key);
        events.accept(new ApplyEvent.Completed(address, operation, idOf.apply(result),
            elapsedSince(start)));
        return result;
      } catch (RuntimeException e) {
        running.remove(key);
        events.accept(new ApplyEvent.Failed(address, operation,
            Redaction.redact(Problems.describe(e), secrets), elapsedSince(start)));
        throw e;
      }
    }

    private void tick() {
      for (Running operation : running.values()) {
        Duration elapsed = elapsedSince(operation.startNanos());
        events.accept(new ApplyEvent.StillRunning(operation.address(), operation.operation(),
            Duration.ofSeconds(Math.round(elapsed.toMillis() / 1000.0))));
      }
    }

    private static Duration elapsedSince(long startNanos) {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
      scheduler.shutdownNow();
    }
  }
}
