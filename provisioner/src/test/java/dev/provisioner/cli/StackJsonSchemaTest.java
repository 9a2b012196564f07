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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validates stacks against the JSON Schema that {@code provisioner schema} prints. */
class StackJsonSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static Schema schema;

  @BeforeAll
  static void generateSchema() {
    CommandRun run = CommandRun.of("schema");
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

  // The example stacks sit at the repository root, beside this module's folder.
  static Stream<Path> exampleStacks() throws IOException {
    Path folder = Path.of("..", "stacks");
    if (!Files.isDirectory(folder)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  // Zero invocations are allowed because a checkout without stacks/ has no examples to check.
  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("exampleStacks")
  void repositoryExampleStackMatchesSchema(Path stack) throws Exception {
    List<Error> errors = schema.validate(YAML.readTree(stack.toFile()));

    assertTrue(errors.isEmpty(), errors.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"unknown-property", "wrong-type-int", "missing-required-property",
      "unknown-top-level-key", "unknown-resource-type", "computed-field-set", "value-not-allowed"})
  void brokenStackBreaksSchema(String name) throws Exception {
    List<Error> errors = validate("broken/" + name + ".yaml");

    assertFalse(errors.isEmpty());
  }
}
