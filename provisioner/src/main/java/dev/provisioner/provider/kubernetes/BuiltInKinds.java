package dev.provisioner.provider.kubernetes;

import java.util.Locale;
import java.util.Set;

/**
 * Facts about Kubernetes' own API groups and kinds that need no cluster, for plans made before
 * the cluster exists.
 */
final class BuiltInKinds {

  /** API groups the Kubernetes API server serves itself (Kubernetes 1.30 API reference). */
  private static final Set<String> GROUPS =
      Set.of(
          "",
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "apiregistration.k8s.io",
          "apps",
          "authentication.k8s.io",
          "authorization.k8s.io",
          "autoscaling",
          "batch",
          "certificates.k8s.io",
          "coordination.k8s.io",
          "discovery.k8s.io",
          "events.k8s.io",
          "flowcontrol.apiserver.k8s.io",
          "networking.k8s.io",
          "node.k8s.io",
          "policy",
          "rbac.authorization.k8s.io",
          "resource.k8s.io",
          "scheduling.k8s.io",
          "storage.k8s.io");

  /** Cluster-scoped kinds of those groups; every other built-in kind belongs to a namespace. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "ComponentStatus",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding",
          "CustomResourceDefinition",
          "APIService",
          "CertificateSigningRequest",
          "FlowSchema",
          "PriorityLevelConfiguration",
          "IngressClass",
          "RuntimeClass",
          "ClusterRole",
          "ClusterRoleBinding",
          "PriorityClass",
          "StorageClass",
          "CSIDriver",
          "CSINode",
          "VolumeAttachment");

  private BuiltInKinds() {}

  static boolean isBuiltInGroup(String group) {
    return GROUPS.contains(group);
  }

  /**
   * Returns the kind of a built-in object without discovery: the plural is the lower-case kind
   * plus "s", "es" or "ies" as Kubernetes names its resources.
   */
  static ResourceKind guess(String group, String version, String kind) {
    return new ResourceKind(group, version, kind, plural(kind), !CLUSTER_SCOPED.contains(kind));
  }

  static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("y") && !lower.endsWith("ay") && !lower.endsWith("ey")) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch")) {
      return lower + "es";
    }
    return lower + "s";
  }
}
