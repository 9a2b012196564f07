package dev.provisioner.testprovider;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provisioner.apply.Applier;
import dev.provisioner.apply.ApplyEvent;
import dev.provisioner.apply.ApplyOptions;
import dev.provisioner.apply.ApplyResult;
import dev.provisioner.apply.StateRecorder;
import dev.provisioner.config.Stack;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanOptions;
import dev.provisioner.plan.Planner;
import dev.provisioner.plan.RunContext;
import dev.provisioner.plan.TypeLookup;
import dev.provisioner.provider.ResourceType;
import dev.provisioner.provider.RunSettings;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.StateDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans and applies programmatic stacks with the test provider against a state file in a
 * folder, the way the CLI does but without it.
 */
public final class Engine {

  private final Path folder;
  private final LocalBackend backend;
  private final TypeLookup types;
  public final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());

  public Engine(Path folder) {
    this.folder = folder;
    this.backend = new LocalBackend(folder.resolve(".provisioner/test.state.json"));
    ThingType thing = new ThingType();
    this.types = name -> name.equals(ThingType.TYPE) ? Optional.<ResourceType>of(thing)
        : Optional.empty();
  }

  public TypeLookup types() {
    return types;
  }

  public LocalBackend backend() {
    return backend;
  }

  public Optional<StateDocument> state() {
    return backend.read();
  }

  public RunContext runContext() {
    RunSettings settings = new RunSettings("test", folder, folder.resolve(".provisioner"),
        JsonNodeFactory.instance.objectNode(), Map.of(), Optional.empty(), Map.of());
    return new RunContext(settings, Duration.ofMinutes(1));
  }

  public Plan plan(Stack stack) {
    return plan(stack, PlanOptions.DEFAULT);
  }

  public Plan plan(Stack stack, PlanOptions options) {
    try (RunContext run = runContext()) {
      return new Planner(types, run).plan(stack, state(), options);
    }
  }

  public ApplyResult apply(Plan plan, Stack stack) {
    try (RunContext run = runContext()) {
      Applier applier = new Applier(types, run,
          new ApplyOptions(4, Duration.ofMillis(100)), events::add);
      return applier.apply(plan, stack, new StateRecorder(backend, state()));
    }
  }

  /** Plans and applies, returning the result. */
  public ApplyResult planAndApply(Stack stack) {
    return apply(plan(stack), stack);
  }

  public Path remote() {
    return folder.resolve("remote");
  }

  /** Creates a control file in the remote folder. */
  public void control(String name, String content) {
    try {
      Files.createDirectories(remote());
      Files.writeString(remote().resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void removeControl(String name) {
    try {
      Files.deleteIfExists(remote().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the calls logged so far, one "operation name" per entry. */
  public List<String> calls() {
    try {
      Path log = remote().resolve("calls.log");
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void clearCalls() {
    removeControl("calls.log");
  }
}
