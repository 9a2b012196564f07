package dev.provisioner.provider.azure;

import dev.provisioner.sandbox.ClusterEndpoint;
import dev.provisioner.sandbox.ClusterHost;
import dev.provisioner.sandbox.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link ClusterHost} that serves each cluster's Kubernetes API with fabric8's mock server in
 * CRUD mode on 127.0.0.1, without persistence or authentication: enough for the Azure provider's
 * tests to list the Nodes that ARM asked for.
 */
final class CrudClusterHost implements ClusterHost {

  private final Map<String, KubernetesMockServer> servers = new HashMap<>();

  @Override
  public synchronized ClusterEndpoint start(
      String clusterId, String clusterName, String kubernetesVersion) {
    KubernetesMockServer server = servers.computeIfAbsent(clusterId, id -> {
      KubernetesMockServer started = new KubernetesMockServer(new Context(), new MockWebServer(),
          new HashMap<>(), new KubernetesCrudDispatcher(), false);
      try {
        started.init(InetAddress.getByName("127.0.0.1"), 0);
      } catch (UnknownHostException e) {
        throw new UncheckedIOException(e);
      }
      return started;
    });
    String url = "http://127.0.0.1:" + server.getPort();
    String kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster: { server: "%2$s" }
        users:
        - name: clusterUser_%1$s
          user: { token: test-token }
        contexts:
        - name: %1$s
          context: { cluster: %1$s, user: clusterUser_%1$s }
        current-context: %1$s
        """.formatted(clusterName, url);
    return new ClusterEndpoint(url, kubeconfig);
  }

  @Override
  public synchronized void syncNodes(String clusterId, List<NodeSpec> nodes) {
    KubernetesMockServer server = servers.get(clusterId);
    if (server == null) {
      return;
    }
    try (NamespacedKubernetesClient client = server.createClient()) {
      Set<String> wanted = nodes.stream().map(NodeSpec::name).collect(Collectors.toSet());
      client.nodes().list().getItems().stream()
          .filter(node -> !wanted.contains(node.getMetadata().getName()))
          .forEach(node -> client.nodes().withName(node.getMetadata().getName()).delete());
      for (NodeSpec spec : nodes) {
        if (client.nodes().withName(spec.name()).get() == null) {
          client.nodes().resource(new NodeBuilder()
              .withNewMetadata().withName(spec.name()).withLabels(spec.labels()).endMetadata()
              .build()).create();
        }
      }
    }
  }

  @Override
  public void syncAddons(String clusterId, Set<String> addons) {
    // The provider's tests check add-ons through ARM; this host keeps no add-on workloads.
  }

  @Override
  public synchronized void delete(String clusterId) {
    KubernetesMockServer server = servers.remove(clusterId);
    if (server != null) {
      server.destroy();
    }
  }

  @Override
  public synchronized void close() {
    servers.values().forEach(KubernetesMockServer::destroy);
    servers.clear();
  }
}
