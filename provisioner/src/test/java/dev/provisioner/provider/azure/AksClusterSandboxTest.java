package dev.provisioner.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.Values;
import dev.provisioner.sandbox.FaultRule;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed cluster's life through the real SDK and real HTTPS against the sandbox. Tests run in
 * order on one cluster, because creating it is the expensive step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AksClusterSandboxTest {

  private static final String CLUSTER_PATH = "/resourceGroups/knative-dev-rg/providers"
      + "/Microsoft.ContainerService/managedClusters/knative-dev";
  private static final String API_VERSION = "?api-version=2025-09-01";

  @TempDir static Path world;
  static SandboxFixture fixture;
  static TestContext run;
  static ObjectNode cluster;

  private final AksClusterType clusters = new AksClusterType();
  private final AksNodePoolType pools = new AksNodePoolType();

  @BeforeAll
  static void createNetworkAndWorkspace() {
    fixture = new SandboxFixture(world);
    run = fixture.newRun();
    new ResourceGroupType().create(run, Stacks.yaml(
        "{ name: knative-dev-rg, location: eastasia, tags: { env: dev } }"));
    new LogAnalyticsWorkspaceType().create(run, Stacks.yaml("""
        { name: knative-dev-logs, resourceGroup: knative-dev-rg, location: eastasia,
          sku: PerGB2018, retentionInDays: 30 }
        """));
    new VirtualNetworkType().create(run, Stacks.yaml("""
        name: knative-dev-vnet
        resourceGroup: knative-dev-rg
        location: eastasia
        addressSpace: [ "10.224.0.0/12" ]
        subnets: { nodes: "10.224.0.0/16", aci: "10.225.0.0/16" }
        """));
  }

  @AfterAll
  static void stopSandbox() throws Exception {
    run.close();
    fixture.close();
  }

  private String path(String suffix) {
    return "/subscriptions/" + fixture.subscriptionId() + CLUSTER_PATH + suffix + API_VERSION;
  }

  @Test
  @Order(5)
  void plannedSubnetIdsMatchCreatedOnes() {
    VirtualNetworkType networks = new VirtualNetworkType();
    ObjectNode desired = Stacks.yaml("""
        name: spare-vnet
        resourceGroup: knative-dev-rg
        location: eastasia
        addressSpace: [ "10.0.0.0/16" ]
        subnets: { a: "10.0.1.0/24", b: { addressPrefix: "10.0.2.0/24" } }
        """);

    ObjectNode planned = networks.plan(run, desired, Optional.empty());
    ObjectNode created = networks.create(run, planned);

    assertEquals(planned.get("subnets"), created.get("subnets"));
    assertFalse(Values.containsUnknown(planned));
  }

  @Test
  @Order(10)
  void seedClusterIsCreated() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    ObjectNode planned = clusters.plan(run, desired, Optional.empty());
    assertTrue(Values.isUnknown(planned.get("kubeconfig")));

    cluster = clusters.create(run, desired);

    assertTrue(cluster.get("id").asText().endsWith("/managedClusters/knative-dev"));
    assertEquals(true, cluster.at("/rbac/enabled").asBoolean());
    assertEquals("Standard_DS3_v2", cluster.at("/defaultNodePool/vmSize").asText());
    assertEquals(3, cluster.at("/defaultNodePool/count").asInt());
    assertEquals(6, cluster.at("/defaultNodePool/autoscaling/max").asInt());
    assertEquals("aci", cluster.at("/virtualNodes/subnet").asText());
    assertEquals(desired.at("/monitoring/workspace"), cluster.at("/monitoring/workspace"));
    assertEquals("dev", cluster.at("/tags/env").asText());
    assertTrue(cluster.get("kubeconfig").asText().contains("clusters:"));
  }

  @Test
  @Order(20)
  void readBackMatchesCreate() {
    ObjectNode read = clusters.read(run, cluster).orElseThrow();

    assertEquals(cluster, read);
  }

  @Test
  @Order(25)
  void clusterIsImportedById() {
    ObjectNode imported = clusters.importResource(run, cluster.get("id").asText());

    assertEquals("knative-dev", imported.get("name").asText());
    assertEquals("knative-dev-rg", imported.get("resourceGroup").asText());
    assertEquals(cluster.at("/defaultNodePool/autoscaling"),
        imported.at("/defaultNodePool/autoscaling"));
  }

  @Test
  @Order(30)
  void credentialsListNodesWithFabric8() {
    Config config = Config.fromKubeconfig(cluster.get("kubeconfig").asText());

    try (KubernetesClient kube = new KubernetesClientBuilder().withConfig(config).build()) {
      List<String> nodes = kube.nodes().list().getItems().stream()
          .map(Node::getMetadata)
          .map(meta -> meta.getName())
          .collect(Collectors.toList());

      assertEquals(3, nodes.stream().filter(name -> name.startsWith("aks-system-")).count(),
          nodes.toString());
      assertTrue(nodes.contains("virtual-node-aci-linux"), nodes.toString());
    }
  }

  @Test
  @Order(40)
  void autoscalerBoundsChangeInPlace() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    desired.set("defaultNodePool", Stacks.yaml("""
        { name: system, vmSize: Standard_DS3_v2, count: 3, autoscaling: { min: 3, max: 8 } }
        """));
    ObjectNode planned = clusters.plan(run, desired, Optional.of(cluster));
    assertEquals(cluster.get("id"), planned.get("id"));

    ObjectNode updated = clusters.update(run, cluster, desired);

    assertEquals(8, updated.at("/defaultNodePool/autoscaling/max").asInt());
    assertEquals(cluster.get("id"), updated.get("id"));
    cluster = updated;
  }

  @Test
  @Order(45)
  void kubernetesUpgradesOneMinorInPlace() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    desired.set("defaultNodePool", cluster.get("defaultNodePool").deepCopy());
    desired.put("kubernetesVersion", "1.34");
    ObjectNode planned = clusters.plan(run, desired, Optional.of(cluster));
    assertEquals(cluster.get("id"), planned.get("id"));

    ObjectNode upgraded = clusters.update(run, cluster, desired);

    assertEquals("1.34", upgraded.get("kubernetesVersion").asText());
    assertEquals(cluster.get("id"), upgraded.get("id"));
    cluster = upgraded;
  }

  @Test
  @Order(47)
  void istioAddonIsEnabledInPlace() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    desired.set("kubernetesVersion", cluster.get("kubernetesVersion"));
    desired.set("defaultNodePool", cluster.get("defaultNodePool").deepCopy());
    desired.set("serviceMesh", Stacks.yaml("{ istio: { revisions: [ asm-1-25 ] } }"));
    ObjectNode planned = clusters.plan(run, desired, Optional.of(cluster));
    assertEquals(cluster.get("id"), planned.get("id"));

    ObjectNode updated = clusters.update(run, cluster, desired);

    assertEquals(List.of("asm-1-25"), Props.strings(updated, "serviceMesh.istio.revisions"));
    assertEquals(cluster.get("id"), updated.get("id"));
    cluster = updated;
  }

  @Test
  @Order(50)
  void vmSizeChangeIsPlannedAsReplace() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    desired.set("kubernetesVersion", cluster.get("kubernetesVersion"));
    ((ObjectNode) desired.get("defaultNodePool")).put("vmSize", "Standard_D4s_v3");

    ObjectNode planned = clusters.plan(run, desired, Optional.of(cluster));

    assertTrue(Values.isUnknown(planned.get("id")));
    assertTrue(clusters.schema().field("defaultNodePool").orElseThrow()
        .field("vmSize").orElseThrow().forceNew());
  }

  @Test
  @Order(60)
  void userNodePoolIsAddedAndRemoved() {
    ObjectNode desired = Stacks.yaml("""
        name: burst
        vmSize: Standard_D4s_v3
        autoscaling: { min: 0, max: 10 }
        taints: [ "burst=true:NoSchedule" ]
        mode: User
        """);
    desired.set("cluster", cluster.deepCopy());
    pools.plan(run, desired, Optional.empty());

    ObjectNode pool = pools.create(run, desired);
    ObjectNode read = pools.read(run, pool).orElseThrow();
    pools.delete(run, pool);

    assertEquals(List.of("burst=true:NoSchedule"),
        Props.strings(read, "taints"));
    assertEquals("User", read.get("mode").asText());
    assertTrue(pools.read(run, pool).isEmpty());
  }

  @Test
  @Order(70)
  void tagChangedOutsideShowsAsDrift() throws Exception {
    var response = new RawArm(fixture.sandbox).sendAndWait("PATCH", path(""),
        "{\"tags\":{\"env\":\"prod\"}}");
    assertTrue(response.statusCode() / 100 == 2, response.body());

    ObjectNode read = clusters.read(run, cluster).orElseThrow();

    assertEquals("prod", read.at("/tags/env").asText());
    assertFalse(read.get("tags").equals(cluster.get("tags")));
  }

  @Test
  @Order(80)
  void autoscalerNodeCountIsNotDrift() throws Exception {
    String pool = new RawArm(fixture.sandbox).send("GET", path("/agentPools/system"), null).body();
    String scaled = pool.replaceFirst("\"count\"\\s*:\\s*3", "\"count\":5");
    var response =
        new RawArm(fixture.sandbox).sendAndWait("PUT", path("/agentPools/system"), scaled);
    assertTrue(response.statusCode() / 100 == 2, response.body());

    ObjectNode read = clusters.read(run, cluster).orElseThrow();

    assertEquals(cluster.at("/defaultNodePool/count"), read.at("/defaultNodePool/count"));
  }

  @Test
  @Order(90)
  void throttlingAndServerErrorsAreRetried() {
    fixture.sandbox.faults().add(FaultRule.status("GET", "managedClusters/knative-dev$", 429, 1)
        .times(1));
    fixture.sandbox.faults().add(FaultRule.status("GET", "managedClusters/knative-dev$", 500, 0)
        .times(1));

    Optional<ObjectNode> read = clusters.read(run, cluster);

    assertTrue(read.isPresent());
    assertEquals(List.of(), fixture.sandbox.faults().rules());
  }

  @Test
  @Order(100)
  void failedOperationReportsArmCode() {
    fixture.sandbox.faults().add(FaultRule.failOperation("PUT", "agentPools/spot$",
        "QuotaExceeded", "Operation could not be completed as it results in exceeding approved"
            + " standardDSv3Family Cores quota.").times(1));
    ObjectNode desired = Stacks.yaml("{ name: spot, vmSize: Standard_D4s_v3, count: 1 }");
    desired.set("cluster", cluster.deepCopy());

    ProviderException error = assertThrows(ProviderException.class,
        () -> pools.create(run, desired));

    assertEquals("QuotaExceeded", error.code());
    assertTrue(error.getMessage().contains("creating node pool spot"), error.getMessage());
    assertTrue(error.getMessage().contains("exceeding approved"), error.getMessage());
    assertFalse(error.getMessage().contains("QuotaExceeded"), error.getMessage());
  }

  @Test
  @Order(110)
  void kubernetesVersionNotOfferedIsRejectedAtPlan() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    desired.put("name", "other");
    desired.put("kubernetesVersion", "1.19");

    ProviderException error = assertThrows(ProviderException.class,
        () -> clusters.plan(run, desired, Optional.empty()));

    assertEquals("KubernetesVersionNotSupported", error.code());
  }

  @Test
  @Order(120)
  void vmSizeNotOfferedIsRejectedAtPlan() {
    ObjectNode desired = Stacks.seedCluster(fixture.subscriptionId());
    desired.put("name", "other");
    ((ObjectNode) desired.get("defaultNodePool")).put("vmSize", "Standard_Q9_v9");

    ProviderException error = assertThrows(ProviderException.class,
        () -> clusters.plan(run, desired, Optional.empty()));

    assertEquals("VMSizeNotSupported", error.code());
  }

  @Test
  @Order(130)
  void deletedClusterReadsAsGone() {
    clusters.delete(run, cluster);

    assertTrue(clusters.read(run, cluster).isEmpty());
  }
}
