package dev.provisioner.sandbox;

import java.util.List;
import java.util.Set;

/**
 * Runs the Kubernetes API of every sandbox AKS cluster. The ARM side calls it as clusters and
 * agent pools are created, changed and deleted; all methods are idempotent.
 */
public interface ClusterHost extends AutoCloseable {

  /**
   * Starts (or returns the running) API server of the cluster with ARM id {@code clusterId}.
   * A cluster started in an earlier process with the same world folder keeps its objects, port
   * and credentials.
   */
  ClusterEndpoint start(String clusterId, String clusterName, String kubernetesVersion);

  /** Makes the cluster's Node objects exactly {@code nodes}: missing ones added, others removed. */
  void syncNodes(String clusterId, List<NodeSpec> nodes);

  /**
   * Makes the add-on workloads exactly {@code addons}: {@code omsagent} (Container Insights, in
   * {@code kube-system}), {@code aciConnectorLinux} (virtual node), {@code istio} (the service
   * mesh add-on, in {@code aks-istio-system}).
   */
  void syncAddons(String clusterId, Set<String> addons);

  /** Stops the cluster's API server and deletes its objects and credentials. */
  void delete(String clusterId);

  /** Saves every cluster's objects to the world folder and stops the API servers. */
  @Override
  void close();
}
