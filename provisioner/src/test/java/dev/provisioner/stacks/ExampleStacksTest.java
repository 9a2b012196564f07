package dev.provisioner.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.provisioner.config.ConfigException;
import dev.provisioner.config.Expr;
import dev.provisioner.config.OutputConfig;
import dev.provisioner.config.ResourceAddress;
import dev.provisioner.config.ResourceConfig;
import dev.provisioner.config.Stack;
import dev.provisioner.config.StackGraph;
import dev.provisioner.config.StackLoader;
import dev.provisioner.config.VariableInputs;
import dev.provisioner.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Loads the example stacks in {@code stacks/} and the modules in {@code modules/} through the
 * real loader and provider schemas, so an example that no longer validates fails the build.
 */
class ExampleStacksTest {

  // Surefire runs in the module folder; the examples sit at the repository root.
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path STACKS = ROOT.resolve("stacks");
  private static final Path MODULES = ROOT.resolve("modules");

  private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
  private static final String ADMIN_GROUP = "11111111-1111-1111-1111-111111111111";
  private static final String TEAM_GROUP = "22222222-2222-2222-2222-222222222222";

  private static final Map<String, String> AZURE_ENVIRONMENT = Map.of(
      "AZURE_SUBSCRIPTION_ID", SUBSCRIPTION,
      "PROVISIONER_VAR_adminGroup", ADMIN_GROUP,
      "PROVISIONER_VAR_teamGroup", TEAM_GROUP);

  private static final Set<String> OUTPUTS =
      Set.of("clusterName", "fqdn", "nodeResourceGroup", "helloUrl", "kubeconfig");

  private static Stack load(String file, VariableInputs inputs) {
    return new StackLoader(ProviderRegistry.load(), ROOT).load(STACKS.resolve(file), inputs);
  }

  private static Set<String> addresses(Stack stack) {
    Set<String> addresses = new TreeSet<>();
    stack.resources().forEach(resource -> addresses.add(resource.address().toString()));
    return addresses;
  }

  private static Set<String> outputNames(Stack stack) {
    Set<String> names = new TreeSet<>();
    stack.outputs().forEach(output -> names.add(output.name()));
    return names;
  }

  private static OutputConfig output(Stack stack, String name) {
    return stack.outputs().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  private static ResourceConfig resource(Stack stack, String address) {
    return stack.resource(ResourceAddress.parse(address)).orElseThrow();
  }

  // Returns what the resource waits for: the edges of its references and of its dependsOn.
  private static Set<String> dependencies(Stack stack, String address) {
    Set<String> names = new TreeSet<>();
    StackGraph.build(stack).dependenciesOf(ResourceAddress.parse(address))
        .forEach(dependency -> names.add(dependency.toString()));
    return names;
  }

  // Follows property names into a resource's properties and returns the value there, which the
  // loader must have resolved to literals.
  private static JsonNode literal(Stack stack, String address, String... path) {
    Expr value = resource(stack, address).properties();
    for (String name : path) {
      value = ((Expr.ObjectExpr) value).fields().get(name);
    }
    return toJson(value);
  }

  private static JsonNode toJson(Expr value) {
    if (value instanceof Expr.ListExpr list) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      list.items().forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (value instanceof Expr.ObjectExpr object) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      object.fields().forEach((name, field) -> node.set(name, toJson(field)));
      return node;
    }
    return ((Expr.Literal) value).value();
  }

  @Test
  void sandboxStackValidatesWithoutEnvironment() {
    Stack stack = load("sandbox.yaml", VariableInputs.of(Map.of()));

    assertEquals(Set.of("rg", "logs", "net", "aks", "apps", "istio", "knative", "hello",
        "module.team-a.rbac"), addresses(stack));
    assertEquals("sandbox", stack.azure().get("cloud").asText());
    assertEquals(OUTPUTS, outputNames(stack));
    assertTrue(output(stack, "kubeconfig").sensitive());
  }

  @Test
  void sandboxClusterMatchesWalkthrough() {
    Stack stack = load("sandbox.yaml", VariableInputs.of(Map.of()));

    assertEquals("1.33", literal(stack, "aks", "kubernetesVersion").asText());
    assertEquals("Standard_DS3_v2", literal(stack, "aks", "defaultNodePool", "vmSize").asText());
    assertEquals(3, literal(stack, "aks", "defaultNodePool", "count").asInt());
    assertEquals(3, literal(stack, "aks", "defaultNodePool", "autoscaling", "min").asInt());
    assertEquals(6, literal(stack, "aks", "defaultNodePool", "autoscaling", "max").asInt());
    assertTrue(literal(stack, "aks", "rbac", "enabled").asBoolean());
    assertEquals("azure", literal(stack, "aks", "network", "plugin").asText());
    assertTrue(literal(stack, "aks", "virtualNodes", "enabled").asBoolean());
    assertEquals("sandbox", literal(stack, "aks", "tags", "env").asText());
    assertEquals("User", literal(stack, "apps", "mode").asText());
    assertEquals(Set.of("rg", "logs", "net"), dependencies(stack, "aks"));
  }

  @Test
  void sandboxStackOrdersInstallSteps() {
    Stack stack = load("sandbox.yaml", VariableInputs.of(Map.of()));

    assertTrue(dependencies(stack, "knative").contains("istio"));
    assertTrue(dependencies(stack, "hello").contains("knative"));
    assertTrue(dependencies(stack, "hello").contains("module.team-a.rbac"));
  }

