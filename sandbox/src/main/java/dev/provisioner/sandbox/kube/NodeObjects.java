package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.sandbox.NodeSpec;

/** Builds the Node objects an AKS node pool's kubelets register, with the status they report. */
final class NodeObjects {

  private NodeObjects() {}

  static ObjectNode node(NodeSpec spec) {
    ObjectNode node = Json.object();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("name", spec.name());
    ObjectNode labels = metadata.putObject("labels");
    labels.put("kubernetes.io/hostname", spec.name());
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    spec.labels().forEach(labels::put);
    ObjectNode nodeSpec = node.putObject("spec");
    if (!spec.taints().isEmpty()) {
      ArrayNode taints = nodeSpec.putArray("taints");
      for (String taint : spec.taints()) {
        taints.add(parseTaint(taint));
      }
    }
    return node;
  }

  /** Builds the status a healthy kubelet posts: its conditions, addresses and node info. */
  static ObjectNode status(NodeSpec spec, int ordinal, JsonNode previousStatus) {
    ObjectNode status = Json.object();
    status.set(
        "conditions",
        Conditions.withUpdateTimeAfter(previousStatus)
            .add(
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available")
            .add(
                "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure")
            .add(
                "PIDPressure",
                "False",
                "KubeletHasSufficientPID",
                "kubelet has sufficient PID available")
            .add("Ready", "True", "KubeletReady", "kubelet is posting ready status")
            .build());
    // Heartbeat times would change on every sync; the transition time is enough here.
    for (var condition : status.withArray("conditions")) {
      ObjectNode object = (ObjectNode) condition;
      object.put("lastHeartbeatTime", object.remove("lastUpdateTime").asText());
    }
    ArrayNode addresses = status.putArray("addresses");
    ObjectNode internal = addresses.addObject();
    internal.put("type", "InternalIP");
    internal.put("address", "10.224.0." + (3 + ordinal % 250));
    ObjectNode hostname = addresses.addObject();
    hostname.put("type", "Hostname");
    hostname.put("address", spec.name());
    ObjectNode capacity = status.putObject("capacity");
    capacity.put("cpu", "4");
    capacity.put("memory", "16375740Ki");
    capacity.put("pods", "110");
    ObjectNode allocatable = status.putObject("allocatable");
    allocatable.put("cpu", "3860m");
    allocatable.put("memory", "12880316Ki");
    allocatable.put("pods", "110");
    ObjectNode info = status.putObject("nodeInfo");
    info.put("architecture", "amd64");
    info.put("containerRuntimeVersion", "containerd://1.7.27-1");
    info.put("kernelVersion", "5.15.0-1089-azure");
    info.put("kubeProxyVersion", spec.kubeletVersion());
    info.put("kubeletVersion", spec.kubeletVersion());
    info.put("operatingSystem", "linux");
    info.put("osImage", "Ubuntu 22.04.5 LTS");
    return status;
  }

  /** Parses {@code key=value:Effect} (or {@code key:Effect}) into a taint object. */
  static ObjectNode parseTaint(String taint) {
    int colon = taint.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "invalid taint '" + taint + "': expected key=value:Effect");
    }
    String keyValue = taint.substring(0, colon);
    ObjectNode object = Json.object();
    int equals = keyValue.indexOf('=');
    object.put("key", equals < 0 ? keyValue : keyValue.substring(0, equals));
    if (equals >= 0) {
      object.put("value", keyValue.substring(equals + 1));
    }
    object.put("effect", taint.substring(colon + 1));
    return object;
  }
}
