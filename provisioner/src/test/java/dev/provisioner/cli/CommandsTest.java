package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

  private static final String STACKS = Path.of("src/test/resources/stacks").toAbsolutePath()
      .toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void validateReportsValidStack() {
    CommandRun run = CommandRun.of("validate", "--chdir", STACKS, "valid.yaml");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("valid.yaml is valid: stack 'valid', 5 resources, 3 outputs.",
        run.stdout().strip());
    assertEquals("", run.stderr());
  }

  @Test
  void validateJsonReportsValidStack() throws Exception {
    CommandRun run = CommandRun.of("validate", "--json", "--chdir", STACKS, "valid.yaml");

    JsonNode result = JSON.readTree(run.stdout());
    assertEquals(0, run.exitCode());
    assertTrue(result.get("valid").asBoolean());
    assertEquals(5, result.get("resources").asInt());
  }

  @Test
  void validateJsonListsDiagnostics() throws Exception {
    String broken = Path.of("src/test/resources/broken").toAbsolutePath().toString();

    CommandRun run =
        CommandRun.of("validate", "--json", "--chdir", broken, "unknown-property.yaml");

    JsonNode result = JSON.readTree(run.stdout());
    JsonNode diagnostic = result.get("diagnostics").get(0);
    assertEquals(1, run.exitCode());
    assertFalse(result.get("valid").asBoolean());
    assertEquals("unknown-property.yaml", diagnostic.get("file").asText());
    assertEquals(5, diagnostic.get("line").asInt());
    assertEquals(19, diagnostic.get("column").asInt());
    assertEquals("did you mean 'name'?", diagnostic.get("fix").asText());
  }

  @Test
  void validateVarOverridesDefault() {
    CommandRun run = CommandRun.of("validate", "--chdir", STACKS, "valid.yaml", "--var", "env=qa");

    assertEquals(1, run.exitCode());
    assertEquals("Error: invalid value for variable 'env' from --var: 'qa' is not valid: env "
        + "must be dev or prod; allowed values are: dev, prod", run.stderr().strip());
  }

  @Test
  void malformedVarIsAnError() {
    CommandRun run = CommandRun.of("validate", "--chdir", STACKS, "valid.yaml", "--var", "env");

    assertEquals(1, run.exitCode());
    assertEquals("Error: --var 'env' is not NAME=VALUE; write it as --var name=value, for "
        + "example --var location=westeurope", run.stderr().strip());
  }

  @Test
  void graphTextListsWhatEachResourceWaitsFor() {
    CommandRun run = CommandRun.of("graph", "--format", "text", "--chdir", STACKS, "valid.yaml");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of(
        "rg (test.group)",
        "aks (test.cluster) waits for: rg",
        "module.team-a.app (test.app) waits for: aks",
        "module.team-a.module.inner.sidecar (test.app) waits for: aks",
        "hello (test.app) waits for: aks, module.team-a.app, "
            + "module.team-a.module.inner.sidecar"),
        run.stdout().lines().toList());
  }

  @Test
  void graphDotHasEveryNodeAndEdge() {
    CommandRun run = CommandRun.of("graph", "--chdir", STACKS, "valid.yaml");

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().startsWith("digraph \"valid\" {"));
    assertTrue(run.stdout().contains("  \"aks\" [label = \"aks\\ntest.cluster\"];"));
    assertTrue(run.stdout().contains("  \"aks\" -> \"rg\";"));
    assertTrue(run.stdout().contains("  \"module.team-a.app\" -> \"aks\";"));
    assertTrue(run.stdout().strip().endsWith("}"));
  }

  @Test
  void graphJsonListsWaitsFor() throws Exception {
    CommandRun run = CommandRun.of("graph", "--json", "--chdir", STACKS, "valid.yaml");

    JsonNode aks = JSON.readTree(run.stdout()).get("resources").get(1);
    assertEquals("aks", aks.get("address").asText());
    assertEquals("rg", aks.get("waitsFor").get(0).asText());
  }

  @Test
  void graphOfCycleFails() {
    String broken = Path.of("src/test/resources/broken").toAbsolutePath().toString();

    CommandRun run = CommandRun.of("graph", "--chdir", broken, "cycle-of-four.yaml");

    assertEquals(1, run.exitCode());
    assertEquals("Error: cycle-of-four.yaml:3:3: dependency cycle: a -> b -> c -> d -> a; "
        + "remove one of these references or dependsOn entries", run.stderr().strip());
  }

  @Test
  void schemaMarkdownDocumentsEveryField() {
    CommandRun run = CommandRun.of("schema", "--format", "markdown");

    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("### `test.cluster`"));
    assertTrue(run.stdout().contains("| `pool.autoscaling.min` | int | yes |"));
    assertTrue(run.stdout().contains(
        "| `kubeconfig` | string |  |  |  | yes | yes |  | Kubeconfig of the cluster user. |"));
    assertTrue(run.stdout().contains(
        "| `name` | string | yes |  | yes |  |  | `name` | Name of the group. |"));
  }

  @Test
  void versionPrintsVersionAndProviders() {
    CommandRun run = CommandRun.of("version");

    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().startsWith("provisioner "));
    assertTrue(run.stdout().contains("provider test: 3 resource types"));
  }

  @Test
  void versionOptionPrintsVersion() {
    CommandRun run = CommandRun.of("--version");

    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().startsWith("provisioner "));
  }

  @Test
  void completionPrintsBashScript() {
    CommandRun run = CommandRun.of("completion");

    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().startsWith("#!/usr/bin/env bash"));
    assertTrue(run.stdout().contains("validate"));
    assertTrue(run.stdout().contains("complete -F"));
  }

  @Test
  void unknownOptionExitsOneWithOneMessage() {
    CommandRun run = CommandRun.of("validate", "--bogus", "x.yaml");

    assertEquals(1, run.exitCode());
    assertEquals("Error: Unknown option: '--bogus'\nRun 'provisioner validate --help' for "
        + "usage.", run.stderr().strip());
  }

  @Test
  void unknownCommandExitsOne() {
    CommandRun run = CommandRun.of("frobnicate");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("Error: unknown command 'frobnicate' for 'provisioner'"),
        run.stderr());
  }

  @Test
  void unknownSubcommandNamesItsParent() {
    CommandRun run = CommandRun.of("state", "lst", "x.yaml");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("Error: unknown command 'lst' for 'provisioner state'\n"),
        run.stderr());
    assertTrue(run.stderr().contains("Did you mean: state list?"), run.stderr());
  }

  @Test
  void extraArgumentKeepsPicocliMessage() {
    CommandRun run = CommandRun.of("validate", "a.yaml", "b.yaml");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().startsWith("Error: Unmatched argument at index 2: 'b.yaml'"),
        run.stderr());
  }

  @Test
  void misspeltCommandGetsSuggestion() {
    CommandRun run = CommandRun.of("validat", "x.yaml");

    assertEquals(1, run.exitCode());
    assertTrue(run.stderr().contains("Did you mean: provisioner validate"), run.stderr());
  }

  @Test
  void helpExitsZero() {
    CommandRun run = CommandRun.of("--help");

    assertEquals(0, run.exitCode());
    assertTrue(run.stdout().contains("validate"));
    assertTrue(run.stdout().contains("graph"));
  }
}
