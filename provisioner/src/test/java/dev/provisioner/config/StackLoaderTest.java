package dev.provisioner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provisioner.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderTest {

  private static final Path STACKS = Path.of("src/test/resources/stacks");
  private static final VariableInputs NO_INPUTS = VariableInputs.of(Map.of());

  @TempDir Path folder;

  private static Stack loadFixture(VariableInputs inputs) {
    return new StackLoader(ProviderRegistry.load(), STACKS)
        .load(STACKS.resolve("valid.yaml"), inputs);
  }

  private Stack loadText(String yaml, VariableInputs inputs) throws IOException {
    Path file = folder.resolve("stack.yaml");
    Files.writeString(file, yaml);
    return new StackLoader(ProviderRegistry.load(), folder).load(file, inputs);
  }

  private ConfigException failure(String yaml, VariableInputs inputs) {
    return assertThrows(ConfigException.class, () -> loadText(yaml, inputs));
  }

  private static Expr property(Stack stack, String address, String name) {
    return stack.resource(ResourceAddress.parse(address)).orElseThrow()
        .properties().fields().get(name);
  }

  private static JsonNode literal(Expr expr) {
    return assertInstanceOf(Expr.Literal.class, expr).value();
  }

  private static final String GROUP_STACK = """
      stack: demo
      variables:
        location: { type: string, default: westeurope }
      resources:
        rg:
          type: test.group
          properties: { name: demo-rg, location: "${var.location}" }
      """;

  @Test
  void modulesAreFlattenedIntoAddresses() {
    Stack stack = loadFixture(NO_INPUTS);

    List<String> addresses = stack.resources().stream()
        .map(r -> r.address().toString()).toList();
    assertEquals(List.of("rg", "aks", "hello", "module.team-a.app",
        "module.team-a.module.inner.sidecar"), addresses);
  }

  @Test
  void wholeValueVariableKeepsItsType() {
    Stack stack = loadFixture(NO_INPUTS);

    Expr.ObjectExpr pool = (Expr.ObjectExpr) property(stack, "aks", "pool");
    Expr.ObjectExpr autoscaling = (Expr.ObjectExpr) pool.fields().get("autoscaling");
    assertTrue(literal(autoscaling.fields().get("max")).isIntegralNumber());
    assertTrue(literal(property(stack, "aks", "rbac")).isBoolean());
    assertTrue(literal(property(stack, "aks", "zones")).isArray());
  }

  @Test
  void variableInsideStringIsSubstituted() {
    Stack stack = loadFixture(NO_INPUTS);

    assertEquals("dev-rg", literal(property(stack, "rg", "name")).asText());
  }

  @Test
  void attributeReferenceStaysAReference() {
    Stack stack = loadFixture(NO_INPUTS);

    Expr.Reference group = assertInstanceOf(Expr.Reference.class,
        property(stack, "aks", "group"));
    assertEquals(ResourceAddress.of("rg"), group.target());
    assertEquals(List.of(new Expr.PathStep.Field("name")), group.path());
  }

  @Test
  void nestedReferenceKeepsEveryStep() {
    Stack stack = loadFixture(NO_INPUTS);

    Expr.ObjectExpr env = (Expr.ObjectExpr) property(stack, "hello", "env");
    Expr.Reference zone = assertInstanceOf(Expr.Reference.class, env.fields().get("ZONE"));
    assertEquals("subnets.nodes.id", Interpolation.render(zone.path()));
  }

  @Test
  void interpolationWithReferenceBecomesTemplate() {
    Stack stack = loadFixture(NO_INPUTS);

    Expr.ObjectExpr env = (Expr.ObjectExpr) property(stack, "hello", "env");
    Expr.Template target = assertInstanceOf(Expr.Template.class, env.fields().get("TARGET"));
    assertEquals(2, target.parts().size());
    assertEquals("World from dev in ", literal(target.parts().get(0)).asText());
    assertInstanceOf(Expr.Reference.class, target.parts().get(1));
  }

  @Test
  void moduleInputResourceBecomesReferenceInsideModule() {
    Stack stack = loadFixture(NO_INPUTS);

    Expr.Reference cluster = assertInstanceOf(Expr.Reference.class,
        property(stack, "module.team-a.module.inner.sidecar", "cluster"));
    assertEquals(ResourceAddress.of("aks"), cluster.target());
    assertTrue(cluster.path().isEmpty());
  }

  @Test
  void moduleOutputIsSubstituted() {
    Stack stack = loadFixture(NO_INPUTS);

    Expr.ObjectExpr config = (Expr.ObjectExpr) property(stack, "hello", "config");
    assertEquals("team-a", literal(config.fields().get("namespace")).asText());
    assertEquals("nginx:1", literal(property(stack, "module.team-a.app", "image")).asText());
  }

  @Test
  void referenceInsideModuleNamesModuleAddress() {
    Stack stack = loadFixture(NO_INPUTS);

    ResourceConfig hello = stack.resource(ResourceAddress.of("hello")).orElseThrow();
    assertTrue(hello.dependsOn().contains(ResourceAddress.parse("module.team-a.app")));
    assertTrue(hello.dependsOn().contains(
        ResourceAddress.parse("module.team-a.module.inner.sidecar")));
  }

  @Test
  void lifecycleBackendAzureAndOutputsAreRead() {
    Stack stack = loadFixture(NO_INPUTS);

    Lifecycle lifecycle = stack.resource(ResourceAddress.of("aks")).orElseThrow().lifecycle();
    assertTrue(lifecycle.preventDestroy());
    assertEquals(List.of("pool.count"), lifecycle.ignoreChanges());
    assertEquals("local", stack.backend().orElseThrow().kind());
    assertEquals(".provisioner/dev.state.json",
        stack.backend().orElseThrow().settings().get("path").asText());
    assertEquals("sandbox", stack.azure().get("cloud").asText());
    assertEquals(List.of("fqdn", "kubeconfig", "helloUrl"),
        stack.outputs().stream().map(OutputConfig::name).toList());
    assertTrue(stack.outputs().get(1).sensitive());
  }

  @Test
  void commandLineVariableOverridesOtherSources() throws IOException {
    Path file = folder.resolve("vars.yaml");
    Files.writeString(file, "location: fromfile\n");
    VariableInputs inputs = new VariableInputs(Map.of("location", "fromcli"), List.of(file),
        Map.of("PROVISIONER_VAR_location", "fromenv"));

    Stack stack = loadText(GROUP_STACK, inputs);

    assertEquals("fromcli", literal(property(stack, "rg", "location")).asText());
  }

  @Test
  void variableFileWinsOverEnvironment() throws IOException {
    Path file = folder.resolve("vars.yaml");
    Files.writeString(file, "location: fromfile\n");
    VariableInputs inputs = new VariableInputs(Map.of(), List.of(file),
        Map.of("PROVISIONER_VAR_location", "fromenv"));

    Stack stack = loadText(GROUP_STACK, inputs);

    assertEquals("fromfile", literal(property(stack, "rg", "location")).asText());
  }

  @Test
  void laterVariableFileWins() throws IOException {
    Path first = folder.resolve("first.yaml");
    Path second = folder.resolve("second.json");
    Files.writeString(first, "location: first\n");
    Files.writeString(second, "{\n\t\"location\": \"second\"\n}\n");

    Stack stack = loadText(GROUP_STACK, new VariableInputs(Map.of(), List.of(first, second),
        Map.of()));

    assertEquals("second", literal(property(stack, "rg", "location")).asText());
  }

  @Test
  void environmentWinsOverDefault() throws IOException {
    Stack stack = loadText(GROUP_STACK,
        VariableInputs.of(Map.of("PROVISIONER_VAR_location", "fromenv")));

    assertEquals("fromenv", literal(property(stack, "rg", "location")).asText());
  }

  @Test
  void defaultAppliesWhenNothingElseSetsVariable() throws IOException {
    Stack stack = loadText(GROUP_STACK, NO_INPUTS);

    assertEquals("westeurope", literal(property(stack, "rg", "location")).asText());
  }

  @Test
  void commandLineCollectionsUseYamlFlowSyntax() throws IOException {
    String yaml = """
        stack: demo
        variables:
          tags: { type: map }
          zones: { type: list }
          count: { type: int }
          rbac: { type: bool }
        resources:
          rg:
            type: test.group
            properties: { name: "${var.count}-${var.rbac}", location: x, tags: "${var.tags}" }
          aks:
            type: test.cluster
            properties:
              name: demo
              group: ${rg.name}
              zones: ${var.zones}
              rbac: ${var.rbac}
              pool: { name: system, count: "${var.count}" }
        """;
    VariableInputs inputs = new VariableInputs(Map.of("tags", "{env: dev}", "zones", "[1, 2]",
        "count", "4", "rbac", "false"), List.of(), Map.of());

    Stack stack = loadText(yaml, inputs);

    assertEquals("dev", literal(property(stack, "rg", "tags")).get("env").asText());
    assertEquals(2, literal(property(stack, "aks", "zones")).size());
    assertEquals("4-false", literal(property(stack, "rg", "name")).asText());
    assertTrue(literal(property(stack, "aks", "rbac")).isBoolean());
  }

  @Test
  void environmentReferenceIsSubstituted() throws IOException {
    String yaml = GROUP_STACK.replace("${var.location}", "${env.REGION}");

    Stack stack = loadText(yaml, VariableInputs.of(Map.of("REGION", "eastasia")));

    assertEquals("eastasia", literal(property(stack, "rg", "location")).asText());
  }

  @Test
  void escapedDollarBraceStaysLiteral() throws IOException {
    String yaml = GROUP_STACK.replace("name: demo-rg", "name: \"$${literal}\"");

    Stack stack = loadText(yaml, NO_INPUTS);

    assertEquals("${literal}", literal(property(stack, "rg", "name")).asText());
  }

  @Test
  void anchorsAndMergeKeysAreExpanded() throws IOException {
    String yaml = """
        stack: demo
        resources:
          a:
            type: test.group
            properties: &group { name: a, location: westeurope, tags: { env: dev } }
          b:
            type: test.group
            properties:
              <<: *group
              name: b
        """;

    Stack stack = loadText(yaml, NO_INPUTS);

    assertEquals("b", literal(property(stack, "b", "name")).asText());
    assertEquals("westeurope", literal(property(stack, "b", "location")).asText());
  }

  @Test
  void aliasOfSingleValueIsRejectedWithReason() {
    String yaml = """
        stack: demo
        resources:
          a:
            type: test.group
            properties: { name: &n a, location: westeurope }
          b:
            type: test.group
            properties: { name: *n, location: westeurope }
        """;

    ConfigException error = failure(yaml, NO_INPUTS);

    assertEquals("stack.yaml:8:25: alias '*n' names no anchored list or mapping before it; "
        + "define '&n' earlier on a list or mapping; anchors on single values are not "
        + "supported, so write such values out", error.getMessage());
  }

  @Test
  void sensitiveVariableValueIsNotShownInErrors() {
    String yaml = """
        stack: demo
        variables:
          token:
            type: string
            sensitive: true
            validation: { regex: "[a-f0-9]{32}", message: the token is 32 hex digits }
        resources: {}
        """;

    ConfigException error = failure(yaml, new VariableInputs(Map.of("token", "hunter2"),
        List.of(), Map.of()));

    assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    assertTrue(error.getMessage().contains("(sensitive value)"), error.getMessage());
  }

  @Test
  void errorsInSeveralResourcesAreAllReported() {
    String yaml = """
        stack: demo
        resources:
          a:
            type: test.group
            properties: { name: a }
          b:
            type: test.group
            properties: { name: b, location: x, colour: red }
        """;

    ConfigException error = failure(yaml, NO_INPUTS);

    assertEquals(2, error.diagnostics().size());
    assertEquals(3, error.diagnostics().get(0).position().line());
    assertEquals(8, error.diagnostics().get(1).position().line());
  }

  @Test
  void resourceLiteralWithDeclaredFieldsIsAccepted() throws IOException {
    String yaml = """
        stack: demo
        resources:
          app:
            type: test.app
            properties:
              cluster: { kubeconfig: ~/.kube/config, context: dev }
              name: app
              image: nginx
        """;

    Stack stack = loadText(yaml, NO_INPUTS);

    assertInstanceOf(Expr.ObjectExpr.class, property(stack, "app", "cluster"));
  }

  @Test
  void sourceHashChangesWithVariableValues() throws IOException {
    Stack first = loadText(GROUP_STACK, NO_INPUTS);
    Stack same = loadText(GROUP_STACK, NO_INPUTS);
    Stack other = loadText(GROUP_STACK, new VariableInputs(Map.of("location", "eastus"),
        List.of(), Map.of()));

    assertEquals(first.sourceHash(), same.sourceHash());
    assertNotEquals(first.sourceHash(), other.sourceHash());
    assertEquals(64, first.sourceHash().length());
  }

  @Test
  void sourceHashChangesWithModuleFile() throws IOException {
    Path module = folder.resolve("mod");
    Files.createDirectories(module);
    Files.writeString(module.resolve("module.yaml"), "outputs:\n  x: { value: one }\n");
    String yaml = "stack: demo\nmodules:\n  m: { source: mod }\nresources: {}\n";
    Stack before = loadText(yaml, NO_INPUTS);

    Files.writeString(module.resolve("module.yaml"), "outputs:\n  x: { value: two }\n");
    Stack after = loadText(yaml, NO_INPUTS);

    assertNotEquals(before.sourceHash(), after.sourceHash());
  }

  @Test
  void errorPositionNamesLineAndColumn() {
    String yaml = GROUP_STACK.replace("name: demo-rg", "nam: demo-rg");

    ConfigException error = failure(yaml, NO_INPUTS);

    SourcePosition position = error.diagnostics().get(0).position();
    assertEquals(Path.of("stack.yaml"), position.file());
    assertEquals(7, position.line());
    assertEquals(19, position.column());
  }
}
