package dev.provisioner.provider.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** Properties for tests, written as YAML like a stack's {@code properties}. */
final class Stacks {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Stacks() {}

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Returns the seed cluster: RBAC on, DS3_v2 x3 autoscaling 3..6, virtual nodes, monitoring and
   * tags.
   */
  static ObjectNode seedCluster(String subscription) {
    String group = "/subscriptions/" + subscription + "/resourceGroups/knative-dev-rg";
    String subnet =
        group + "/providers/Microsoft.Network/virtualNetworks/knative-dev-vnet/subnets/nodes";
    String workspace =
        group + "/providers/Microsoft.OperationalInsights/workspaces/knative-dev-logs";
    return yaml("""
        name: knative-dev
        resourceGroup: knative-dev-rg
        location: eastasia
        kubernetesVersion: "1.33"
        dnsPrefix: knative-dev
        rbac: { enabled: true, aadAdminGroups: [ "6f1b1b52-6a4e-4c3c-9d3e-2a5e0b1c7d11" ] }
        network:
          plugin: azure
          policy: calico
          subnet: %1$s
        defaultNodePool:
          name: system
          vmSize: Standard_DS3_v2
          count: 3
          autoscaling: { min: 3, max: 6 }
        virtualNodes: { enabled: true, subnet: aci }
        monitoring:
          workspace: %2$s
        tags: { env: dev }
        identity: SystemAssigned
        """.formatted(subnet, workspace));
  }
}
