package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.ClusterHost;
import dev.provisioner.sandbox.NodeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mapping from a managed cluster's ARM body to objects in its Kubernetes API: one Node per VM of
 * every agent pool (named and labelled as AKS names them), a virtual node when the ACI
 * connector is on, and the add-on workloads. With the autoscaler on, the pool shows
 * {@code count} nodes, because no autoscaler runs in the sandbox.
 */
final class ClusterNodes {

  static final String VIRTUAL_NODE = "virtual-node-aci-linux";

  private ClusterNodes() {}

  /** Starts the cluster's API and makes its nodes and add-ons match {@code cluster}. */
  static void sync(ClusterHost host, ObjectNode cluster) {
    String id = cluster.get("id").asText();
    JsonNode properties = cluster.path("properties");
    try {
      host.start(id, cluster.path("name").asText(),
          properties.path("currentKubernetesVersion").asText());
      host.syncNodes(id, nodes(cluster));
      host.syncAddons(id, addons(cluster));
    } catch (RuntimeException e) {
      throw new ArmException(
          500, "InternalOperationError",
          "The cluster's Kubernetes API could not be updated: " + e.getMessage());
    }
  }

  static List<NodeSpec> nodes(ObjectNode cluster) {
    String id = cluster.get("id").asText();
    JsonNode properties = cluster.path("properties");
    String location = cluster.path("location").asText();
    List<NodeSpec> nodes = new ArrayList<>();
    for (JsonNode pool : properties.path("agentPoolProfiles")) {
      nodes.addAll(poolNodes(id, location, properties, pool));
    }
    if (isAddonEnabled(properties, "aciConnectorLinux")) {
      nodes.add(virtualNode(properties.path("currentKubernetesVersion").asText()));
    }
    return nodes;
  }

  private static List<NodeSpec> poolNodes(
      String clusterId, String location, JsonNode clusterProperties, JsonNode pool) {
    String poolName = pool.path("name").asText();
    String scaleSet = scaleSetNumber(clusterId, poolName);
    List<String> zones = new ArrayList<>();
    pool.path("availabilityZones").forEach(zone -> zones.add(zone.asText()));
    List<String> taints = new ArrayList<>();
    pool.path("nodeTaints").forEach(taint -> taints.add(taint.asText()));
    int count = pool.path("count").asInt(0);
    List<NodeSpec> nodes = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      String name =
          AgentPoolRules.isVirtualMachinesPool(pool)
              ? "aks-" + poolName + "-" + scaleSet + "-vms" + index
              : "aks-" + poolName + "-" + scaleSet + "-vmss" + instanceId(index);
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("agentpool", poolName);
      labels.put("kubernetes.azure.com/agentpool", poolName);
      labels.put(
          "kubernetes.azure.com/mode",
          pool.path("mode").asText("User").toLowerCase(Locale.ROOT));
      labels.put(
          "kubernetes.azure.com/cluster",
          clusterProperties.path("nodeResourceGroup").asText());
      labels.put("kubernetes.azure.com/role", "agent");
      // kubectl derives the ROLES column from these two labels, which AKS sets to "agent".
      labels.put("kubernetes.io/role", "agent");
      labels.put("node-role.kubernetes.io/agent", "");
      labels.put("node.kubernetes.io/instance-type", pool.path("vmSize").asText());
      labels.put("beta.kubernetes.io/instance-type", pool.path("vmSize").asText());
      labels.put("topology.kubernetes.io/region", location);
      labels.put(
          "topology.kubernetes.io/zone",
          zones.isEmpty() ? "0" : location + "-" + zones.get(index % zones.size()));
      labels.put("kubernetes.io/os", "linux");
      labels.put("kubernetes.io/arch", "amd64");
      labels.put("kubernetes.io/hostname", name);
      List<String> nodeTaints = taints;
      if (pool.path("scaleSetPriority").asText("").equals("Spot")) {
        labels.put("kubernetes.azure.com/scalesetpriority", "spot");
        nodeTaints = new ArrayList<>(taints);
        nodeTaints.add("kubernetes.azure.com/scalesetpriority=spot:NoSchedule");
      }
      pool.path("nodeLabels").fields()
          .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
      nodes.add(
          new NodeSpec(
              name, labels, nodeTaints, "v" + pool.path("currentOrchestratorVersion").asText()));
    }
    return nodes;
  }

  private static NodeSpec virtualNode(String kubernetesVersion) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("type", "virtual-kubelet");
    labels.put("kubernetes.io/role", "agent");
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/hostname", VIRTUAL_NODE);
    labels.put("alpha.service-controller.kubernetes.io/exclude-balancer", "true");
    return new NodeSpec(
        VIRTUAL_NODE,
        labels,
        List.of("virtual-kubelet.io/provider=azure:NoSchedule"),
        "v" + kubernetesVersion + "-vk-azure-aci");
  }

  /** Returns the add-ons to run: {@code omsagent}, {@code aciConnectorLinux}, {@code istio}. */
  static Set<String> addons(ObjectNode cluster) {
    JsonNode properties = cluster.path("properties");
    Set<String> addons = new LinkedHashSet<>();
    if (isAddonEnabled(properties, "omsagent")) {
      addons.add("omsagent");
    }
    if (isAddonEnabled(properties, "aciConnectorLinux")) {
      addons.add("aciConnectorLinux");
    }
    if (properties.path("serviceMeshProfile").path("mode").asText("").equalsIgnoreCase("Istio")) {
      addons.add("istio");
    }
    return addons;
  }

  /** Finds an add-on profile by name without regard to case, as AKS matches them. */
  static JsonNode addon(JsonNode properties, String name) {
    var fields = properties.path("addonProfiles").fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return properties.path("addonProfiles").path(name);
  }

  static boolean isAddonEnabled(JsonNode properties, String name) {
    return addon(properties, name).path("enabled").asBoolean(false);
  }

  /**
   * Returns the eight-digit number AKS puts in a pool's scale set name; stable for a cluster
   * and pool, so node names survive restarts.
   */
  static String scaleSetNumber(String clusterId, String poolName) {
    int hash = (clusterId.toLowerCase(Locale.ROOT) + "/" + poolName).hashCode();
    return String.format(Locale.ROOT, "%08d", Math.floorMod(hash, 100_000_000));
  }

  /** Returns a scale set instance id as in node names: six base-36 digits. */
  static String instanceId(int index) {
    String base36 = Integer.toString(index, 36);
    return "0".repeat(Math.max(0, 6 - base36.length())) + base36;
  }
}
