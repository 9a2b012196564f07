package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --json forms of every command, JSON errors, and the lock and force-unlock flow. */
class JsonAndLockCliTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path folder;

  @BeforeEach
  void writeStack() {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));
  }

  private CliRun run(String... args) {
    return CliRun.run(folder, args);
  }

  private LocalBackend backend() {
    return new LocalBackend(folder.resolve(".provisioner/demo.state.json"));
  }

  // Reads stdout as one or more JSON values (a document, or one value per line) and fails on
  // anything else.
  private static List<JsonNode> jsonValues(CliRun run) throws IOException {
    List<JsonNode> values = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator =
        MAPPER.readerFor(JsonNode.class).readValues(run.out)) {
      while (iterator.hasNext()) {
        values.add(iterator.next());
      }
    }
    return values;
  }

  @Test
  void stateListJsonListsResources() throws IOException {
    run("apply", "stack.yaml", "--auto-approve");

    CliRun list = run("state", "list", "stack.yaml", "--json");

    assertEquals(0, list.exitCode, list.toString());
    JsonNode resources = MAPPER.readTree(list.out).path("resources");
    assertEquals(2, resources.size(), list.out);
    assertEquals("a", resources.get(0).path("address").asText());
    assertEquals("folder.thing", resources.get(0).path("type").asText());
    assertEquals("CREATED", resources.get(0).path("status").asText());
  }

  @Test
  void everyJsonCommandPrintsOnlyJson() throws IOException {
    List<List<String>> commands = List.of(
        List.of("validate", "stack.yaml"),
        List.of("graph", "stack.yaml"),
        List.of("plan", "stack.yaml"),
        List.of("apply", "stack.yaml", "--auto-approve"),
        List.of("plan", "stack.yaml", "--out", "p.plan"),
        List.of("show", "stack.yaml"),
        List.of("show", "p.plan"),
        List.of("output", "stack.yaml"),
        List.of("output", "stack.yaml", "bEndpoint"),
        List.of("state", "list", "stack.yaml"),
        List.of("state", "show", "stack.yaml", "a"),
        List.of("refresh", "stack.yaml"),
        List.of("state", "mv", "stack.yaml", "b", "c"),
        List.of("state", "rm", "stack.yaml", "c"),
        List.of("destroy", "stack.yaml", "--auto-approve"));
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--json");

      CliRun run = run(args.toArray(String[]::new));

      assertEquals(0, run.exitCode, command + ": " + run);
      assertFalse(jsonValues(run).isEmpty(), command + ": " + run);
    }
  }

  @Test
  void errorsUnderJsonAreJsonDiagnostics() throws IOException {
    List<List<String>> failing = List.of(
        List.of("plan", "stack.yaml", "--var", "nosuch=1"),
        List.of("plan", "stack.yaml", "--target", "nosuch..x"),
        List.of("plan", "stack.yaml", "--no-such-option"),
        List.of("state", "show", "stack.yaml", "a"),
        List.of("apply", "stack.yaml"));
    for (List<String> command : failing) {
      List<String> args = new ArrayList<>(command);
      args.add("--json");

      CliRun run = run(args.toArray(String[]::new));

      assertEquals(1, run.exitCode, command + ": " + run);
      assertTrue(run.err.contains("Error: "), command + ": " + run);
      List<JsonNode> values = jsonValues(run);
      JsonNode last = values.get(values.size() - 1);
      assertEquals("error", last.path("type").asText(), command + ": " + run);
      JsonNode diagnostic = last.path("diagnostics").path(0);
      assertEquals("error", diagnostic.path("severity").asText(), command + ": " + run);
      assertFalse(diagnostic.path("message").asText().isEmpty(), command + ": " + run);
    }
  }

  @Test
  void configErrorUnderJsonHasPosition() throws IOException {
    CliRun.writeStack(folder, """
        stack: demo
        resources:
          a:
            type: folder.thing
            properties: { name: a, nodeCnt: 3 }
        """);

    CliRun plan = run("plan", "stack.yaml", "--json");

    assertEquals(1, plan.exitCode, plan.toString());
    JsonNode diagnostic = MAPPER.readTree(plan.out).path("diagnostics").path(0);
    assertEquals(5, diagnostic.path("line").asInt(), plan.out);
    assertTrue(diagnostic.path("message").asText().contains("nodeCnt"), plan.out);
  }

  @Test
  void lockErrorNamesStackFile() throws IOException {
    Files.createDirectories(folder.resolve(".provisioner"));
    try (StateLock held = backend().lock("apply", Duration.ZERO)) {
      CliRun plan = run("plan", "stack.yaml");

      assertEquals(1, plan.exitCode, plan.toString());
      assertTrue(plan.err.contains("'provisioner force-unlock stack.yaml "
          + held.info().id() + "'"), plan.err);
      assertFalse(plan.err.contains("STACK"), plan.err);
    }
  }

  @Test
  void forceUnlockAsksUnlessForced() throws IOException {
    Files.createDirectories(folder.resolve(".provisioner"));
    StateLock abandoned = backend().lock("apply", Duration.ZERO);
    String id = abandoned.info().id();

    CliRun unasked = run("force-unlock", "stack.yaml", id);

    assertEquals(1, unasked.exitCode, unasked.toString());
    assertTrue(unasked.err.contains("stdin is not a terminal; pass --force"), unasked.err);
    assertTrue(backend().currentHolder().isPresent());

    CliRun forced = run("force-unlock", "stack.yaml", id, "--force");

    assertEquals(0, forced.exitCode, forced.toString());
    assertTrue(forced.out.contains("Removed lock " + id), forced.out);
    assertTrue(backend().currentHolder().isEmpty());
  }
}
