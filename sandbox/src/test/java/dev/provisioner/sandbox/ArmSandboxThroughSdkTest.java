package dev.provisioner.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.KubernetesVersion;
import com.azure.resourcemanager.containerservice.models.TagsObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's ARM endpoint driven by the Azure SDK management libraries over HTTPS, with
 * asynchronous operations polled as against Azure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArmSandboxThroughSdkTest {

  @TempDir static Path world;

  private final RecordingClusterHost host = new RecordingClusterHost();
  private RunningSandbox sandbox;
  private SandboxClients clients;
  private SeedCluster seed;

  @BeforeAll
  void startSandboxAndCreateSeed() throws Exception {
    sandbox = Sandbox.start(SandboxOptions.of(world, host).withFaults(new FaultRules()));
    clients = new SandboxClients(sandbox);
    seed = new SeedCluster(clients, "seed-rg", "seed");
  }

  @AfterAll
  void stopSandbox() {
    sandbox.close();
  }

  private ManagedClustersClient clusters() {
    return clients.containers.serviceClient().getManagedClusters();
  }

  private AgentPoolsClient pools() {
    return clients.containers.serviceClient().getAgentPools();
  }

  @Test
  void seedClusterReadsBackWithComputedProperties() {
    ManagedClusterInner cluster = clusters().getByResourceGroup("seed-rg", "seed");

    assertEquals("Succeeded", cluster.provisioningState());
    assertEquals("1.33.3", cluster.currentKubernetesVersion());
    assertTrue(cluster.enableRbac());
    assertEquals("MC_seed-rg_seed_eastasia", cluster.nodeResourceGroup());
    assertTrue(cluster.fqdn().matches("seed-[0-9a-f]{8}\\.hcp\\.eastasia\\.azmk8s\\.io"));
    assertNotNull(cluster.identityProfile().get("kubeletidentity").clientId());
    assertTrue(cluster.oidcIssuerProfile().issuerUrl().startsWith("https://eastasia.oic."));
    assertEquals("Running", cluster.powerState().code().toString());
    assertNotNull(cluster.identity().principalId());
    assertEquals(Map.of("env", "dev", "team", "platform"), cluster.tags());
    assertEquals(List.of(SeedCluster.ADMIN_GROUP), cluster.aadProfile().adminGroupObjectIDs());
  }

  @Test
  void seedClusterPoolKeepsAutoscalerBounds() {
    AgentPoolInner pool = pools().get("seed-rg", "seed", "system");

    assertEquals("Standard_DS3_v2", pool.vmSize());
    assertEquals(3, pool.count());
    assertTrue(pool.enableAutoScaling());
    assertEquals(3, pool.minCount());
    assertEquals(6, pool.maxCount());
    assertEquals(AgentPoolMode.SYSTEM, pool.mode());
    assertEquals("1.33", pool.orchestratorVersion());
    assertEquals("1.33.3", pool.currentOrchestratorVersion());
    assertEquals("Succeeded", pool.provisioningState());
  }

  @Test
  void seedClusterNodesAndAddonsReachClusterHost() {
    List<NodeSpec> nodes = host.nodesOf(seed.clusterId);

    Set<String> names = nodes.stream().map(NodeSpec::name).collect(Collectors.toSet());
    assertTrue(names.contains("virtual-node-aci-linux"), names.toString());
    List<NodeSpec> system =
        nodes.stream().filter(n -> "system".equals(n.labels().get("agentpool"))).toList();
    assertTrue(system.size() >= 3, nodes.toString());
    NodeSpec first = system.get(0);
    assertTrue(first.name().matches("aks-system-\\d{8}-vmss000000"), first.name());
    assertEquals("system", first.labels().get("kubernetes.azure.com/mode"));
    assertEquals("Standard_DS3_v2", first.labels().get("node.kubernetes.io/instance-type"));
    assertEquals("eastasia", first.labels().get("topology.kubernetes.io/region"));
    assertEquals(Set.of("omsagent", "aciConnectorLinux", "istio"), host.addons.get(
        seed.clusterId.toLowerCase()));
  }

  @Test
  void userPoolIsAddedScaledAndRemoved() {
    AgentPoolInner burst =
        new AgentPoolInner()
            .withVmSize("Standard_D4s_v3")
            .withCount(2)
            .withMode(AgentPoolMode.USER)
            .withNodeLabels(Map.of("workload", "burst"))
            .withNodeTaints(List.of("burst=true:NoSchedule"));

    AgentPoolInner created = pools().createOrUpdate("seed-rg", "seed", "burst", burst);
    AgentPoolInner scaled =
        pools().createOrUpdate("seed-rg", "seed", "burst", created.withCount(4));
    List<NodeSpec> whileScaled = host.nodesOf(seed.clusterId);
    pools().delete("seed-rg", "seed", "burst");

    assertEquals("Succeeded", created.provisioningState());
    assertEquals(4, scaled.count());
    List<NodeSpec> burstNodes =
        whileScaled.stream().filter(n -> "burst".equals(n.labels().get("agentpool"))).toList();
    assertEquals(4, burstNodes.size());
    assertEquals(List.of("burst=true:NoSchedule"), burstNodes.get(0).taints());
    assertEquals("burst", burstNodes.get(0).labels().get("workload"));
    assertTrue(host.nodesOf(seed.clusterId).stream()
        .noneMatch(n -> "burst".equals(n.labels().get("agentpool"))));
    ManagementException gone =
        assertThrows(ManagementException.class, () -> pools().get("seed-rg", "seed", "burst"));
    assertEquals(404, gone.getResponse().getStatusCode());
  }

  @Test
  void defaultPoolScalesInPlaceThroughClusterUpdate() {
    ManagedClusterInner cluster = clusters().getByResourceGroup("seed-rg", "seed");
    cluster.agentPoolProfiles().get(0).withCount(4);

    ManagedClusterInner scaled = clusters().createOrUpdate("seed-rg", "seed", cluster);
    int scaledCount = scaled.agentPoolProfiles().get(0).count();
    long systemNodes = host.nodesOf(seed.clusterId).stream()
        .filter(n -> "system".equals(n.labels().get("agentpool"))).count();
    clusters().createOrUpdate("seed-rg", "seed", scaled.withAgentPoolProfiles(
        List.of(scaled.agentPoolProfiles().get(0).withCount(3))));

    assertEquals("Succeeded", scaled.provisioningState());
    assertEquals(4, scaledCount);
    assertEquals(cluster.fqdn(), scaled.fqdn());
    assertEquals(4, systemNodes);
  }

  @Test
  void defaultSubscriptionIsTheSandboxOne() {
    String subscription =
        com.azure.resourcemanager.resources.ResourceManager.configure()
            .withHttpClient(clients.httpClient)
            .authenticate(clients.credential, clients.profile)
            .withDefaultSubscription()
            .subscriptionId();

    assertEquals(sandbox.subscriptionId(), subscription);
  }

  @Test
  void armCallsAreCounted() {
    long before = sandbox.armRequestCount();

    clients.resources.resourceGroups().getByName("seed-rg");

    assertEquals(before + 1, sandbox.armRequestCount());
  }

  @Test
  void changingPoolVmSizeIsRejected() {
    AgentPoolInner pool = pools().get("seed-rg", "seed", "system");

    ManagementException error =
        assertThrows(
            ManagementException.class,
            () -> pools().createOrUpdate("seed-rg", "seed", "system",
                pool.withVmSize("Standard_D8s_v3")));

    assertEquals("PropertyChangeNotAllowed", error.getValue().getCode());
    assertEquals(400, error.getResponse().getStatusCode());
  }

  @Test
  void userCredentialIsClusterHostKubeconfig() {
    byte[] kubeconfig =
        clients.containers.kubernetesClusters().getByResourceGroup("seed-rg", "seed")
            .userKubeConfigContent();

    assertEquals(
        RecordingClusterHost.kubeconfigFor("seed"), new String(kubeconfig, StandardCharsets.UTF_8));
  }

  @Test
  void tagsUpdateInPlace() {
    ManagedClusterInner updated =
        clusters().updateTags("seed-rg", "seed",
            new TagsObject().withTags(Map.of("env", "dev", "team", "platform", "cost", "7")));

    assertEquals("7", updated.tags().get("cost"));
    assertEquals("7", clusters().getByResourceGroup("seed-rg", "seed").tags().get("cost"));
    clusters().updateTags("seed-rg", "seed",
        new TagsObject().withTags(Map.of("env", "dev", "team", "platform")));
  }

  @Test
  void throttlingAndServerErrorsAreRetriedBySdk() {
    sandbox.faults().add(FaultRule.status("GET", "/resourcegroups/seed-rg$", 429, 1).times(1));
    sandbox.faults().add(FaultRule.status("GET", "/resourcegroups/seed-rg$", 500, 0).times(1));

    String location = clients.resources.resourceGroups().getByName("seed-rg").regionName();

    assertEquals("eastasia", location);
    assertTrue(sandbox.faults().rules().isEmpty(), sandbox.faults().rules().toString());
  }

  @Test
  void failedOperationReportsArmCode() {
    sandbox.faults().add(
        FaultRule.failOperation("PUT", "/agentpools/spot$", "QuotaExceeded",
            "Operation could not be completed as it results in exceeding approved cores quota.")
            .times(1));
    AgentPoolInner spot =
        new AgentPoolInner().withVmSize("Standard_D2s_v3").withCount(1)
            .withMode(AgentPoolMode.USER);

    ManagementException error =
        assertThrows(
            ManagementException.class,
            () -> pools().createOrUpdate("seed-rg", "seed", "spot", spot));

    assertEquals("QuotaExceeded", error.getValue().getCode());
    assertEquals("Failed", pools().get("seed-rg", "seed", "spot").provisioningState());
    pools().delete("seed-rg", "seed", "spot");
  }

  @Test
  void invalidPoolIsRejectedBeforeAnyChange() {
    AgentPoolInner invalid =
        new AgentPoolInner().withVmSize("Standard_D2s_v3").withCount(8)
            .withEnableAutoScaling(true).withMinCount(1).withMaxCount(5)
            .withMode(AgentPoolMode.USER);

    ManagementException error =
        assertThrows(
            ManagementException.class,
            () -> pools().createOrUpdate("seed-rg", "seed", "invalid", invalid));

    assertEquals("InvalidParameter", error.getValue().getCode());
    assertThrows(ManagementException.class, () -> pools().get("seed-rg", "seed", "invalid"));
  }

  @Test
  void resourceGroupExistenceUsesHead() {
    assertTrue(clients.resources.resourceGroups().contain("seed-rg"));
    assertFalse(clients.resources.resourceGroups().contain("absent-rg"));
  }

  @Test
  void kubernetesVersionsListCurrentMinors() {
    List<KubernetesVersion> versions =
        clusters().listKubernetesVersions(SeedCluster.LOCATION).values();

    assertEquals(
        List.of("1.31", "1.32", "1.33", "1.34"),
        versions.stream().map(KubernetesVersion::version).toList());
    assertTrue(versions.get(2).isDefault());
  }

  @Test
  void wrongTokenIsRejected() throws Exception {
    SandboxClients stranger = new SandboxClients(sandbox, "not-the-token");

    ManagementException error =
        assertThrows(
            ManagementException.class,
            () -> stranger.resources.resourceGroups().getByName("seed-rg"));

    assertEquals(401, error.getResponse().getStatusCode());
    assertEquals("AuthenticationFailed", error.getValue().getCode());
  }

  @Test
  void deletingResourceGroupDeletesItsCluster() {
    SeedCluster doomed = new SeedCluster(clients, "doomed-rg", "doomed");

    clients.resources.resourceGroups().deleteByName("doomed-rg");

    assertFalse(clients.resources.resourceGroups().contain("doomed-rg"));
    assertTrue(host.calls.contains("delete " + doomed.clusterId), host.calls.toString());
  }
}
