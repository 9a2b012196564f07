package dev.provisioner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.apply.ApplyResult;
import dev.provisioner.config.Lifecycle;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.Stack;
import dev.provisioner.provider.Values;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.testprovider.Engine;
import dev.provisioner.testprovider.StackBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

  @TempDir Path folder;
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = new Engine(folder);
  }

  private Stack twoThings(String size) {
    return new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"size\": " + size + ", \"settings\": {\"mode\": \"fast\"}}")
        .thing("b", "{\"name\": \"b\", \"parent\": \"${a}\", \"note\": \"${a.id}\"}")
        .build();
  }

  @Test
  void newResourcesArePlannedAsCreates() {
    Plan plan = engine.plan(twoThings("2"));

    ResourceChange b = plan.change("b").orElseThrow();
    assertInstanceOf(PlanAction.Create.class, b.action());
    ObjectNode planned = b.planned().orElseThrow();
    assertTrue(Values.isUnknown(planned.get("id")));
    assertTrue(Values.isUnknown(planned.get("note")));
    assertEquals("https://b.things.test", planned.get("endpoint").asText());
    assertEquals(1, planned.get("size").asInt());
    assertEquals("Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.",
        plan.counts().summaryLine());
  }

  @Test
  void resourceReferenceReducesToAddressAndId() {
    Plan plan = engine.plan(twoThings("2"));

    ObjectNode parent = (ObjectNode) plan.change("b").orElseThrow().planned().orElseThrow()
        .get("parent");
    assertEquals(Set.of("address", "id"), Set.copyOf(iterable(parent)));
    assertEquals("a", parent.get("address").asText());
  }

  @Test
  void appliedStackPlansNoChanges() {
    Stack stack = twoThings("2");
    ApplyResult result = engine.planAndApply(stack);
    assertTrue(result.isSuccess(), result.errors().toString());

    Plan again = engine.plan(stack);

    assertFalse(again.hasChanges(), again.changes().toString());
    assertTrue(again.drift().isEmpty(), again.drift().toString());
  }

  @Test
  void changedFieldPlansUpdateInPlace() {
    engine.planAndApply(twoThings("2"));

    Plan plan = engine.plan(twoThings("3"));

    PlanAction action = plan.change("a").orElseThrow().action();
    assertEquals(new PlanAction.Update(List.of("size")), action);
    assertInstanceOf(PlanAction.NoOp.class, plan.change("b").orElseThrow().action());
  }

  @Test
  void changingForceNewFieldPlansReplace() {
    engine.planAndApply(twoThings("2"));
    Stack renamed = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a2\", \"size\": 2, \"settings\": {\"mode\": \"fast\"}}")
        .thing("b", "{\"name\": \"b\", \"parent\": \"${a}\", \"note\": \"${a.id}\"}")
        .build();

    Plan plan = engine.plan(renamed);

    PlanAction.Replace replace =
        assertInstanceOf(PlanAction.Replace.class, plan.change("a").orElseThrow().action());
    assertEquals(List.of("name"), replace.forcedBy());
    PlanAction.Update update =
        assertInstanceOf(PlanAction.Update.class, plan.change("b").orElseThrow().action());
    assertTrue(update.changed().contains("parent"), update.changed().toString());
  }

  @Test
  void resourceRemovedFromStackIsDeleted() {
    engine.planAndApply(twoThings("2"));
    Stack onlyA = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"size\": 2, \"settings\": {\"mode\": \"fast\"}}")
        .build();

    Plan plan = engine.plan(onlyA);

    assertInstanceOf(PlanAction.Delete.class, plan.change("b").orElseThrow().action());
  }

  @Test
  void serverDefaultedSubFieldIsNotDrift() throws Exception {
    engine.planAndApply(twoThings("2"));
    String stored = Files.readString(engine.remote().resolve("a.json"));
    assertTrue(stored.contains("\"tier\" : \"standard\""), stored);

    Plan plan = engine.plan(twoThings("2"));

    assertTrue(plan.drift().isEmpty());
    assertFalse(plan.hasChanges());
  }

  @Test
  void changeOutsideToolIsDriftAndPlannedBack() throws Exception {
    engine.planAndApply(twoThings("2"));
    editRemote("a", "size", 7);

    Plan plan = engine.plan(twoThings("2"));

    assertEquals(1, plan.drift().size());
    assertEquals(List.of("size"), plan.drift().get(0).changed());
    assertEquals(new PlanAction.Update(List.of("size")),
        plan.change("a").orElseThrow().action());
  }

  @Test
  void outsideDeletionPlansCreateAsDrift() throws Exception {
    engine.planAndApply(twoThings("2"));
    Files.delete(engine.remote().resolve("b.json"));

    Plan plan = engine.plan(twoThings("2"));

    assertTrue(plan.drift().get(0).gone());
    assertInstanceOf(PlanAction.Create.class, plan.change("b").orElseThrow().action());
  }

  @Test
  void refreshFalseReadsNothing() throws Exception {
    engine.planAndApply(twoThings("2"));
    editRemote("a", "size", 7);
    engine.clearCalls();

    Plan plan = engine.plan(twoThings("2"), new PlanOptions(false, false, Set.of(), 4));

    assertTrue(plan.drift().isEmpty());
    assertTrue(engine.calls().stream().noneMatch(c -> c.startsWith("read")));
  }

  @Test
  void noChangePlanReadsEachResourceOnce() {
    engine.planAndApply(twoThings("2"));
    engine.clearCalls();

    engine.plan(twoThings("2"));

    assertEquals(List.of("read a", "read b"),
        engine.calls().stream().filter(c -> c.startsWith("read")).sorted().toList());
  }

  @Test
  void ignoredPathIsNotPlannedAsChange() throws Exception {
    Lifecycle ignoreSize = new Lifecycle(false, List.of("size", "settings.mode"), false);
    Stack stack = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"size\": 2, \"settings\": {\"mode\": \"fast\"}}",
            ignoreSize, List.of())
        .build();
    engine.planAndApply(stack);
    editRemote("a", "size", 9);
    Stack edited = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"size\": 3, \"settings\": {\"mode\": \"slow\"}}",
            ignoreSize, List.of())
        .build();

    Plan plan = engine.plan(edited);

    assertInstanceOf(PlanAction.NoOp.class, plan.change("a").orElseThrow().action());
  }

  @Test
  void preventDestroyRejectsReplacement() {
    Lifecycle keep = new Lifecycle(true, List.of(), false);
    engine.planAndApply(new StackBuilder(folder).thing("a", "{\"name\": \"a\"}", keep, List.of())
        .build());
    Stack renamed = new StackBuilder(folder).thing("a", "{\"name\": \"a2\"}", keep, List.of())
        .build();

    PlanException error = assertThrows(PlanException.class, () -> engine.plan(renamed));

    assertTrue(error.getMessage().startsWith("a: lifecycle.preventDestroy"), error.getMessage());
    assertTrue(error.getMessage().contains("forced by name"), error.getMessage());
  }

  @Test
  void preventDestroyRejectsDestroy() {
    Lifecycle keep = new Lifecycle(true, List.of(), false);
    Stack stack = new StackBuilder(folder).thing("a", "{\"name\": \"a\"}", keep, List.of())
        .build();
    engine.planAndApply(stack);

    assertThrows(PlanException.class,
        () -> engine.plan(stack, new PlanOptions(true, true, Set.of(), 4)));
  }

  @Test
  void targetLimitsPlanToDependencies() {
    Stack stack = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\"}")
        .thing("b", "{\"name\": \"b\", \"parent\": \"${a}\"}")
        .thing("c", "{\"name\": \"c\"}")
        .build();

    Plan plan = engine.plan(stack,
        new PlanOptions(true, false, Set.of(ResourceAddress.of("b")), 4));

    assertEquals(List.of("a", "b"), plan.changes().stream().map(ResourceChange::address)
        .toList());
    assertTrue(plan.warnings().get(0).contains("targeting"), plan.warnings().toString());
  }

  @Test
  void unknownTargetIsRejected() {
    Stack stack = new StackBuilder(folder).thing("a", "{\"name\": \"a\"}").build();

    PlanException error = assertThrows(PlanException.class, () -> engine.plan(stack,
        new PlanOptions(true, false, Set.of(ResourceAddress.of("nope")), 4)));

    assertTrue(error.getMessage().contains("--target nope"), error.getMessage());
  }

  @Test
  void destroyPlanDeletesDependentsFirst() {
    Stack stack = twoThings("2");
    engine.planAndApply(stack);

    Plan plan = engine.plan(stack, new PlanOptions(true, true, Set.of(), 4));

    assertEquals(List.of("b", "a"), plan.changes().stream().map(ResourceChange::address)
        .toList());
    assertEquals(2, plan.counts().destroy());
  }

  @Test
  void sensitiveFieldsAreListed() {
    Stack stack = new StackBuilder(folder)
        .thing("a", "{\"name\": \"a\", \"password\": \"hunter2\"}")
        .thing("b", "{\"name\": \"b\", \"note\": \"${a.password}\"}")
        .build();

    Plan plan = engine.plan(stack);

    assertTrue(plan.change("a").orElseThrow().sensitivePaths().contains("password"));
    assertTrue(plan.change("b").orElseThrow().sensitivePaths().contains("note"));
  }

  @Test
  void pendingCreateFoundLiveIsRecordedNotCreated() {
    // The failing lookup right after the failed create leaves the record pending.
    engine.control("fail-after-create-a", "");
    engine.control("fail-find-a", "");
    Stack stack = new StackBuilder(folder).thing("a", "{\"name\": \"a\"}").build();
    ApplyResult failed = engine.planAndApply(stack);
    assertFalse(failed.isSuccess());
    assertEquals(ResourceStatus.PENDING_CREATE,
        engine.state().orElseThrow().resource("a").orElseThrow().status());
    engine.removeControl("fail-after-create-a");
    engine.removeControl("fail-find-a");

    Plan plan = engine.plan(stack);

    assertInstanceOf(PlanAction.Read.class, plan.change("a").orElseThrow().action());
    ApplyResult recovered = engine.apply(plan, stack);
    assertTrue(recovered.isSuccess(), recovered.errors().toString());
    assertEquals(ResourceStatus.CREATED,
        engine.state().orElseThrow().resource("a").orElseThrow().status());
  }

  @Test
  void pendingCreateNotFoundIsCreatedAgain() {
    engine.control("fail-create-a", "");
    Stack stack = new StackBuilder(folder).thing("a", "{\"name\": \"a\"}").build();
    engine.planAndApply(stack);
    engine.removeControl("fail-create-a");

    Plan plan = engine.plan(stack);

    assertInstanceOf(PlanAction.Create.class, plan.change("a").orElseThrow().action());
    assertTrue(engine.apply(plan, stack).isSuccess());
  }

  private void editRemote(String name, String field, int value) throws Exception {
    Path file = engine.remote().resolve(name + ".json");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode thing = (ObjectNode) mapper.readTree(file.toFile());
    thing.put(field, value);
    Files.writeString(file, thing.toPrettyString());
  }

  private static List<String> iterable(ObjectNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
