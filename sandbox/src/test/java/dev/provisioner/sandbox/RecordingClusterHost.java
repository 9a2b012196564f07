package dev.provisioner.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ClusterHost} for tests of the ARM side: it keeps the latest nodes and add-ons each
 * cluster was given and a log of calls, and hands out a kubeconfig naming the cluster.
 */
final class RecordingClusterHost implements ClusterHost {

  final Map<String, List<NodeSpec>> nodes = new LinkedHashMap<>();
  final Map<String, Set<String>> addons = new LinkedHashMap<>();
  final Map<String, String> versions = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  boolean closed;

  @Override
  public synchronized ClusterEndpoint start(
      String clusterId, String clusterName, String kubernetesVersion) {
    calls.add("start " + clusterName);
    versions.put(clusterId.toLowerCase(), kubernetesVersion);
    return new ClusterEndpoint(
        "https://127.0.0.1:6443", kubeconfigFor(clusterName));
  }

  static String kubeconfigFor(String clusterName) {
    return "apiVersion: v1\nkind: Config\ncurrent-context: " + clusterName + "\n";
  }

  @Override
  public synchronized void syncNodes(String clusterId, List<NodeSpec> specs) {
    calls.add("syncNodes " + specs.size());
    nodes.put(clusterId.toLowerCase(), List.copyOf(specs));
  }

  @Override
  public synchronized void syncAddons(String clusterId, Set<String> enabled) {
    calls.add("syncAddons " + enabled);
    addons.put(clusterId.toLowerCase(), Set.copyOf(enabled));
  }

  @Override
  public synchronized void delete(String clusterId) {
    calls.add("delete " + clusterId);
    nodes.remove(clusterId.toLowerCase());
    addons.remove(clusterId.toLowerCase());
  }

  synchronized List<NodeSpec> nodesOf(String clusterId) {
    return nodes.getOrDefault(clusterId.toLowerCase(), List.of());
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
