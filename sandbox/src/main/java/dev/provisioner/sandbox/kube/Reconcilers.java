package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes the status the real controllers write, with their condition types, reasons and messages:
 * the apiextensions server for CRDs, kube-controller-manager for Deployments, StatefulSets,
 * DaemonSets and Jobs, the namespace lifecycle, the cloud provider for LoadBalancer Services, and
 * Knative Serving (see {@link KnativeServing}).
 *
 * <p>Every pod is taken as scheduled and ready at once, so workloads report all replicas available
 * right after each change.
 */
final class Reconcilers {

  private final ClusterObjects objects;
  private final KnativeServing knative;

  Reconcilers(ClusterObjects objects) {
    this.objects = objects;
    this.knative = new KnativeServing(objects);
  }

  void reconcile(ClusterControllers.Change change) {
    ResourceInfo resource = change.resource();
    JsonNode object = change.object();
    if (resource.group().equals("serving.knative.dev")
        || isDomainConfig(resource, change.objectPath())) {
      knative.reconcile(change);
      return;
    }
    if (object == null) {
      return;
    }
    String key = resource.group() + "/" + resource.kind();
    switch (key) {
      case "apiextensions.k8s.io/CustomResourceDefinition":
        establish(change.objectPath(), object);
        break;
      case "apps/Deployment":
        deploymentAvailable(change.objectPath(), object);
        break;
      case "apps/StatefulSet":
        statefulSetReady(change.objectPath(), object);
        break;
      case "apps/DaemonSet":
        daemonSetReady(change.objectPath(), object);
        break;
      case "batch/Job":
        jobComplete(change.objectPath(), object);
        break;
      case "/Service":
        loadBalancerAddress(change.objectPath(), object);
        break;
      case "/Namespace":
        namespaceActive(change.objectPath(), object);
        break;
      default:
        break;
    }
  }

  private static boolean isDomainConfig(ResourceInfo resource, String objectPath) {
    return resource.kind().equals("ConfigMap")
        && objectPath.endsWith("/namespaces/knative-serving/configmaps/config-domain");
  }

  private void establish(String path, JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    ObjectNode status = Json.object();
    ObjectNode accepted = status.putObject("acceptedNames");
    accepted.put("kind", names.path("kind").asText());
    accepted.put("listKind", names.path("listKind").asText(names.path("kind").asText() + "List"));
    accepted.put("plural", names.path("plural").asText());
    accepted.put(
        "singular",
        names
            .path("singular")
            .asText(names.path("kind").asText().toLowerCase(java.util.Locale.ROOT)));
    if (names.has("shortNames")) {
      accepted.set("shortNames", names.get("shortNames"));
    }
    if (names.has("categories")) {
      accepted.set("categories", names.get("categories"));
    }
    status.set(
        "conditions",
        Conditions.after(crd.path("status"))
            .add("NamesAccepted", "True", "NoConflicts", "no conflicts found")
            .add(
                "Established",
                "True",
                "InitialNamesAccepted",
                "the initial names have been accepted")
            .build());
    ArrayNode stored = status.putArray("storedVersions");
    for (JsonNode version : spec.path("versions")) {
      if (version.path("storage").asBoolean(false)) {
        stored.add(version.path("name").asText());
      }
    }
    objects.writeStatus(path, status);
  }

