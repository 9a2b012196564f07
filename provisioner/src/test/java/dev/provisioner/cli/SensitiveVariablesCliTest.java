package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.StateDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of {@code sensitive: true} variables through plan, apply, show, output and plan files. */
class SensitiveVariablesCliTest {

  static final String SECRET = "SuperSecret-abc123";

  static final String STACK = """
      stack: demo
      variables:
        apiKey: { type: string, sensitive: true, default: %s }
      resources:
        a:
          type: folder.thing
          properties:
            name: a
            tags: { env: dev, key: "${var.apiKey}" }
            note: "key=${var.apiKey}"
        b:
          type: folder.thing
          properties: { name: b, note: "${a.tags.key}", tags: "${a.tags}" }
      outputs:
        key: { value: "${var.apiKey}", sensitive: true }
        env: { value: "${a.tags.env}" }
      """.formatted(SECRET);

  @TempDir Path folder;

  @BeforeEach
  void writeStack() {
    CliRun.writeStack(folder, STACK);
  }

  private CliRun run(String... args) {
    return CliRun.run(folder, args);
  }

  private StateDocument state() {
    return new LocalBackend(folder.resolve(".provisioner/demo.state.json")).read().orElseThrow();
  }

  @Test
  void planMasksDerivedValues() {
    CliRun plan = run("plan", "stack.yaml");

    assertEquals(0, plan.exitCode, plan.toString());
    assertFalse(plan.toString().contains(SECRET), plan.toString());
    assertTrue(plan.out.matches("(?s).*\\+ key +=  ?\\(sensitive value\\).*"), plan.out);
    assertTrue(plan.out.matches("(?s).*\\+ note +=  ?\\(sensitive value\\).*"), plan.out);
    // Only the secret itself is masked, not the map around it.
    assertTrue(plan.out.matches("(?s).*\\+ env +=  ?\"dev\".*"), plan.out);
  }

  @Test
  void applyRecordsPathsAndViewsMask() {
    CliRun apply = run("apply", "stack.yaml", "--auto-approve");
    CliRun show = run("show", "stack.yaml");
    CliRun showJson = run("show", "stack.yaml", "--json");
    CliRun stateShow = run("state", "show", "stack.yaml", "b");
    CliRun outputs = run("output", "stack.yaml");
    CliRun named = run("output", "stack.yaml", "key");

    assertEquals(0, apply.exitCode, apply.toString());
    for (CliRun run : new CliRun[] {apply, show, showJson, stateShow, outputs}) {
      assertFalse(run.toString().contains(SECRET), run.toString());
    }
    assertTrue(outputs.out.contains("key = (sensitive value)"), outputs.out);
    assertEquals(SECRET, named.out.strip());
    ResourceState a = state().resource("a").orElseThrow();
    ResourceState b = state().resource("b").orElseThrow();
    assertTrue(a.sensitivePaths().contains("tags.key"), a.sensitivePaths().toString());
    assertTrue(a.sensitivePaths().contains("note"), a.sensitivePaths().toString());
    assertTrue(b.sensitivePaths().contains("note"), b.sensitivePaths().toString());
    assertTrue(b.sensitivePaths().contains("tags"), b.sensitivePaths().toString());
    assertEquals(SECRET, a.attributes().path("tags").path("key").asText());
  }

  @Test
  void savedPlanOmitsSecret() throws IOException {
    CliRun plan = run("plan", "stack.yaml", "--out", "demo.plan");
    assertEquals(0, plan.exitCode, plan.toString());
    assertFalse(Files.readString(folder.resolve("demo.plan")).contains(SECRET));

    CliRun apply = run("apply", "demo.plan");

    assertEquals(0, apply.exitCode, apply.toString());
    assertFalse(apply.toString().contains(SECRET), apply.toString());
    assertEquals(SECRET, state().resource("a").orElseThrow().attributes().path("tags")
        .path("key").asText());
    assertEquals("key=" + SECRET,
        state().resource("a").orElseThrow().attributes().path("note").asText());
  }

