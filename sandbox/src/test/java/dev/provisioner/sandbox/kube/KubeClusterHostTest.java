package dev.provisioner.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.sandbox.ClusterEndpoint;
import dev.provisioner.sandbox.NodeSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClusterHostTest {

  private static final String CLUSTER_ID =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
          + "Microsoft.ContainerService/managedClusters/dev";

  @Test
  void nodesMatchTheSyncedPools(@TempDir Path world) {
    try (KubeClusterHost host = new KubeClusterHost(world)) {
      ClusterEndpoint endpoint = host.start(CLUSTER_ID, "dev", "1.30.5");
      host.syncNodes(
          CLUSTER_ID,
          List.of(
              systemNode("aks-system-12345678-vmss000000"),
              systemNode("aks-system-12345678-vmss000001")));
      host.syncNodes(CLUSTER_ID, List.of(systemNode("aks-system-12345678-vmss000000")));

      try (KubernetesClient client = client(endpoint)) {
        List<Node> nodes = client.nodes().list().getItems();

        assertEquals(1, nodes.size());
        Node node = nodes.get(0);
        assertEquals("system", node.getMetadata().getLabels().get("agentpool"));
        assertEquals("v1.30.5", node.getStatus().getNodeInfo().getKubeletVersion());
        NodeCondition ready =
            node.getStatus().getConditions().stream()
                .filter(condition -> condition.getType().equals("Ready"))
                .findFirst()
                .orElseThrow();
        assertEquals("True", ready.getStatus());
        assertEquals("CriticalAddonsOnly", node.getSpec().getTaints().get(0).getKey());
      }
    }
  }

  @Test
  void repeatedNodeSyncChangesNothing(@TempDir Path world) {
    try (KubeClusterHost host = new KubeClusterHost(world)) {
      ClusterEndpoint endpoint = host.start(CLUSTER_ID, "dev", "1.30.5");
      host.syncNodes(CLUSTER_ID, List.of(systemNode("aks-system-12345678-vmss000000")));

      try (KubernetesClient client = client(endpoint)) {
        String before = client.nodes().list().getItems().get(0).getMetadata().getResourceVersion();
        host.syncNodes(CLUSTER_ID, List.of(systemNode("aks-system-12345678-vmss000000")));
        String after = client.nodes().list().getItems().get(0).getMetadata().getResourceVersion();

        assertEquals(before, after);
      }
    }
  }

  @Test
  void addonWorkloadsFollowTheEnabledAddons(@TempDir Path world) {
    try (KubeClusterHost host = new KubeClusterHost(world)) {
      ClusterEndpoint endpoint = host.start(CLUSTER_ID, "dev", "1.30.5");
      host.syncAddons(CLUSTER_ID, Set.of("omsagent", "istio"));
      host.syncAddons(CLUSTER_ID, Set.of("omsagent", "aciConnectorLinux"));

      try (KubernetesClient client = client(endpoint)) {
        assertNotNull(
            client.apps().daemonSets().inNamespace("kube-system").withName("ama-logs").get());
        assertNotNull(
            client
                .apps()
                .deployments()
                .inNamespace("kube-system")
                .withName("aci-connector-linux")
                .get());
        assertNull(client.namespaces().withName("aks-istio-system").get());
      }
    }
  }

  @Test
  void kubeconfigFromEarlierRunWorksAfterRestart(@TempDir Path world) {
    ClusterEndpoint first;
    try (KubeClusterHost host = new KubeClusterHost(world)) {
      first = host.start(CLUSTER_ID, "dev", "1.30.5");
      host.syncNodes(CLUSTER_ID, List.of(systemNode("aks-system-12345678-vmss000000")));
    }

    try (KubeClusterHost host = new KubeClusterHost(world)) {
      host.start(CLUSTER_ID.toUpperCase(), "dev", "1.30.5");

      try (KubernetesClient client = client(first)) {
        assertEquals(1, client.nodes().list().getItems().size());
      }
    }
  }

  @Test
  void deletedClusterLeavesNoFolder(@TempDir Path world) throws Exception {
    try (KubeClusterHost host = new KubeClusterHost(world)) {
      host.start(CLUSTER_ID, "dev", "1.30.5");

      host.delete(CLUSTER_ID);

      try (var children = Files.list(world.resolve("clusters"))) {
        assertFalse(children.findAny().isPresent());
      }
    }
  }

  private static NodeSpec systemNode(String name) {
    return new NodeSpec(
        name,
        Map.of("agentpool", "system", "kubernetes.azure.com/mode", "system"),
        List.of("CriticalAddonsOnly=true:NoSchedule"),
        "v1.30.5");
  }

  private static KubernetesClient client(ClusterEndpoint endpoint) {
    assertTrue(endpoint.kubeconfig().contains("certificate-authority-data"));
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(endpoint.kubeconfig()))
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }
}
