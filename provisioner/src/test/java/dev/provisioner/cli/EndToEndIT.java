package dev.provisioner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provisioner.state.LocalBackend;
import dev.provisioner.state.OutputState;
import dev.provisioner.state.ResourceState;
import dev.provisioner.state.StateDocument;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the packaged CLI ({@code target/provisioner.jar}) in child JVMs through the whole
 * sandbox flow on a copy of {@code stacks/} and {@code modules/}: apply, a no-change plan, an
 * in-place update, a replacement, the kubeconfig output against {@code sandbox serve}, bad
 * input, and destroy. Each step is a test method, run in order on one folder. A step runs only
 * when every earlier step passed, so the first failure is the one reported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ALL_RESOURCES = List.of("rg", "logs", "net", "aks", "apps",
      "istio", "knative", "module.team-a.rbac", "hello");
  private static final String RAISE_MAX = "systemPoolMaxCount=8";
  private static final String NEW_VM_SIZE = "appPoolVmSize=Standard_D8s_v3";

  private ChildProcesses children;
  private Path work;
  private Path stateFile;
  private Path world;
  private boolean earlierStepFailed;

  @BeforeAll
  void copyStacks() throws IOException {
    Path repository = Path.of(System.getProperty("provisioner.repository", "..")).toAbsolutePath()
        .normalize();
    Path jar = Path.of(System.getProperty("provisioner.jar", "target/provisioner.jar"))
        .toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "package the CLI first: " + jar + " is missing");
    work = Files.createTempDirectory("provisioner-e2e-");
    copyTree(repository.resolve("stacks"), work.resolve("stacks"));
    copyTree(repository.resolve("modules"), work.resolve("modules"));
    stateFile = work.resolve("stacks/.provisioner/sandbox.state.json");
    world = work.resolve("stacks/.provisioner/sandbox");
    children = new ChildProcesses(jar, work, manifestMirror(repository));
  }

  // The release manifests come from a mirror so that the run needs no network: the one named
  // by PROVISIONER_MANIFEST_MIRROR, else the fixtures folder beside the repository.
  private static Path manifestMirror(Path repository) {
    String variable = System.getenv(RunSession.MANIFEST_MIRROR_VARIABLE);
    Path mirror = variable == null || variable.isBlank()
        ? repository.resolve("../shared/fixtures") : Path.of(variable);
    return mirror.toAbsolutePath().normalize();
  }

  @AfterAll
  void stopChildrenAndDeleteCopy() throws IOException, InterruptedException {
    if (children != null) {
      children.stopAll();
    }
    if (work != null && !Boolean.getBoolean("provisioner.e2e.keep")) {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  // The flag is set before a step and cleared after it, so it stays set when the step throws.
  private void step(ThrowingStep body) throws Exception {
    assumeTrue(!earlierStepFailed, "an earlier step failed");
    earlierStepFailed = true;
    body.run();
    earlierStepFailed = false;
  }

  @Test
  @Order(1)
  void applyCreatesEverything() throws Exception {
    step(() -> {
      ChildProcesses.Result apply = children.run("apply", "stacks/sandbox.yaml",
          "--auto-approve");

      assertEquals(0, apply.exitCode(), apply.toString());
      assertTrue(apply.out().contains("Plan: 9 to add, 0 to change, 0 to replace, 0 to destroy."),
          apply.out());
      assertTrue(apply.out().contains("Apply complete! Resources: 9 added, 0 changed, "
          + "0 destroyed."), apply.out());
      assertBefore(apply.out(), "rg: Creation complete", "aks: Creating...");
      assertBefore(apply.out(), "aks: Creation complete", "istio: Creating...");
      assertBefore(apply.out(), "istio: Creation complete", "knative: Creating...");
      assertBefore(apply.out(), "knative: Creation complete", "hello: Creating...");
      assertTrue(apply.out().contains("Outputs:"), apply.out());
      assertTrue(apply.out().contains("kubeconfig = (sensitive value)"), apply.out());
      assertFalse(apply.out().contains("client-certificate-data"), apply.out());
      StateDocument state = state();
      assertEquals(sorted(ALL_RESOURCES), sorted(addresses(state)));
      Map<String, OutputState> outputs = state.outputs();
      assertEquals("sandbox-aks", outputs.get("clusterName").value().asText());
      assertTrue(outputs.get("fqdn").value().asText().endsWith(".azmk8s.io"), outputs.toString());
      assertEquals("MC_sandbox-rg_sandbox-aks_westeurope",
          outputs.get("nodeResourceGroup").value().asText());
      assertEquals("http://hello.team-a.apps.example.com",
          outputs.get("helloUrl").value().asText());
      assertTrue(outputs.get("kubeconfig").sensitive());
      assertFalse(outputs.get("helloUrl").sensitive());
      assertEquals(List.of("sandbox-rg"), armResourceGroups());
      assertEquals(List.of("sandbox-aks"), armNames("Microsoft.ContainerService/managedClusters"));
      assertEquals(List.of("apps", "system"), armPoolNames());
    });
  }

  @Test
  @Order(2)
  void secondPlanHasNoChanges() throws Exception {
    step(() -> {
      ChildProcesses.Result plan = children.run("plan", "stacks/sandbox.yaml",
          "--detailed-exitcode");

      assertEquals(0, plan.exitCode(), plan.toString());
      assertTrue(plan.out().contains("No changes."), plan.out());
    });
  }

  @Test
  @Order(3)
  void badInputFailsAndKeepsState() throws Exception {
    step(() -> {
      byte[] before = Files.readAllBytes(stateFile);

      ChildProcesses.Result notANumber = children.run("apply", "stacks/sandbox.yaml",
          "--auto-approve", "--var", "nodeCount=abc");
      ChildProcesses.Result undeclared = children.run("apply", "stacks/sandbox.yaml",
          "--auto-approve", "--var", "dnsPrefix=-bad-");
      ChildProcesses.Result maxBelowMin = children.run("apply", "stacks/sandbox.yaml",
          "--auto-approve", "--var", "systemPoolMaxCount=2");

      assertEquals(1, notANumber.exitCode(), notANumber.toString());
      assertTrue(notANumber.err().contains("invalid value for variable 'nodeCount'"),
          notANumber.err());
      assertTrue(notANumber.err().contains("'abc' is not a whole number"), notANumber.err());
      assertEquals(1, undeclared.exitCode(), undeclared.toString());
      assertTrue(undeclared.err().contains("no variable 'dnsPrefix' is declared"),
          undeclared.err());
      assertEquals(1, maxBelowMin.exitCode(), maxBelowMin.toString());
      assertTrue(maxBelowMin.err().matches("(?s).*stacks/sandbox\\.yaml:\\d+:\\d+: invalid "
          + "property 'defaultNodePool\\.autoscaling' in resource 'aks'.*"), maxBelowMin.err());
      assertFalse(maxBelowMin.out().contains("Creating..."), maxBelowMin.out());
      assertArrayEquals(before, Files.readAllBytes(stateFile), "the state file changed");
    });
  }

  @Test
  @Order(4)
  void raisedMaximumUpdatesClusterInPlace() throws Exception {
    step(() -> {
      ChildProcesses.Result plan = children.run("plan", "stacks/sandbox.yaml",
          "--var", RAISE_MAX);
      ChildProcesses.Result apply = children.run("apply", "stacks/sandbox.yaml",
          "--auto-approve", "--var", RAISE_MAX);

      assertEquals(0, plan.exitCode(), plan.toString());
      assertTrue(plan.out().contains("# aks will be updated in place"), plan.out());
      assertTrue(plan.out().contains("defaultNodePool.autoscaling.max = 6 -> 8"), plan.out());
      assertTrue(plan.out().contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy."),
          plan.out());
      assertEquals(1, countActions(plan.out()), plan.out());
      assertEquals(0, apply.exitCode(), apply.toString());
      assertTrue(apply.out().contains("Apply complete! Resources: 0 added, 1 changed, "
          + "0 destroyed."), apply.out());
      JsonNode pool = attributes("aks").path("defaultNodePool");
      assertEquals(8, pool.path("autoscaling").path("max").asInt(), pool.toString());
      assertEquals(8, armPool("system").path("maxCount").asInt());
    });
  }

  @Test
  @Order(5)
  void newVmSizeReplacesUserPoolOnly() throws Exception {
    step(() -> {
      String oldPoolId = attributes("apps").path("id").asText();

      ChildProcesses.Result plan = children.run("plan", "stacks/sandbox.yaml",
          "--var", RAISE_MAX, "--var", NEW_VM_SIZE);
      ChildProcesses.Result apply = children.run("apply", "stacks/sandbox.yaml",
          "--auto-approve", "--var", RAISE_MAX, "--var", NEW_VM_SIZE);

      assertEquals(0, plan.exitCode(), plan.toString());
      assertTrue(plan.out().contains("# apps must be replaced"), plan.out());
      assertTrue(plan.out().matches(
          "(?s).*vmSize = \"Standard_D4s_v3\" -> \"Standard_D8s_v3\" # forces replacement.*"),
          plan.out());
      assertTrue(plan.out().contains("Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy."),
          plan.out());
      assertEquals(1, countActions(plan.out()), plan.out());
      assertEquals(0, apply.exitCode(), apply.toString());
      assertTrue(apply.out().contains("Apply complete! Resources: 1 added, 0 changed, "
          + "1 destroyed."), apply.out());
      assertBefore(apply.out(), "apps: Destruction complete", "apps: Creating...");
      assertEquals("Standard_D8s_v3", attributes("apps").path("vmSize").asText());
      assertFalse(oldPoolId.isEmpty());
      assertEquals("Standard_D8s_v3",
          armPool("apps").path("vmSize").asText());
      assertEquals("Standard_DS3_v2",
          armPool("system").path("vmSize").asText());
    });
  }

  @Test
  @Order(6)
  void kubeconfigListsNodesWhileServing() throws Exception {
    step(() -> {
      ChildProcesses.Result all = children.run("output", "stacks/sandbox.yaml");
      ChildProcesses.Result kubeconfig = children.run("output", "stacks/sandbox.yaml",
          "kubeconfig");
      assertEquals(0, kubeconfig.exitCode(), kubeconfig.toString());
      assertTrue(all.out().contains("kubeconfig = (sensitive value)"), all.out());
      assertTrue(all.out().contains("clusterName = \"sandbox-aks\""), all.out());

      Process serve = children.start("sandbox", "serve", "stacks/sandbox.yaml");
      children.awaitOutput(serve, "Serving until Ctrl-C.");
      List<String> nodes;
      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(kubeconfig.out())).build()) {
        nodes = client.nodes().list().getItems().stream()
            .map(EndToEndIT::describe).sorted().toList();
      } finally {
        children.stop(serve);
      }

      assertEquals(4, nodes.size(), nodes.toString());
      assertEquals(3, nodes.stream().filter(node -> node.startsWith("system ")).count(),
          nodes.toString());
      assertTrue(nodes.stream().anyMatch(node -> node.startsWith("virtual-kubelet ")),
          nodes.toString());
    });
  }

  @Test
  @Order(7)
  void destroyRemovesEverything() throws Exception {
    step(() -> {
      ChildProcesses.Result destroy = children.run("destroy", "stacks/sandbox.yaml",
          "--auto-approve", "--var", RAISE_MAX, "--var", NEW_VM_SIZE);

      assertEquals(0, destroy.exitCode(), destroy.toString());
      assertTrue(destroy.out().contains("Destroy complete! Resources: 9 destroyed."),
          destroy.out());
      assertTrue(destroy.out().contains("  # rg will be destroyed\n"), destroy.out());
      assertBefore(destroy.out(), "hello: Destruction complete", "knative: Destroying...");
      assertBefore(destroy.out(), "knative: Destruction complete", "istio: Destroying...");
      assertBefore(destroy.out(), "apps: Destruction complete", "aks: Destroying...");
      assertBefore(destroy.out(), "aks: Destruction complete", "rg: Destroying...");
      assertTrue(state().resources().isEmpty(), state().resources().toString());
      assertTrue(state().outputs().isEmpty(), state().outputs().toString());
      assertEquals(List.of(), armResourceGroups());
      assertEquals(List.of(), armNames("Microsoft.ContainerService/managedClusters"));
    });
  }

  private StateDocument state() {
    return new LocalBackend(stateFile).read().orElseThrow();
  }

  private JsonNode attributes(String address) {
    return state().resources().stream().filter(resource -> resource.address().equals(address))
        .findFirst().map(ResourceState::attributes)
        .orElseThrow(() -> new AssertionError(address + " is not in the state"));
  }

  private static List<String> addresses(StateDocument state) {
    return state.resources().stream().map(ResourceState::address).toList();
  }

  // The sandbox saves its ARM resources, by id, in the world folder when each run ends.
  private List<JsonNode> armResources() throws IOException {
    JsonNode root = JSON.readTree(world.resolve("arm/resources.json").toFile());
    List<JsonNode> resources = new ArrayList<>();
    root.forEach(resources::add);
    return resources;
  }

  private List<String> armResourceGroups() throws IOException {
    return armResources().stream()
        .filter(resource -> resource.path("id").asText().matches("(?i)/subscriptions/[^/]+"
            + "/resourceGroups/[^/]+"))
        .map(resource -> resource.path("name").asText()).sorted().toList();
  }

  private List<String> armNames(String type) throws IOException {
    return armResources().stream()
        .filter(resource -> resource.path("type").asText().equalsIgnoreCase(type))
        .map(resource -> resource.path("name").asText()).sorted().toList();
  }

  // The sandbox stores a cluster's node pools in the cluster's agentPoolProfiles.
  private List<JsonNode> armPools() throws IOException {
    JsonNode cluster = armResources().stream()
        .filter(resource -> resource.path("type").asText()
            .equalsIgnoreCase("Microsoft.ContainerService/managedClusters"))
        .findFirst().orElseThrow(() -> new AssertionError("no managed cluster in ARM"));
    List<JsonNode> pools = new ArrayList<>();
    cluster.path("properties").path("agentPoolProfiles").forEach(pools::add);
    return pools;
  }

  private List<String> armPoolNames() throws IOException {
    return armPools().stream().map(pool -> pool.path("name").asText()).sorted().toList();
  }

  private JsonNode armPool(String name) throws IOException {
    return armPools().stream().filter(pool -> pool.path("name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no agent pool " + name + " in ARM"));
  }

  private static String describe(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    String role = labels.getOrDefault("agentpool", labels.getOrDefault("type", "?"));
    return role + " " + node.getMetadata().getName();
  }

  private static void assertBefore(String text, String first, String second) {
    int firstAt = text.indexOf(first);
    int secondAt = text.indexOf(second);
    assertTrue(firstAt >= 0, "missing '" + first + "' in\n" + text);
    assertTrue(secondAt >= 0, "missing '" + second + "' in\n" + text);
    assertTrue(firstAt < secondAt, "'" + first + "' should come before '" + second + "' in\n"
        + text);
  }

  // Counts the plan's per-resource headers, such as "# aks will be updated in place".
  private static long countActions(String plan) {
    return plan.lines().filter(line -> line.matches("\\s*# \\S+ (will be|must be) .*")).count();
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().collect(Collectors.toList());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        String relative = from.relativize(path).toString();
        if (relative.startsWith(".provisioner")) {
          continue;
        }
        Path target = to.resolve(relative);
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @FunctionalInterface
  private interface ThrowingStep {
    void run() throws Exception;
  }
}