  @Test
  void changedSecretShowsAsSensitiveUpdate() {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun plan = run("plan", "stack.yaml", "--var", "apiKey=Other-Secret-42",
        "--detailed-exitcode");

    assertEquals(2, plan.exitCode, plan.toString());
    assertFalse(plan.toString().contains(SECRET), plan.toString());
    assertFalse(plan.toString().contains("Other-Secret-42"), plan.toString());
    assertTrue(plan.out.contains("# a will be updated in place"), plan.out);
  }

  @Test
  void unmarkedSensitiveOutputRejected() {
    CliRun.writeStack(folder, STACK.replace(
        "key: { value: \"${var.apiKey}\", sensitive: true }",
        "leak: { value: \"prefix-${var.apiKey}\" }"));

    CliRun plan = run("plan", "stack.yaml");

    assertEquals(1, plan.exitCode, plan.toString());
    assertFalse(plan.toString().contains(SECRET), plan.toString());
    assertTrue(plan.err.contains("stack.yaml:15:"), plan.err);
    assertTrue(plan.err.contains("output 'leak'"), plan.err);
    assertTrue(plan.err.contains("mark the output sensitive: true"), plan.err);
  }

  @Test
  void sensitiveModuleInputMasksItsUses() throws IOException {
    Path module = Files.createDirectories(folder.resolve("vault"));
    Files.writeString(module.resolve("module.yaml"), """
        inputs:
          token: { type: map, sensitive: true }
        resources:
          holder:
            type: folder.thing
            properties: { name: holder, tags: "${var.token}" }
        """);
    CliRun.writeStack(folder, """
        stack: demo
        modules:
          vault:
            source: ./vault
            inputs: { token: { value: %s } }
        resources: {}
        """.formatted(SECRET));

    CliRun plan = run("plan", "stack.yaml");

    assertEquals(0, plan.exitCode, plan.toString());
    assertFalse(plan.toString().contains(SECRET), plan.toString());
    assertTrue(plan.out.contains("# module.vault.holder will be created"), plan.out);
    assertTrue(plan.out.contains("value = (sensitive value)"), plan.out);
  }

  @Test
  void typeErrorHidesSensitiveValue() {
    CliRun.writeStack(folder, """
        stack: demo
        variables:
          pin: { type: int, sensitive: true, default: 987654 }
        resources:
          a:
            type: folder.thing
            properties: { name: "${var.pin}" }
        """);

    CliRun plan = run("plan", "stack.yaml");

    assertEquals(1, plan.exitCode, plan.toString());
    assertTrue(plan.err.contains("field 'name' in resource 'a' expects"), plan.err);
    assertFalse(plan.toString().contains("987654"), plan.toString());
  }

  @Test
  void providerErrorHidesSensitiveValue() throws IOException {
    CliRun.writeStack(folder, """
        stack: demo
        variables:
          thingName: { type: string, sensitive: true, default: %s }
        resources:
          a:
            type: folder.thing
            properties: { name: "${var.thingName}" }
        """.formatted(SECRET));
    // The thing exists already, so the provider's create fails with a message naming it.
    Files.createDirectories(folder.resolve("remote"));
    Files.writeString(folder.resolve("remote/" + SECRET + ".json"), "{}");

    CliRun apply = run("apply", "stack.yaml", "--auto-approve");

    assertEquals(1, apply.exitCode, apply.toString());
    assertTrue(apply.out.contains(
        "Error: a: Conflict: a thing named '(sensitive value)' already exists"), apply.out);
    assertTrue(apply.out.matches(
        "(?s).*a: create failed after [^\\n]*: Conflict: a thing named '\\(sensitive value\\)'.*"),
        apply.out);
    // The provider derives the endpoint from the name, and such derived values are not masked.
    assertEquals(1, apply.out.split(SECRET, -1).length - 1, apply.out);
    assertTrue(apply.out.contains("endpoint = \"https://" + SECRET), apply.out);
  }
}
