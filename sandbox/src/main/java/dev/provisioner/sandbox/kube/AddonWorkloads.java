package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The workloads AKS runs for each add-on: Container Insights ({@code omsagent}) runs the {@code
 * ama-logs} DaemonSet and the {@code ama-logs-rs} Deployment in {@code kube-system}, the virtual
 * node add-on ({@code aciConnectorLinux}) runs {@code aci-connector-linux} there, and the service
 * mesh add-on ({@code istio}) runs istiod in {@code aks-istio-system}.
 *
 * <p>NOTE: the mesh add-on names istiod after its revision (for example {@code istiod-asm-1-24});
 * the host does not receive the revision, so the Deployment is {@code istiod} with label {@code
 * istio.io/rev: default}.
 */
final class AddonWorkloads {

  /** One add-on: its ARM name, its workloads, and whether it owns their namespace. */
  record Addon(String name, List<Workload> workloads, boolean ownsNamespace) {}

  /** One workload object of an add-on. */
  record Workload(String namespace, String path, ObjectNode object) {}

  static final List<Addon> ALL =
      List.of(
          new Addon(
              "omsagent",
              List.of(
                  workload(
                      "DaemonSet",
                      "daemonsets",
                      "kube-system",
                      "ama-logs",
                      "mcr.microsoft.com/azuremonitor/containerinsights/ciprod:3.1.25"),
                  workload(
                      "Deployment",
                      "deployments",
                      "kube-system",
                      "ama-logs-rs",
                      "mcr.microsoft.com/azuremonitor/containerinsights/ciprod:3.1.25")),
              false),
          new Addon(
              "aciConnectorLinux",
              List.of(
                  workload(
                      "Deployment",
                      "deployments",
                      "kube-system",
                      "aci-connector-linux",
                      "mcr.microsoft.com/oss/virtual-kubelet/virtual-kubelet:1.6.2")),
              false),
          new Addon(
              "istio",
              List.of(
                  workload(
                      "Deployment",
                      "deployments",
                      "aks-istio-system",
                      "istiod",
                      "mcr.microsoft.com/oss/istio/pilot:1.24.3")),
              true));

  private AddonWorkloads() {}

  private static Workload workload(
      String kind, String plural, String namespace, String name, String image) {
    ObjectNode object = Json.object();
    object.put("apiVersion", "apps/v1");
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    ObjectNode labels = metadata.putObject("labels");
    labels.put("app", name);
    labels.put("kubernetes.azure.com/managedby", "aks");
    labels.put("addonmanager.kubernetes.io/mode", "Reconcile");
    if (name.equals("istiod")) {
      labels.put("istio.io/rev", "default");
    }
    ObjectNode spec = object.putObject("spec");
    if (kind.equals("Deployment")) {
      spec.put("replicas", name.equals("istiod") ? 2 : 1);
    }
    spec.putObject("selector").putObject("matchLabels").put("app", name);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", name);
    ObjectNode container = template.putObject("spec").putArray("containers").addObject();
    container.put("name", name);
    container.put("image", image);
    return new Workload(
        namespace, ApiPath.collectionPath("apps", "v1", namespace, plural) + "/" + name, object);
  }
}
