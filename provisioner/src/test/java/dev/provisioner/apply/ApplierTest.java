package dev.provisioner.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.config.Lifecycle;
import dev.provisioner.config.Stack;
import dev.provisioner.plan.Plan;
import dev.provisioner.plan.PlanFile;
import dev.provisioner.plan.PlanVariables;
import dev.provisioner.plan.PlanOptions;
import dev.provisioner.plan.StalePlanException;
import dev.provisioner.provider.Values;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import dev.provisioner.testprovider.Engine;
import dev.provisioner.testprovider.StackBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {

  @TempDir Path folder;
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = new Engine(folder);
  }

  private Stack chain() {
    return new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"password\": \"p1\"}")
        .thing("b", "{\"name\": \"b\", \"parent\": \"${a}\"}")
        .thing("c", "{\"name\": \"c\", \"note\": \"${b.id}\"}")
        .output("bEndpoint", "\"${b.endpoint}\"", false)
        .output("aToken", "\"${a.token}\"", false)
        .build();
  }

  @Test
  void applyRecordsEveryResourceAndOutputs() {
    ApplyResult result = engine.planAndApply(chain());

    assertTrue(result.isSuccess(), result.errors().toString());
    StateDocument state = engine.state().orElseThrow();
    assertEquals(3, state.resources().size());
    ResourceState c = state.resource("c").orElseThrow();
    assertEquals(state.resource("b").orElseThrow().attributes().get("id"),
        c.attributes().get("note"));
    assertEquals(List.of("b"), c.dependencies());
    assertEquals("https://b.things.test", state.outputs().get("bEndpoint").value().asText());
    assertTrue(state.outputs().get("aToken").sensitive());
  }

  @Test
  void serialIncrementsByOneForEveryWrite() throws Exception {
    engine.planAndApply(chain());

    StateDocument state = engine.state().orElseThrow();
    StateDocument previous = new dev.provisioner.state.StateCodec().decode(
        Files.readAllBytes(engine.backend().backupFile()), "backup");
    assertTrue(state.serial() > 2, "serial " + state.serial());
    assertEquals(state.serial() - 1, previous.serial());
    assertEquals(state.lineage(), previous.lineage());
  }

  @Test
  void sensitiveAttributesAreListedInState() {
    engine.planAndApply(chain());

    ResourceState a = engine.state().orElseThrow().resource("a").orElseThrow();
    assertEquals(List.of("password", "token"), a.sensitivePaths());
  }

  @Test
  void failureHalfWayRecordsExactlyWhatSucceeded() {
    engine.control("fail-create-b", "");

    ApplyResult failed = engine.planAndApply(chain());

    assertFalse(failed.isSuccess());
    assertEquals(1, failed.errors().size());
    assertTrue(failed.errors().get(0).startsWith("b: InjectedFailure: "), failed.errors().get(0));
    StateDocument state = engine.state().orElseThrow();
    assertEquals(ResourceStatus.CREATED, state.resource("a").orElseThrow().status());
    assertEquals(ResourceStatus.PENDING_CREATE, state.resource("b").orElseThrow().status());
    assertTrue(state.resource("c").isEmpty());

    engine.removeControl("fail-create-b");
    ApplyResult finished = engine.planAndApply(chain());

    assertTrue(finished.isSuccess(), finished.errors().toString());
    assertEquals(2, finished.added());
    assertEquals(3, engine.state().orElseThrow().resources().size());
  }

  @Test
  void eventsHaveStartAndFinalLinePerResource() {
    engine.planAndApply(chain());

    List<ApplyEvent> forB = engine.events.stream().filter(e -> e.address().equals("b")).toList();
    assertTrue(forB.get(0) instanceof ApplyEvent.Started);
    ApplyEvent.Completed done = (ApplyEvent.Completed) forB.get(forB.size() - 1);
    assertEquals(Operation.CREATE, done.operation());
    assertTrue(done.id().orElseThrow().startsWith("thing-"));
  }

  @Test
  void slowOperationReportsStillRunning() {
    engine.control("sleep-a", "450");

    engine.planAndApply(chain());

    assertTrue(engine.events.stream().anyMatch(e -> e instanceof ApplyEvent.StillRunning
        && e.address().equals("a")), engine.events.toString());
  }

  @Test
  void replaceDeletesBeforeCreating() {
    engine.planAndApply(chain());
    engine.clearCalls();
    Stack renamed = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"password\": \"p1\"}")
        .thing("b", "{\"name\": \"b2\", \"parent\": \"${a}\"}")
        .thing("c", "{\"name\": \"c\", \"note\": \"${b.id}\"}")
        .build();

    ApplyResult result = engine.planAndApply(renamed);

    assertTrue(result.isSuccess(), result.errors().toString());
    List<String> calls = engine.calls().stream().filter(c -> !c.startsWith("read")
        && !c.startsWith("plan")).toList();
    assertEquals(List.of("delete b", "create b2", "update c"), calls);
  }

  @Test
  void createBeforeDestroyCreatesFirst() {
    Lifecycle cbd = new Lifecycle(false, List.of(), true);
    engine.planAndApply(new StackBuilder(folder).thing("a", "{\"name\": \"a\"}", cbd, List.of())
        .build());
    engine.clearCalls();

    engine.planAndApply(new StackBuilder(folder).thing("a", "{\"name\": \"a2\"}", cbd, List.of())
        .build());

    List<String> calls = engine.calls().stream().filter(c -> !c.startsWith("read")
        && !c.startsWith("plan")).toList();
    assertEquals(List.of("create a2", "delete a"), calls);
    assertEquals("a2", engine.state().orElseThrow().resource("a").orElseThrow().attributes()
        .get("name").asText());
  }

  @Test
  void destroyDeletesInReverseOrderAndEmptiesState() {
    Stack stack = chain();
    engine.planAndApply(stack);
    engine.clearCalls();

    Plan plan = engine.plan(stack, new PlanOptions(true, true, Set.of(), 4));
    ApplyResult result = engine.apply(plan, stack);

    assertTrue(result.isSuccess(), result.errors().toString());
    List<String> deletes = engine.calls().stream().filter(c -> c.startsWith("delete")).toList();
    assertEquals(List.of("delete c", "delete b", "delete a"), deletes);
    assertTrue(engine.state().orElseThrow().resources().isEmpty());
    assertTrue(engine.state().orElseThrow().outputs().isEmpty());
  }

  @Test
  void planIsStaleWhenStateMoved() {
    Stack stack = chain();
    Plan plan = engine.plan(stack);
    engine.apply(engine.plan(stack), stack);

    StalePlanException error =
        assertThrows(StalePlanException.class, () -> engine.apply(plan, stack));

    assertTrue(error.getMessage().startsWith("saved plan is stale"), error.getMessage());
  }

  @Test
  void planIsStaleWhenStackChanged() {
    Plan plan = engine.plan(chain());
    Stack edited = new StackBuilder(folder).thing("a", "{\"name\": \"a\"}").hash("hash-2")
        .build();

    assertThrows(StalePlanException.class, () -> engine.apply(plan, edited));
  }

  @Test
  void savedPlanRoundTripsAndApplies() throws Exception {
    Stack stack = chain();
    engine.planAndApply(stack);
    Stack changed = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"password\": \"p2\"}")
        .thing("b", "{\"name\": \"b\", \"parent\": \"${a}\"}")
        .thing("c", "{\"name\": \"c\", \"note\": \"${b.id}\"}")
        .output("bEndpoint", "\"${b.endpoint}\"", false)
        .output("aToken", "\"${a.token}\"", false)
        .build();
    Path file = folder.resolve("saved.plan");
    new PlanFile(engine.plan(changed), stack.file(), PlanVariables.of(Map.of())).write(file);
    String text = Files.readString(file);
    assertFalse(text.contains("p2"), text);
    assertFalse(text.contains("p1"), text);

    PlanFile saved = PlanFile.read(file);
    ApplyResult result = engine.apply(saved.withSensitiveValuesFrom(engine.state()), changed);

    assertTrue(result.isSuccess(), result.errors().toString());
    assertEquals("p2", engine.state().orElseThrow().resource("a").orElseThrow().attributes()
        .get("password").asText());
  }

  @Test
  void sensitiveValueChangeFailsSavedPlan() throws Exception {
    engine.planAndApply(chain());
    Stack resized = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"password\": \"p1\", \"size\": 2}")
        .build();
    Path file = folder.resolve("saved.plan");
    new PlanFile(engine.plan(resized), resized.file(), PlanVariables.of(Map.of())).write(file);
    Stack otherSecret = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"password\": \"other\", \"size\": 2}")
        .build();

    // Same source hash: a secret read from the environment can change without the stack file.
    ApplyResult result = engine.apply(PlanFile.read(file).withSensitiveValuesFrom(
        engine.state()), otherSecret);

    assertFalse(result.isSuccess());
    assertTrue(result.errors().stream().anyMatch(e -> e.startsWith("a: ")
        && e.contains("password") && e.contains("run plan again")), result.errors().toString());
    assertFalse(result.errors().toString().contains("other"));
    assertEquals("p1", engine.state().orElseThrow().resource("a").orElseThrow().attributes()
        .get("password").asText());
  }

  @Test
  void requestDropsOnlyUnknownValues() throws Exception {
    ObjectNode planned = (ObjectNode) new ObjectMapper().readTree(
        "{\"name\": \"net\", \"subnets\": {\"nodes\": {\"addressPrefix\": \"10.0.0.0/16\"}},"
            + " \"zones\": [\"1\"]}");
    ((ObjectNode) planned.get("subnets").get("nodes")).set("id", Values.unknown());
    ((ArrayNode) planned.get("zones")).add(Values.unknown());
    planned.set("id", Values.unknown());

    ObjectNode request = Applier.withoutUnknown(planned);

    assertEquals("net", request.get("name").asText());
    assertEquals("10.0.0.0/16", request.at("/subnets/nodes/addressPrefix").asText());
    assertFalse(request.get("subnets").get("nodes").has("id"));
    assertFalse(request.has("zones"));
    assertFalse(request.has("id"));
  }
}
