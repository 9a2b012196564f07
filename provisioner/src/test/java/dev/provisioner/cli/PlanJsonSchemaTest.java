package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validates real plan output against docs/plan-json.schema.json. */
class PlanJsonSchemaTest {

  private static Schema schema;

  @TempDir Path folder;

  @BeforeAll
  static void loadSchema() throws Exception {
    String text = Files.readString(Path.of("../docs/plan-json.schema.json"));
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text, InputFormat.JSON);
  }

  private JsonNode planJson(String... extra) throws Exception {
    String[] args = new String[extra.length + 3];
    args[0] = "plan";
    args[1] = "stack.yaml";
    args[2] = "--json";
    System.arraycopy(extra, 0, args, 3, extra.length);
    CliRun plan = CliRun.run(folder, args);
    assertEquals(0, plan.exitCode, plan.toString());
    return new ObjectMapper().readTree(plan.out);
  }

  @Test
  void createPlanMatchesSchema() throws Exception {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));

    JsonNode plan = planJson();

    List<Error> errors = schema.validate(plan);
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals(2, plan.path("summary").path("add").asInt());
    assertFalse(plan.toString().contains("hunter2"));
  }

  @Test
  void planWithEveryActionAndDriftMatchesSchema() throws Exception {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));
    CliRun.run(folder, "apply", "stack.yaml", "--auto-approve");
    Path remote = folder.resolve("remote/a.json");
    Files.writeString(remote, Files.readString(remote).replace("\"env\" : \"dev\"",
        "\"env\" : \"prod\""));
    CliRun.writeStack(folder, """
        stack: demo
        resources:
          a:
            type: folder.thing
            properties: { name: a, size: 2, tags: { env: dev }, password: hunter2 }
          b:
            type: folder.thing
            properties: { name: b2, parent: "${a}", note: "${a.id}" }
          c:
            type: folder.thing
            properties: { name: c }
        outputs:
          aToken: { value: "${a.token}", sensitive: true }
        """);

    JsonNode plan = planJson();

    List<Error> errors = schema.validate(plan);
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals(1, plan.path("drift").size());
    assertEquals("update", plan.path("resourceChanges").get(0).path("action").asText());
    assertEquals(List.of("password", "token"), new ObjectMapper().convertValue(
        plan.path("resourceChanges").get(0).path("sensitivePaths"), List.class));
  }

  @Test
  void destroyPlanMatchesSchema() throws Exception {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));
    CliRun.run(folder, "apply", "stack.yaml", "--auto-approve");

    JsonNode plan = planJson("--destroy");

    List<Error> errors = schema.validate(plan);
    assertTrue(errors.isEmpty(), errors.toString());
    assertEquals(2, plan.path("summary").path("destroy").asInt());
  }

  @Test
  void schemaRejectsUnknownAction() throws Exception {
    CliRun.writeStack(folder, PlanApplyCliTest.stack(1, "b"));
    com.fasterxml.jackson.databind.node.ObjectNode plan =
        (com.fasterxml.jackson.databind.node.ObjectNode) planJson();

    ((com.fasterxml.jackson.databind.node.ObjectNode) plan.path("resourceChanges").get(0))
        .put("action", "explode");

    assertFalse(schema.validate(plan).isEmpty());
  }
}