  private void deploymentAvailable(String path, JsonNode deployment) {
    int replicas = deployment.path("spec").path("replicas").asInt(1);
    ObjectNode status = Json.object();
    status.put("observedGeneration", deployment.path("metadata").path("generation").asLong(1));
    putCount(status, "replicas", replicas);
    putCount(status, "updatedReplicas", replicas);
    putCount(status, "readyReplicas", replicas);
    putCount(status, "availableReplicas", replicas);
    String replicaSet =
        deployment.path("metadata").path("name").asText()
            + "-"
            + templateHash(deployment.path("spec").path("template"));
    status.set(
        "conditions",
        Conditions.withUpdateTimeAfter(deployment.path("status"))
            .add(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.")
            .add(
                "Progressing",
                "True",
                "NewReplicaSetAvailable",
                "ReplicaSet \"" + replicaSet + "\" has successfully progressed.")
            .build());
    objects.writeStatus(path, status);
  }

  private void statefulSetReady(String path, JsonNode statefulSet) {
    int replicas = statefulSet.path("spec").path("replicas").asInt(1);
    String revision =
        statefulSet.path("metadata").path("name").asText()
            + "-"
            + templateHash(statefulSet.path("spec").path("template"));
    ObjectNode status = Json.object();
    status.put("observedGeneration", statefulSet.path("metadata").path("generation").asLong(1));
    status.put("replicas", replicas);
    putCount(status, "readyReplicas", replicas);
    putCount(status, "currentReplicas", replicas);
    putCount(status, "updatedReplicas", replicas);
    putCount(status, "availableReplicas", replicas);
    status.put("currentRevision", revision);
    status.put("updateRevision", revision);
    status.put("collisionCount", 0);
    objects.writeStatus(path, status);
  }

  private void daemonSetReady(String path, JsonNode daemonSet) {
    long nodes =
        objects.list("/api/v1/nodes").stream()
            .filter(
                node ->
                    !node.path("metadata")
                        .path("labels")
                        .path("type")
                        .asText()
                        .equals("virtual-kubelet"))
            .count();
    ObjectNode status = Json.object();
    status.put("currentNumberScheduled", nodes);
    status.put("desiredNumberScheduled", nodes);
    status.put("numberAvailable", nodes);
    status.put("numberMisscheduled", 0);
    status.put("numberReady", nodes);
    status.put("observedGeneration", daemonSet.path("metadata").path("generation").asLong(1));
    status.put("updatedNumberScheduled", nodes);
    objects.writeStatus(path, status);
  }

  private void jobComplete(String path, JsonNode job) {
    if (job.path("spec").path("suspend").asBoolean(false)) {
      return;
    }
    JsonNode previous = job.path("status");
    String start = previous.path("startTime").asText(Conditions.now());
    ObjectNode status = Json.object();
    status.put("startTime", start);
    status.put("completionTime", previous.path("completionTime").asText(Conditions.now()));
    status.put("succeeded", job.path("spec").path("completions").asInt(1));
    status.put("ready", 0);
    status.put("terminating", 0);
    status.putObject("uncountedTerminatedPods");
    status.set(
        "conditions",
        Conditions.after(previous)
            .add(
                "SuccessCriteriaMet",
                "True",
                "CompletionsReached",
                "Reached expected number of succeeded pods")
            .add(
                "Complete",
                "True",
                "CompletionsReached",
                "Reached expected number of succeeded pods")
            .build());
    objects.writeStatus(path, status);
  }

  private void loadBalancerAddress(String path, JsonNode service) {
    if (!service.path("spec").path("type").asText().equals("LoadBalancer")) {
      return;
    }
    ObjectNode status = Json.object();
    ObjectNode ingress = status.putObject("loadBalancer").putArray("ingress").addObject();
    ingress.put("ip", publicAddress(path));
    ingress.put("ipMode", "VIP");
    objects.writeStatus(path, status);
  }

  private void namespaceActive(String path, JsonNode namespace) {
    if (namespace.path("metadata").has("deletionTimestamp")) {
      return;
    }
    ObjectNode status = Json.object();
    status.put("phase", "Active");
    objects.writeStatus(path, status);
  }

  private static void putCount(ObjectNode status, String field, int count) {
    // The API omits zero counts (omitempty on the Go fields).
    if (count != 0) {
      status.put(field, count);
    }
  }

  /**
   * Derives a stable address in 20.0.0.0/8, where Azure allocates many public IPs, from the Service
   * path.
   */
  static String publicAddress(String servicePath) {
    byte[] digest = sha256(servicePath);
    return "20."
        + (digest[0] & 0xff)
        + "."
        + (digest[1] & 0xff)
        + "."
        + (1 + (digest[2] & 0xff) % 254);
  }

  /**
   * Returns a ten-character hash of a pod template, like the pod-template-hash of ReplicaSet names.
   */
  static String templateHash(JsonNode template) {
    String hex = HexFormat.of().formatHex(sha256(Json.write(template)));
    StringBuilder hash = new StringBuilder();
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    for (int i = 0; i < 10; i++) {
      hash.append(
          alphabet.charAt(
              Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16) % alphabet.length()));
    }
    return hash.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
