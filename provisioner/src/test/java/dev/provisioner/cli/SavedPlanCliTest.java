package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.StateDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved plans on an existing state, with variables, sensitive outputs and replaces. */
class SavedPlanCliTest {

  static final String STACK = """
      stack: demo
      variables:
        size: { type: int, default: 1 }
        secret: { type: string, sensitive: true, default: default-secret }
      resources:
        a:
          type: folder.thing
          properties: { name: "%s", size: "${var.size}", password: "${var.secret}" }
      outputs:
        aSize: { value: "${a.size}", sensitive: true }
        aToken: { value: "${a.token}", sensitive: true }
      """;

  @TempDir Path folder;

  @BeforeEach
  void writeStack() {
    CliRun.writeStack(folder, STACK.formatted("a"));
  }

  private CliRun run(String... args) {
    return CliRun.run(folder, args);
  }

  private StateDocument state() {
    return new LocalBackend(folder.resolve(".provisioner/demo.state.json")).read().orElseThrow();
  }

  @Test
  void savedPlanWithSensitiveOutputChangeApplies() {
    run("apply", "stack.yaml", "--auto-approve");
    CliRun plan = run("plan", "stack.yaml", "--var", "size=2", "--out", "p.plan");

    CliRun apply = run("apply", "p.plan");

    assertEquals(0, plan.exitCode, plan.toString());
    assertTrue(plan.out.contains("~ aSize = (sensitive value)"), plan.out);
    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(apply.out.contains("~ aSize = (sensitive value)"), apply.out);
    assertTrue(apply.out.contains("0 added, 1 changed, 0 destroyed"), apply.out);
    assertEquals(2, state().outputs().get("aSize").value().asInt());
  }

  @Test
  void savedPlanCarriesVariableValues() throws IOException {
    CliRun plan = run("plan", "stack.yaml", "--var", "size=3", "--out", "p.plan");

    CliRun apply = run("apply", "p.plan");

    assertEquals(0, plan.exitCode, plan.toString());
    assertEquals(0, apply.exitCode, apply.toString());
    assertEquals(3, state().resource("a").orElseThrow().attributes().get("size").asInt());
    String saved = Files.readString(folder.resolve("p.plan"));
    assertTrue(saved.contains("\"size\" : 3"), saved);
    assertFalse(saved.contains("default-secret"), saved);
  }

  @Test
  void stackEditMakesVariablePlanStale() {
    run("plan", "stack.yaml", "--var", "size=3", "--out", "p.plan");
    CliRun.writeStack(folder, STACK.formatted("a2"));

    CliRun apply = run("apply", "p.plan");

    assertEquals(1, apply.exitCode, apply.toString());
    assertTrue(apply.err.contains("saved plan is stale: the stack files changed"), apply.err);
    assertFalse(Files.exists(folder.resolve("remote/a.json")));
  }

  @Test
  void savedPlanRejectsVarOptions() {
    run("plan", "stack.yaml", "--out", "p.plan");

    CliRun apply = run("apply", "p.plan", "--var", "size=5");

    assertEquals(1, apply.exitCode, apply.toString());
    assertTrue(apply.err.contains("apply it without --var and --var-file"), apply.err);
  }

  @Test
  void sensitiveVariableMustMatchAtApply() throws Exception {
    Process plan = startCli(List.of("PROVISIONER_VAR_secret=s3cret-one"),
        "plan", "stack.yaml", "--out", "p.plan");
    assertTrue(plan.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, plan.exitValue(), Files.readString(folder.resolve("child.err")));
    assertFalse(Files.readString(folder.resolve("p.plan")).contains("s3cret-one"));

    CliRun other = run("apply", "p.plan");
    Process same = startCli(List.of("PROVISIONER_VAR_secret=s3cret-one"), "apply", "p.plan");
    assertTrue(same.waitFor(120, TimeUnit.SECONDS));

    assertEquals(1, other.exitCode, other.toString());
    assertTrue(other.err.contains("sensitive variable 'secret' does not have the value"),
        other.err);
    assertFalse(other.err.contains("s3cret-one"), other.err);
    assertEquals(0, same.exitValue(), Files.readString(folder.resolve("child.err")));
    assertEquals("s3cret-one",
        state().resource("a").orElseThrow().attributes().get("password").asText());
  }

  @Test
  void replaceCountsAddedAndDestroyed() {
    run("apply", "stack.yaml", "--auto-approve");
    CliRun.writeStack(folder, STACK.formatted("a2"));

    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(0, apply.exitCode, apply.toString());
    assertTrue(apply.out.contains("Apply complete! Resources: 1 added, 0 changed, 1 destroyed."),
        apply.out);
  }

  @Test
  void noChangePlanAndDestroySayNoChanges() {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun plan = run("plan", "stack.yaml");
    run("destroy", "stack.yaml", "--auto-approve");
    CliRun destroy = run("destroy", "stack.yaml", "--auto-approve");

    assertTrue(plan.out.startsWith("No changes. The infrastructure matches the stack."),
        plan.out);
    assertFalse(plan.out.contains("will perform the following actions"), plan.out);
    assertTrue(destroy.out.startsWith("No changes. No resources need to be destroyed."),
        destroy.out);
  }

  private Process startCli(List<String> environment, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(CliRun.childCommand(folder, args))
        .redirectOutput(folder.resolve("child.out").toFile())
        .redirectError(folder.resolve("child.err").toFile());
    for (String entry : environment) {
      int equals = entry.indexOf('=');
      builder.environment().put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return builder.start();
  }
}
