package dev.provisioner.sandbox.kube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in resources the sandbox cluster serves, with names, scope, short names and whether
 * they have a status subresource, as a Kubernetes 1.30 API server lists them in discovery.
 */
final class BuiltinResources {

  // Columns: apiVersion plural kind scope(N=namespaced, C=cluster) status(S or -) shortNames
  // categories. "." stands for an empty list.
  private static final String TABLE =
      """
      v1 bindings Binding N - . .
      v1 componentstatuses ComponentStatus C - cs .
      v1 configmaps ConfigMap N - cm .
      v1 endpoints Endpoints N - ep .
      v1 events Event N - ev .
      v1 limitranges LimitRange N - limits .
      v1 namespaces Namespace C S ns .
      v1 nodes Node C S no .
      v1 persistentvolumeclaims PersistentVolumeClaim N S pvc .
      v1 persistentvolumes PersistentVolume C S pv .
      v1 pods Pod N S po all
      v1 podtemplates PodTemplate N - . .
      v1 replicationcontrollers ReplicationController N S rc all
      v1 resourcequotas ResourceQuota N S quota .
      v1 secrets Secret N - . .
      v1 serviceaccounts ServiceAccount N - sa .
      v1 services Service N S svc all
      apps/v1 controllerrevisions ControllerRevision N - . .
      apps/v1 daemonsets DaemonSet N S ds all
      apps/v1 deployments Deployment N S deploy all
      apps/v1 replicasets ReplicaSet N S rs all
      apps/v1 statefulsets StatefulSet N S sts all
      batch/v1 cronjobs CronJob N S cj all
      batch/v1 jobs Job N S . all
      autoscaling/v2 horizontalpodautoscalers HorizontalPodAutoscaler N S hpa all
      autoscaling/v1 horizontalpodautoscalers HorizontalPodAutoscaler N S hpa all
      rbac.authorization.k8s.io/v1 clusterrolebindings ClusterRoleBinding C - . .
      rbac.authorization.k8s.io/v1 clusterroles ClusterRole C - . .
      rbac.authorization.k8s.io/v1 rolebindings RoleBinding N - . .
      rbac.authorization.k8s.io/v1 roles Role N - . .
      networking.k8s.io/v1 ingressclasses IngressClass C - . .
      networking.k8s.io/v1 ingresses Ingress N S ing .
      networking.k8s.io/v1 networkpolicies NetworkPolicy N - netpol .
      policy/v1 poddisruptionbudgets PodDisruptionBudget N S pdb .
      admissionregistration.k8s.io/v1 mutatingwebhookconfigurations \
      MutatingWebhookConfiguration C - . api-extensions
      admissionregistration.k8s.io/v1 validatingwebhookconfigurations \
      ValidatingWebhookConfiguration C - . api-extensions
      admissionregistration.k8s.io/v1 validatingadmissionpolicies \
      ValidatingAdmissionPolicy C S . api-extensions
      admissionregistration.k8s.io/v1 validatingadmissionpolicybindings \
      ValidatingAdmissionPolicyBinding C - . api-extensions
      apiextensions.k8s.io/v1 customresourcedefinitions \
      CustomResourceDefinition C S crd,crds api-extensions
      apiregistration.k8s.io/v1 apiservices APIService C S . api-extensions
      coordination.k8s.io/v1 leases Lease N - . .
      scheduling.k8s.io/v1 priorityclasses PriorityClass C - pc .
      storage.k8s.io/v1 csidrivers CSIDriver C - . .
      storage.k8s.io/v1 csinodes CSINode C - . .
      storage.k8s.io/v1 storageclasses StorageClass C - sc .
      storage.k8s.io/v1 volumeattachments VolumeAttachment C S . .
      certificates.k8s.io/v1 certificatesigningrequests CertificateSigningRequest C S csr .
      discovery.k8s.io/v1 endpointslices EndpointSlice N - . .
      events.k8s.io/v1 events Event N - ev .
      node.k8s.io/v1 runtimeclasses RuntimeClass C - . .
      flowcontrol.apiserver.k8s.io/v1 flowschemas FlowSchema C S . .
      flowcontrol.apiserver.k8s.io/v1 prioritylevelconfigurations PriorityLevelConfiguration C S . .
      """;

  static final List<ResourceInfo> ALL = parse();

  private BuiltinResources() {}

  static Optional<ResourceInfo> find(String group, String version, String plural) {
    for (ResourceInfo info : ALL) {
      if (info.group().equals(group)
          && info.version().equals(version)
          && info.plural().equals(plural)) {
        return Optional.of(info);
      }
    }
    return Optional.empty();
  }

  private static List<ResourceInfo> parse() {
    List<ResourceInfo> resources = new ArrayList<>();
    for (String line : TABLE.strip().split("\n")) {
      String[] columns = line.strip().split("\\s+");
      String apiVersion = columns[0];
      int slash = apiVersion.indexOf('/');
      String group = slash < 0 ? "" : apiVersion.substring(0, slash);
      String version = apiVersion.substring(slash + 1);
      resources.add(
          new ResourceInfo(
              group,
              version,
              columns[1],
              columns[2].toLowerCase(java.util.Locale.ROOT),
              columns[2],
              columns[3].equals("N"),
              listColumn(columns[5]),
              listColumn(columns[6]),
              columns[4].equals("S"),
              Optional.empty()));
    }
    return List.copyOf(resources);
  }

  private static List<String> listColumn(String column) {
    return column.equals(".") ? List.of() : Arrays.asList(column.split(","));
  }
}