  @Test
  void sandboxStackTakesEndToEndVariables() {
    VariableInputs inputs = new VariableInputs(
        Map.of("systemPoolMaxCount", "8", "appPoolVmSize", "Standard_D8s_v3"),
        List.of(), Map.of());

    Stack stack = load("sandbox.yaml", inputs);

    assertEquals(8, literal(stack, "aks", "defaultNodePool", "autoscaling", "max").asInt());
    assertEquals("Standard_D8s_v3", literal(stack, "apps", "vmSize").asText());
  }

  @Test
  void devStackValidatesWithSubscriptionFromEnvironment() {
    Stack stack = load("dev.yaml", VariableInputs.of(AZURE_ENVIRONMENT));

    assertEquals(Set.of("apps", "hello", "module.cluster.rg", "module.cluster.logs",
        "module.cluster.net", "module.cluster.aks", "module.serving.knative",
        "module.serving.module.istio.istio", "module.team-a.rbac"), addresses(stack));
    assertEquals("AzurePublic", stack.azure().get("cloud").asText());
    assertEquals(SUBSCRIPTION, stack.azure().get("subscriptionId").asText());
    assertEquals("default", stack.azure().get("credential").asText());
    assertTrue(stack.backend().isEmpty());
    assertEquals(OUTPUTS, outputNames(stack));
  }

  @Test
  void prodStackValidatesWithBlobBackend() {
    Stack stack = load("prod.yaml", VariableInputs.of(AZURE_ENVIRONMENT));

    assertEquals("azureBlob", stack.backend().orElseThrow().kind());
    assertEquals(Set.of("storageAccount", "container", "key"),
        fieldNames(stack.backend().orElseThrow().settings()));
    assertEquals(OUTPUTS, outputNames(stack));
    assertTrue(output(stack, "kubeconfig").sensitive());
  }

  @Test
  void prodStackSpreadsPoolsAcrossThreeZones() {
    Stack stack = load("prod.yaml", VariableInputs.of(AZURE_ENVIRONMENT));
    JsonNode threeZones = new ObjectMapper().createArrayNode().add("1").add("2").add("3");

    assertEquals(threeZones, literal(stack, "module.cluster.aks", "defaultNodePool", "zones"));
    assertEquals(threeZones, literal(stack, "apps", "zones"));
    assertEquals(2, literal(stack, "apps", "autoscaling", "min").asInt());
    assertEquals(20, literal(stack, "apps", "autoscaling", "max").asInt());
    assertEquals("User", literal(stack, "apps", "mode").asText());
  }

  @Test
  void prodStackKeepsLogsLongerThanDev() {
    Stack prod = load("prod.yaml", VariableInputs.of(AZURE_ENVIRONMENT));
    Stack dev = load("dev.yaml", VariableInputs.of(AZURE_ENVIRONMENT));

    int prodDays = literal(prod, "module.cluster.logs", "retentionInDays").asInt();
    int devDays = literal(dev, "module.cluster.logs", "retentionInDays").asInt();
    assertEquals(90, prodDays);
    assertEquals(30, devDays);
  }

  @Test
  void azureStacksMakeAdminGroupClusterAdmin() {
    JsonNode adminGroups = new ObjectMapper().createArrayNode().add(ADMIN_GROUP);

    for (String file : List.of("dev.yaml", "prod.yaml")) {
      Stack stack = load(file, VariableInputs.of(AZURE_ENVIRONMENT));

      assertEquals(adminGroups, literal(stack, "module.cluster.aks", "rbac", "aadAdminGroups"),
          file);
    }
  }

  @Test
  void servingWaitsForIstioInsideModule() {
    Stack stack = load("prod.yaml", VariableInputs.of(AZURE_ENVIRONMENT));

    assertTrue(dependencies(stack, "module.serving.knative")
        .contains("module.serving.module.istio.istio"));
    assertTrue(dependencies(stack, "hello").contains("module.serving.knative"));
    assertTrue(dependencies(stack, "hello").contains("module.team-a.rbac"));
  }

  @Test
  void prodStackRejectsCredentialOutsideAllowedValues() {
    Map<String, String> environment = new HashMap<>(AZURE_ENVIRONMENT);
    environment.put("PROVISIONER_VAR_azureCredential", "password");

    ConfigException error = assertThrows(ConfigException.class,
        () -> load("prod.yaml", VariableInputs.of(environment)));

    assertTrue(error.getMessage().contains("azureCredential"), error.getMessage());
  }

  @Test
  void azureStacksNeedSubscriptionFromEnvironment() {
    Map<String, String> environment = Map.of("PROVISIONER_VAR_adminGroup", ADMIN_GROUP,
        "PROVISIONER_VAR_teamGroup", TEAM_GROUP);

    for (String file : List.of("dev.yaml", "prod.yaml")) {
      ConfigException error = assertThrows(ConfigException.class,
          () -> load(file, VariableInputs.of(environment)));

      assertTrue(error.getMessage().contains("AZURE_SUBSCRIPTION_ID"), error.getMessage());
    }
  }

  @Test
  void moduleReadmesListEveryInputAndOutput() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<String> missing = new ArrayList<>();

    try (Stream<Path> folders = Files.list(MODULES)) {
      for (Path folder : folders.sorted().toList()) {
        JsonNode module = yaml.readTree(folder.resolve("module.yaml").toFile());
        String readme = Files.readString(folder.resolve("README.md"));
        for (String section : List.of("inputs", "outputs")) {
          for (String name : fieldNames(module.path(section))) {
            if (!readme.contains("`" + name + "`")) {
              missing.add(folder.getFileName() + " " + section + "." + name);
            }
          }
        }
      }
    }

    assertEquals(List.of(), missing);
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
