package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validates stacks against the JSON Schema that {@code provisioner schema} prints. */
class StackJsonSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static Schema schema;

  @BeforeAll
  static void generateSchema() {
    CliRun run = CliRun.of("schema");
    assertEquals(0, run.exitCode(), run.stderr());
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(run.stdout());
  }

  private static List<Error> validate(String relativePath) throws Exception {
    JsonNode stack = YAML.readTree(Path.of("src/test/resources").resolve(relativePath).toFile());
    return schema.validate(stack);
  }

  @Test
  void exampleStackMatchesSchema() throws Exception {
    List<Error> errors = validate("stacks/valid.yaml");

    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void unknownPropertyBreaksSchema() throws Exception {
    List<Error> errors = validate("broken/unknown-property.yaml");

    assertFalse(errors.isEmpty());
  }

  @Test
  void wrongTypeBreaksSchema() throws Exception {
    List<Error> errors = validate("broken/wrong-type-int.yaml");

    assertFalse(errors.isEmpty());
  }

  @Test
  void missingRequiredPropertyBreaksSchema() throws Exception {
    List<Error> errors = validate("broken/missing-required-property.yaml");

    assertFalse(errors.isEmpty());
  }

  @Test
  void unknownTopLevelKeyBreaksSchema() throws Exception {
    List<Error> errors = validate("broken/unknown-top-level-key.yaml");

    assertFalse(errors.isEmpty());
  }

  @Test
  void unknownResourceTypeBreaksSchema() throws Exception {
    List<Error> errors = validate("broken/unknown-resource-type.yaml");

    assertFalse(errors.isEmpty());
  }
}
