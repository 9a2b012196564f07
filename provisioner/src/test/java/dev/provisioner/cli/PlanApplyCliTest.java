package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.ResourceStatus;
import dev.provisioner.state.StateDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanApplyCliTest {

  static final String STACK = """
      stack: demo
      resources:
        a:
          type: folder.thing
          properties: { name: a, size: %s, tags: { env: dev }, password: hunter2 }
        b:
          type: folder.thing
          properties: { name: %s, parent: "${a}", note: "${a.id}" }
      outputs:
        bEndpoint: { value: "${b.endpoint}" }
        aToken: { value: "${a.token}", sensitive: true }
      """;

  // The stack with b left out.
  static final String ONLY_A = """
      stack: demo
      resources:
        a:
          type: folder.thing
          properties: { name: a, size: 1, tags: { env: dev }, password: hunter2 }
      """;

  @TempDir Path folder;

  static String stack(int size, String bName) {
    return STACK.formatted(size, bName);
  }

  @BeforeEach
  void writeInitialStack() {
    CliRun.writeStack(folder, stack(1, "b"));
  }

  private CliRun run(String... args) {
    return CliRun.run(folder, args);
  }

  private StateDocument state() {
    return new LocalBackend(folder.resolve(".provisioner/demo.state.json")).read().orElseThrow();
  }

  @Test
  void planShowsCreatesWithUnknownAndSensitiveValues() {
    CliRun plan = run("plan", "stack.yaml");

    assertEquals(0, plan.exitCode, plan.toString());
    assertTrue(plan.out.contains("# a will be created"), plan.out);
    assertTrue(plan.out.matches("(?s).*\\+ password +=  ?\\(sensitive value\\).*"), plan.out);
    assertTrue(plan.out.matches("(?s).*\\+ id +=  ?\\(known after apply\\).*"), plan.out);
    assertFalse(plan.out.contains("hunter2"), plan.out);
    assertTrue(plan.out.contains("Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy."),
        plan.out);
  }

  @Test
  void applyCreatesAndSecondPlanHasNoChanges() {
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");
    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(apply.out.contains("a: Creating..."), apply.out);
    assertTrue(apply.out.contains("b: Creation complete after"), apply.out);
    assertTrue(apply.out.contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed."),
        apply.out);

    CliRun plan = run("plan", "stack.yaml", "--detailed-exitcode");

    assertEquals(0, plan.exitCode, plan.toString());
    assertTrue(plan.out.contains("No changes."), plan.out);
  }

  @Test
  void inPlaceUpdateIsPlannedAndApplied() {
    run("apply", "stack.yaml", "--auto-approve");
    CliRun.writeStack(folder, stack(3, "b"));

    CliRun plan = run("plan", "stack.yaml", "--detailed-exitcode");
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(2, plan.exitCode, plan.toString());
    assertTrue(plan.out.contains("# a will be updated in place"), plan.out);
    assertTrue(plan.out.contains("~ size = 1 -> 3"), plan.out);
    assertTrue(plan.out.contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy."),
        plan.out);
    assertEquals(0, apply.exitCode, apply.toString());
    assertEquals(3, state().resource("a").orElseThrow().attributes().get("size").asInt());
  }

  @Test
  void forceNewChangeIsReplacedWithMarker() {
    run("apply", "stack.yaml", "--auto-approve");
    CliRun.writeStack(folder, stack(1, "b2"));

    CliRun plan = run("plan", "stack.yaml");
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertTrue(plan.out.contains("# b must be replaced"), plan.out);
    assertTrue(plan.out.matches("(?s).*~ name +=  ?\"b\" -> \"b2\" # forces replacement.*"),
        plan.out);
    assertTrue(plan.out.contains("Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy."),
        plan.out);
    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(apply.out.contains("Apply complete! Resources: 1 added, 0 changed, 1 destroyed."),
        apply.out);
    assertTrue(Files.exists(folder.resolve("remote/b2.json")));
    assertFalse(Files.exists(folder.resolve("remote/b.json")));
  }

  @Test
  void resourceRemovedFromStackIsDestroyed() {
    run("apply", "stack.yaml", "--auto-approve");
    CliRun.writeStack(folder, ONLY_A);

    CliRun plan = run("plan", "stack.yaml");
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertTrue(plan.out.contains("# b will be destroyed (not in the stack any more)"), plan.out);
    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(state().resource("b").isEmpty());
    assertFalse(Files.exists(folder.resolve("remote/b.json")));
  }

  @Test
  void driftIsDetectedAndShown() throws Exception {
    run("apply", "stack.yaml", "--auto-approve");
    Path remote = folder.resolve("remote/a.json");
    Files.writeString(remote, Files.readString(remote).replace("\"env\" : \"dev\"",
        "\"env\" : \"prod\""));

    CliRun plan = run("plan", "stack.yaml");

    assertTrue(plan.out.contains("Objects have changed outside of provisioner"), plan.out);
    assertTrue(plan.out.contains("# a has changed"), plan.out);
    assertTrue(plan.out.contains("~ \"env\"") || plan.out.contains("~ env = \"dev\" -> \"prod\""),
        plan.out);
    assertTrue(plan.out.contains("# a will be updated in place"), plan.out);
  }

  @Test
  void failureHalfWayIsFinishedByNextApply() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-create-b"), "");

    CliRun failed = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(1, failed.exitCode, failed.toString());
    assertTrue(failed.out.contains("Error: b: InjectedFailure: create of 'b' failed"),
        failed.out);
    assertEquals(ResourceStatus.CREATED, state().resource("a").orElseThrow().status());
    assertEquals(ResourceStatus.PENDING_CREATE, state().resource("b").orElseThrow().status());

    Files.delete(folder.resolve("remote/fail-create-b"));
    CliRun finished = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(0, finished.exitCode, finished.toString());
    assertTrue(finished.out.contains("1 added"), finished.out);
    assertEquals(ResourceStatus.CREATED, state().resource("b").orElseThrow().status());
  }

  @Test
  void rejectedCreateShownPendingThenDestroyed() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-create-a"), "");
    CliRun failed = run("apply", "stack.yaml", "--auto-approve");

    CliRun list = run("state", "list", "stack.yaml");
    CliRun show = run("state", "show", "stack.yaml", "a");
    CliRun destroy = run("destroy", "stack.yaml", "--auto-approve");

    assertEquals(1, failed.exitCode, failed.toString());
    assertEquals("a (pending create)\n", list.out);
    assertTrue(show.out.contains("# a (folder.thing, pending create)"), show.out);
    assertEquals(0, destroy.exitCode, destroy.toString());
    assertFalse(destroy.out.contains("No changes"), destroy.out);
    assertTrue(destroy.out.contains("# a was never created"), destroy.out);
    assertTrue(state().resources().isEmpty());
    assertFalse(Files.readString(folder.resolve("remote/calls.log")).contains("delete a"));
  }

  @Test
  void pendingCreateFoundLiveIsDeletedByDestroy() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-after-create-a"), "");
    Files.writeString(folder.resolve("remote/fail-find-a"), "");
    run("apply", "stack.yaml", "--auto-approve");
    Files.delete(folder.resolve("remote/fail-find-a"));

    CliRun destroy = run("destroy", "stack.yaml", "--auto-approve");

    assertEquals(0, destroy.exitCode, destroy.toString());
    assertTrue(destroy.out.contains("# a will be destroyed"), destroy.out);
    assertTrue(state().resources().isEmpty());
    assertFalse(Files.exists(folder.resolve("remote/a.json")));
    String calls = Files.readString(folder.resolve("remote/calls.log"));
    assertTrue(calls.indexOf("find a") < calls.indexOf("delete a"), calls);
  }

  @Test
  void failedCreateThatExistsIsTaintedAndReplaced() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-after-create-a"), "");
    CliRun failed = run("apply", "stack.yaml", "--auto-approve");
    Files.delete(folder.resolve("remote/fail-after-create-a"));
    String failedId = state().resource("a").orElseThrow().attributes().get("id").asText();

    CliRun list = run("state", "list", "stack.yaml");
    CliRun plan = run("plan", "stack.yaml");
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(1, failed.exitCode, failed.toString());
    assertEquals("a (tainted)\n", list.out);
    assertTrue(plan.out.contains("# a must be replaced"), plan.out);
    assertTrue(plan.out.contains("tainted by a failed apply"), plan.out);
    assertEquals(0, apply.exitCode, apply.toString());
    ResourceState replaced = state().resource("a").orElseThrow();
    assertEquals(ResourceStatus.CREATED, replaced.status());
    assertFalse(replaced.attributes().get("id").asText().equals(failedId));
    String calls = Files.readString(folder.resolve("remote/calls.log"));
    assertTrue(calls.lastIndexOf("delete a") < calls.lastIndexOf("create a"), calls);
  }

  @Test
  void rejectedCreateDroppedFromStackLeavesState() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-create-b"), "");
    run("apply", "stack.yaml", "--auto-approve");
    CliRun.writeStack(folder, ONLY_A);

    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(apply.out.contains("# b was never created"), apply.out);
    assertTrue(state().resource("b").isEmpty());
    assertTrue(state().resource("a").isPresent());
  }

  @Test
  void planErrorsSkipOnlyTheirDependents() throws Exception {
    CliRun.writeStack(folder, """
        stack: demo
        resources:
          a: { type: folder.thing, properties: { name: a } }
          b: { type: folder.thing, properties: { name: b, note: "${a.endpoint}" } }
          c: { type: folder.thing, properties: { name: c, note: "${b.endpoint}" } }
          d: { type: folder.thing, properties: { name: d } }
          e: { type: folder.thing, properties: { name: e } }
          f: { type: folder.thing, properties: { name: f, note: "${e.endpoint}" } }
        """);
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-plan-a"), "");
    Files.writeString(folder.resolve("remote/fail-plan-d"), "");

    CliRun plan = run("plan", "stack.yaml");

    assertEquals(1, plan.exitCode, plan.toString());
    assertTrue(plan.err.contains("a: InjectedFailure: plan of 'a' failed"), plan.err);
    assertTrue(plan.err.contains("d: InjectedFailure: plan of 'd' failed"), plan.err);
    assertTrue(plan.err.contains("b: not planned because a, which it depends on, failed"),
        plan.err);
    assertTrue(plan.err.contains("c: not planned because a, which it depends on, failed"),
        plan.err);
    assertFalse(plan.err.matches("(?s).*(^|\n)[ef]: .*"), plan.err);
    String calls = Files.readString(folder.resolve("remote/calls.log"));
    assertTrue(calls.contains("plan e"), calls);
    assertTrue(calls.contains("plan f"), calls);
    assertFalse(calls.contains("plan b"), calls);
  }

  @Test
  void lockIsReleasedAfterError() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-create-a"), "");
    run("apply", "stack.yaml", "--auto-approve");

    assertFalse(Files.exists(folder.resolve(".provisioner/demo.state.json.lock")));
    CliRun plan = run("plan", "stack.yaml");
    assertEquals(0, plan.exitCode, plan.toString());
  }

  @Test
  void pendingCreateIsRecoveredByReadingItBack() throws Exception {
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/fail-after-create-a"), "");
    // The failing lookup right after the failed create leaves the record pending.
    Files.writeString(folder.resolve("remote/fail-find-a"), "");
    run("apply", "stack.yaml", "--auto-approve");
    Files.delete(folder.resolve("remote/fail-after-create-a"));
    Files.delete(folder.resolve("remote/fail-find-a"));

    CliRun plan = run("plan", "stack.yaml");
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertTrue(plan.out.contains("# a was found live and will be recorded in state"), plan.out);
    assertEquals(0, apply.exitCode, apply.toString());
    assertEquals(ResourceStatus.CREATED, state().resource("a").orElseThrow().status());
    assertTrue(Files.readString(folder.resolve("remote/calls.log")).contains("find a"));
  }

  @Test
  void savedPlanIsStaleOnceApplied() {
    CliRun plan = run("plan", "stack.yaml", "--out", "demo.plan");
    assertEquals(0, plan.exitCode, plan.toString());

    CliRun apply = run("apply", "demo.plan");
    CliRun again = run("apply", "demo.plan");

    assertEquals(0, apply.exitCode, apply.toString());
    assertEquals(1, again.exitCode, again.toString());
    assertTrue(again.err.contains("saved plan is stale"), again.err);
  }

  @Test
  void savedPlanIsStaleWhenStackChanged() {
    run("plan", "stack.yaml", "--out", "demo.plan");
    CliRun.writeStack(folder, stack(2, "b"));

    CliRun apply = run("apply", "demo.plan");

    assertEquals(1, apply.exitCode, apply.toString());
    assertTrue(apply.err.contains("saved plan is stale"), apply.err);
    assertFalse(Files.exists(folder.resolve("remote/a.json")));
  }

  @Test
  void applyRefusesToPromptWithoutTerminal() {
    CliRun apply = run("apply", "stack.yaml");

    assertEquals(1, apply.exitCode, apply.toString());
    assertTrue(apply.err.contains("stdin is not a terminal"), apply.err);
    assertFalse(Files.exists(folder.resolve("remote/a.json")));
  }

  @Test
  void preventDestroyBlocksDestroy() {
    CliRun.writeStack(folder, """
        stack: demo
        resources:
          a:
            type: folder.thing
            properties: { name: a }
            lifecycle: { preventDestroy: true }
        """);
    run("apply", "stack.yaml", "--auto-approve");

    CliRun destroy = run("destroy", "stack.yaml", "--auto-approve");

    assertEquals(1, destroy.exitCode, destroy.toString());
    assertTrue(destroy.err.contains("a: lifecycle.preventDestroy is set"), destroy.err);
    assertTrue(Files.exists(folder.resolve("remote/a.json")));
  }

  @Test
  void ignoreChangesHidesChangesToIgnoredPaths() {
    String ignoring = """
        stack: demo
        resources:
          a:
            type: folder.thing
            properties: { name: a, size: %d, note: keep }
            lifecycle: { ignoreChanges: [size] }
        """;
    CliRun.writeStack(folder, ignoring.formatted(1));
    run("apply", "stack.yaml", "--auto-approve");
    CliRun.writeStack(folder, ignoring.formatted(5));

    CliRun plan = run("plan", "stack.yaml", "--detailed-exitcode");

    assertEquals(0, plan.exitCode, plan.toString());
  }

  @Test
  void targetPlansOnlyTargetAndDependencies() {
    CliRun.writeStack(folder, """
        stack: demo
        resources:
          a: { type: folder.thing, properties: { name: a } }
          b: { type: folder.thing, properties: { name: b, note: "${a.endpoint}" } }
          c: { type: folder.thing, properties: { name: c } }
        """);

    CliRun plan = run("plan", "stack.yaml", "--target", "b");

    assertTrue(plan.out.contains("# a will be created"), plan.out);
    assertTrue(plan.out.contains("# b will be created"), plan.out);
    assertFalse(plan.out.contains("# c will be created"), plan.out);
    assertTrue(plan.out.contains("Warning: Resource targeting is in effect"), plan.out);
  }

  @Test
  void wholeModuleTargetIsRejectedWithAFix() {
    CliRun plan = run("plan", "stack.yaml", "--target", "module.team-a");

    assertEquals(1, plan.exitCode, plan.toString());
    assertTrue(plan.err.contains("--target module.team-a names a whole module"), plan.err);
    assertTrue(plan.err.contains("--target module.team-a.NAME"), plan.err);
  }

  @Test
  void destroyRemovesEverythingDependentsFirst() throws Exception {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun destroy = run("destroy", "stack.yaml", "--auto-approve");

    assertEquals(0, destroy.exitCode, destroy.toString());
    assertTrue(destroy.out.contains("Destroy complete! Resources: 2 destroyed."), destroy.out);
    assertTrue(destroy.out.contains("  # b will be destroyed\n"), destroy.out);
    assertTrue(state().resources().isEmpty());
    String calls = Files.readString(folder.resolve("remote/calls.log"));
    assertTrue(calls.indexOf("delete b") < calls.indexOf("delete a"), calls);
  }

  @Test
  void applyEndsWithOutputsHidingSensitiveOnes() {
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(0, apply.exitCode, apply.toString());
    String tail = apply.out.substring(apply.out.indexOf("Apply complete!"));
    assertTrue(tail.contains("\nOutputs:\n\naToken = (sensitive value)\n"
        + "bEndpoint = \"https://b.things.test\"\n"), tail);
    assertFalse(apply.out.contains(state().outputs().get("aToken").value().asText()), apply.out);
  }

  @Test
  void outputsPrintSensitiveOnlyWhenNamed() {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun all = run("output", "stack.yaml");
    CliRun named = run("output", "stack.yaml", "aToken");

    assertTrue(all.out.contains("aToken = (sensitive value)"), all.out);
    assertTrue(all.out.contains("bEndpoint = \"https://b.things.test\""), all.out);
    assertTrue(named.out.startsWith("tok-"), named.out);
  }

  @Test
  void stateCommandsListShowMoveAndRemove() {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun list = run("state", "list", "stack.yaml");
    CliRun show = run("state", "show", "stack.yaml", "a");
    CliRun move = run("state", "mv", "stack.yaml", "b", "c");
    CliRun remove = run("state", "rm", "stack.yaml", "c");

    assertEquals("a\nb\n", list.out);
    assertTrue(show.out.contains("password = (sensitive value)"), show.out);
    assertFalse(show.out.contains("hunter2"), show.out);
    assertEquals(0, move.exitCode, move.toString());
    assertEquals(0, remove.exitCode, remove.toString());
    assertEquals(1, state().resources().size());
  }

  @Test
  void importRecordsExistingResource() throws Exception {
    run("apply", "stack.yaml", "--auto-approve");
    String id = state().resource("b").orElseThrow().attributes().get("id").asText();
    run("state", "rm", "stack.yaml", "b");

    CliRun imported = run("import", "stack.yaml", "b", id);
    CliRun plan = run("plan", "stack.yaml", "--detailed-exitcode");

    assertEquals(0, imported.exitCode, imported.toString());
    assertEquals(0, plan.exitCode, plan.toString());
  }

  @Test
  void refreshForgetsResourcesDeletedOutside() throws Exception {
    run("apply", "stack.yaml", "--auto-approve");
    Files.delete(folder.resolve("remote/b.json"));

    CliRun refresh = run("refresh", "stack.yaml");

    assertEquals(0, refresh.exitCode, refresh.toString());
    assertTrue(refresh.out.contains("# b has been deleted"), refresh.out);
    assertTrue(state().resource("b").isEmpty());
  }

  @Test
  void showPrintsStateWithSensitiveMasked() {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun show = run("show", "stack.yaml");
    CliRun json = run("show", "stack.yaml", "--json");

    assertTrue(show.out.contains("# a (folder.thing)"), show.out);
    assertFalse(show.out.contains("hunter2"), show.out);
    assertFalse(json.out.contains("hunter2"), json.out);
  }

  @Test
  void savedDestroyPlanAppliesWithoutPrompt() {
    run("apply", "stack.yaml", "--auto-approve");
    run("plan", "stack.yaml", "--destroy", "--out", "destroy.plan");

    CliRun apply = run("apply", "destroy.plan");

    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(state().resources().isEmpty());
    assertTrue(state().outputs().isEmpty());
  }

  @Test
  void applyJsonPrintsPlannedLineAndEvents() {
    CliRun apply = run("apply", "stack.yaml", "--auto-approve", "--json");

    String[] lines = apply.out.split("\n");
    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(lines[0].startsWith("{\"type\":\"planned\",\"add\":2"), lines[0]);
    assertTrue(apply.out.contains("{\"address\":\"a\",\"type\":\"started\""), apply.out);
    assertTrue(lines[lines.length - 1].contains("\"type\":\"summary\""), apply.out);
  }
}
