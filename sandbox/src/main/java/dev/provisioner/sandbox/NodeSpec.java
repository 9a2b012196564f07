package dev.provisioner.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes Node the sandbox shows for a cluster.
 *
 * @param name Node name, for example {@code aks-system-12345678-vmss000000} or
 *     {@code virtual-node-aci-linux}
 * @param labels labels such as {@code agentpool}, {@code kubernetes.azure.com/mode},
 *     {@code node.kubernetes.io/instance-type}, {@code topology.kubernetes.io/region}
 * @param taints taints as {@code key=value:Effect}
 * @param kubeletVersion for example {@code v1.33.2}
 */
public record NodeSpec(
    String name, Map<String, String> labels, List<String> taints, String kubeletVersion) {

  public NodeSpec {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    Objects.requireNonNull(kubeletVersion, "kubeletVersion");
  }
}
