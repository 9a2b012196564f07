package dev.provisioner.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provisioner.sandbox.kube.KubeClusterHost;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sandbox: a cluster created through the Azure SDK is a Kubernetes API that fabric8
 * reaches with the kubeconfig from {@code listClusterUserCredential}.
 */
class SandboxKubernetesNodesTest {

  @TempDir Path world;

  private static List<Node> nodes(byte[] kubeconfig) {
    Config config = Config.fromKubeconfig(new String(kubeconfig, StandardCharsets.UTF_8));
    try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config).build()) {
      return kubernetes.nodes().list().getItems();
    }
  }

  @Test
  void seedClusterNodesAreListedWithFabric8() throws Exception {
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new KubeClusterHost(world))
            .withFaults(new FaultRules()))) {
      SandboxClients clients = new SandboxClients(sandbox);
      new SeedCluster(clients, "seed-rg", "seed");

      byte[] kubeconfig =
          clients.containers.kubernetesClusters().getByResourceGroup("seed-rg", "seed")
              .userKubeConfigContent();
      List<Node> nodes = nodes(kubeconfig);

      Map<String, Map<String, String>> labels =
          nodes.stream().collect(
              Collectors.toMap(n -> n.getMetadata().getName(), n -> n.getMetadata().getLabels()));
      assertEquals(4, nodes.size(), labels.keySet().toString());
      assertTrue(labels.containsKey("virtual-node-aci-linux"), labels.keySet().toString());
      long system =
          labels.values().stream().filter(l -> "system".equals(l.get("agentpool"))).count();
      assertEquals(3, system);
      Map<String, String> first =
          labels.entrySet().stream()
              .filter(e -> e.getKey().matches("aks-system-\\d{8}-vmss000000"))
              .findFirst().orElseThrow().getValue();
      assertEquals("Standard_DS3_v2", first.get("node.kubernetes.io/instance-type"));
      assertEquals("eastasia", first.get("topology.kubernetes.io/region"));
      assertEquals("system", first.get("kubernetes.azure.com/mode"));
      assertEquals("agent", first.get("kubernetes.io/role"));
      assertEquals("", first.get("node-role.kubernetes.io/agent"));
    }
  }

  @Test
  void kubeconfigStillWorksAfterRestart() throws Exception {
    byte[] kubeconfig;
    try (RunningSandbox sandbox =
        Sandbox.start(SandboxOptions.of(world, new KubeClusterHost(world))
            .withSynchronous(true).withFaults(new FaultRules()))) {
      SandboxClients clients = new SandboxClients(sandbox);
      new SeedCluster(clients, "seed-rg", "seed");
      kubeconfig =
          clients.containers.kubernetesClusters().getByResourceGroup("seed-rg", "seed")
              .userKubeConfigContent();
    }

    try (RunningSandbox again =
        Sandbox.start(SandboxOptions.of(world, new KubeClusterHost(world))
            .withFaults(new FaultRules()))) {
      assertEquals(4, nodes(kubeconfig).size());
    }
  }
}
