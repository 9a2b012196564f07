package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Knative Serving's controller as of release 1.15: a {@code serving.knative.dev/v1} Service gets a
 * Configuration and a Route of the same name; each change of a Configuration's template creates a
 * Revision named {@code <configuration>-<generation as 5 digits>}; Routes resolve their traffic to
 * Revisions and get the URL {@code http://<name>.<namespace>.<domain>}, the domain taken from
 * ConfigMap {@code config-domain} in {@code knative-serving} ({@code svc.cluster.local} when it
 * names none, or when the Route is labelled cluster-local).
 *
 * <p>It acts only when Knative Serving is installed: its CRDs exist and Deployment {@code
 * controller} runs in {@code knative-serving}. Routes become Ready only when a networking layer's
 * controller (a Deployment {@code net-*-controller} there, such as net-istio's) runs too.
 *
 * <p>NOTE: the objects Knative makes below a Revision (its Deployment, PodAutoscaler, Services,
 * Ingress) are not created, and {@code config-network}'s domain template is not read; the default
 * template {@code {{.Name}}.{{.Namespace}}.{{.Domain}}} is used.
 */
final class KnativeServing {

  private static final String GROUP = "serving.knative.dev";
  private static final String API_VERSION = GROUP + "/v1";
  private static final String MANAGER = "controller";
  private static final String SERVICE_LABEL = GROUP + "/service";
  private static final String CONFIGURATION_LABEL = GROUP + "/configuration";
  private static final String VISIBILITY_LABEL = "networking.knative.dev/visibility";
  private static final String CLUSTER_LOCAL_DOMAIN = "svc.cluster.local";
  private static final String SYSTEM_NAMESPACE = "knative-serving";

  private final ClusterObjects objects;

  KnativeServing(ClusterObjects objects) {
    this.objects = objects;
  }

  void reconcile(ClusterControllers.Change change) {
    if (!isInstalled()) {
      return;
    }
    if (change.resource().kind().equals("ConfigMap")) {
      objects.list("/apis/serving.knative.dev/v1/services").forEach(this::reconcileService);
      for (ObjectNode route : objects.list("/apis/serving.knative.dev/v1/routes")) {
        if (!labels(route).has(SERVICE_LABEL)) {
          reconcileRoute(route);
        }
      }
      return;
    }
    JsonNode object = change.object();
    if (object == null) {
      return;
    }
    String namespace = object.path("metadata").path("namespace").asText();
    String service = labels(object).path(SERVICE_LABEL).asText("");
    if (change.resource().kind().equals("Service")) {
      reconcileService(object);
    } else if (!service.isEmpty()) {
      objects.get(path("services", namespace, service)).ifPresent(this::reconcileService);
    } else if (change.resource().kind().equals("Configuration")) {
      reconcileConfiguration(object);
    } else if (change.resource().kind().equals("Route")) {
      reconcileRoute(object);
    } else if (change.resource().kind().equals("Revision")) {
      String configuration = labels(object).path(CONFIGURATION_LABEL).asText("");
      objects
          .get(path("configurations", namespace, configuration))
          .ifPresent(this::reconcileConfiguration);
    }
  }

  private boolean isInstalled() {
    for (String plural : new String[] {"services", "configurations", "routes", "revisions"}) {
      if (!objects.serves(GROUP, "v1", plural)) {
        return false;
      }
    }
    return objects
        .get("/apis/apps/v1/namespaces/" + SYSTEM_NAMESPACE + "/deployments/controller")
        .isPresent();
  }

  private boolean hasNetworkingLayer() {
    return objects.list("/apis/apps/v1/namespaces/" + SYSTEM_NAMESPACE + "/deployments").stream()
        .map(deployment -> deployment.path("metadata").path("name").asText())
        .anyMatch(name -> name.startsWith("net-") && name.endsWith("-controller"));
  }

  private void reconcileService(JsonNode service) {
    String namespace = service.path("metadata").path("namespace").asText();
    String name = service.path("metadata").path("name").asText();

    ObjectNode configuration = child("Configuration", service);
    configuration
        .putObject("spec")
        .set("template", service.path("spec").path("template").deepCopy());
    ObjectNode storedConfiguration =
        objects.apply(path("configurations", namespace, name), configuration, MANAGER);
    ObjectNode configurationStatus = reconcileConfiguration(storedConfiguration);

    ObjectNode route = child("Route", service);
    ArrayNode traffic = route.putObject("spec").putArray("traffic");
    JsonNode declared = service.path("spec").path("traffic");
    if (declared.isArray() && declared.size() > 0) {
      for (JsonNode target : declared) {
        ObjectNode copy = target.deepCopy();
        if (copy.path("latestRevision").asBoolean(false) || !copy.has("revisionName")) {
          copy.put("configurationName", name);
          copy.put("latestRevision", true);
        }
        traffic.add(copy);
      }
    } else {
      ObjectNode target = traffic.addObject();
      target.put("configurationName", name);
      target.put("latestRevision", true);
      target.put("percent", 100);
    }
    ObjectNode storedRoute = objects.apply(path("routes", namespace, name), route, MANAGER);
    ObjectNode routeStatus = reconcileRoute(storedRoute);

    ObjectNode status = Json.object();
    status.put("observedGeneration", service.path("metadata").path("generation").asLong(1));
    copyText(configurationStatus, status, "latestCreatedRevisionName");
    copyText(configurationStatus, status, "latestReadyRevisionName");
    copyText(routeStatus, status, "url");
    if (routeStatus.has("address")) {
      status.set("address", routeStatus.get("address"));
    }
    if (routeStatus.has("traffic")) {
      status.set("traffic", routeStatus.get("traffic"));
    }
    Condition configurationsReady = readyOf(configurationStatus);
    Condition routesReady = readyOf(routeStatus);
    Condition ready = configurationsReady.isTrue() ? routesReady : configurationsReady;
    status.set(
        "conditions",
        Conditions.after(service.path("status"))
            .add(
                "ConfigurationsReady",
                configurationsReady.status(),
                configurationsReady.reason(),
                configurationsReady.message())
            .add("Ready", ready.status(), ready.reason(), ready.message())
            .add("RoutesReady", routesReady.status(), routesReady.reason(), routesReady.message())
            .build());
    objects.writeStatus(path("services", namespace, name), status);
  }

  /**
   * Ensures the Revision of the Configuration's current template and returns the status written.
   */
  private ObjectNode reconcileConfiguration(JsonNode configuration) {
    String namespace = configuration.path("metadata").path("namespace").asText();
    String name = configuration.path("metadata").path("name").asText();
    long generation = configuration.path("metadata").path("generation").asLong(1);
    JsonNode template = configuration.path("spec").path("template");
    String revisionName = template.path("metadata").path("name").asText("");
    if (revisionName.isEmpty()) {
      revisionName = String.format("%s-%05d", name, generation);
    }

    String revisionPath = path("revisions", namespace, revisionName);
    ObjectNode revision = objects.get(revisionPath).orElse(null);
    if (revision == null) {
      ObjectNode created = child("Revision", configuration);
      created.with("metadata").put("name", revisionName);
      ObjectNode labels = created.with("metadata").with("labels");
      labels.put(CONFIGURATION_LABEL, name);
      labels.put(GROUP + "/configurationGeneration", String.valueOf(generation));
      labels.put(GROUP + "/configurationUID", configuration.path("metadata").path("uid").asText());
      labels.put(GROUP + "/routingState", "active");
      copyMap(template.path("metadata").path("labels"), labels);
      copyMap(
          template.path("metadata").path("annotations"),
          created.with("metadata").with("annotations"));
      ObjectNode spec = template.path("spec").deepCopy();
      if (!spec.has("containerConcurrency")) {
        spec.put("containerConcurrency", 0);
      }
      if (!spec.has("timeoutSeconds")) {
        spec.put("timeoutSeconds", 300);
      }
      created.set("spec", spec);
      revision = objects.apply(revisionPath, created, MANAGER);
    }
    reconcileRevision(revisionPath, revision);

    ObjectNode status = Json.object();
    status.put("observedGeneration", generation);
    status.put("latestCreatedRevisionName", revisionName);
    status.put("latestReadyRevisionName", revisionName);
    status.set(
        "conditions",
        Conditions.after(configuration.path("status")).add("Ready", "True", null, null).build());
    objects.writeStatus(path("configurations", namespace, name), status);
    return status;
  }

  private void reconcileRevision(String revisionPath, JsonNode revision) {
    ObjectNode status = Json.object();
    status.put("observedGeneration", revision.path("metadata").path("generation").asLong(1));
    status.put("actualReplicas", 1);
    status.put("desiredReplicas", 1);
    ArrayNode containerStatuses = status.putArray("containerStatuses");
    for (JsonNode container : revision.path("spec").path("containers")) {
      ObjectNode containerStatus = containerStatuses.addObject();
      containerStatus.put("name", container.path("name").asText("user-container"));
      containerStatus.put("imageDigest", imageDigest(container.path("image").asText()));
    }
    status.set(
        "conditions",
        Conditions.after(revision.path("status"))
            .add("Active", "True", null, null)
            .add("ContainerHealthy", "True", null, null)
            .add("Ready", "True", null, null)
            .add("ResourcesAvailable", "True", null, null)
            .build());
    objects.writeStatus(revisionPath, status);
  }

  /** Resolves the Route's traffic, writes its status and returns it. */
  private ObjectNode reconcileRoute(JsonNode route) {
    String namespace = route.path("metadata").path("namespace").asText();
    String name = route.path("metadata").path("name").asText();
    String domain = domainFor(route);
    ObjectNode status = Json.object();
    status.put("observedGeneration", route.path("metadata").path("generation").asLong(1));

    ArrayNode traffic = Json.MAPPER.createArrayNode();
    String missing = "";
    for (JsonNode target : route.path("spec").path("traffic")) {
      ObjectNode resolved = Json.object();
      String revision;
      if (target.path("latestRevision").asBoolean(!target.has("revisionName"))) {
        String configuration = target.path("configurationName").asText(name);
        revision =
            objects
                .get(path("configurations", namespace, configuration))
                .map(config -> config.path("status").path("latestReadyRevisionName").asText(""))
                .orElse("");
        if (revision.isEmpty()) {
          missing =
              "Configuration \"" + configuration + "\" is waiting for a Revision to become ready.";
          continue;
        }
        resolved.put("revisionName", revision);
        resolved.put("latestRevision", true);
      } else {
        revision = target.path("revisionName").asText();
        if (objects.get(path("revisions", namespace, revision)).isEmpty()) {
          missing = "Revision \"" + revision + "\" referenced in traffic not found.";
          continue;
        }
        resolved.put("revisionName", revision);
        resolved.put("latestRevision", false);
      }
      resolved.put("percent", target.path("percent").asLong(0));
      if (target.hasNonNull("tag")) {
        String tag = target.path("tag").asText();
        resolved.put("tag", tag);
        resolved.put("url", "http://" + tag + "-" + name + "." + namespace + "." + domain);
      }
      traffic.add(resolved);
    }

    Condition trafficAssigned =
        missing.isEmpty() ? Condition.TRUE : new Condition("False", "RevisionMissing", missing);
    Condition ingressReady =
        hasNetworkingLayer()
            ? Condition.TRUE
            : new Condition(
                "Unknown", "IngressNotConfigured", "Ingress has not yet been reconciled.");
    Condition ready = trafficAssigned.isTrue() ? ingressReady : trafficAssigned;
    if (trafficAssigned.isTrue()) {
      status.put("url", "http://" + name + "." + namespace + "." + domain);
      status
          .putObject("address")
          .put("url", "http://" + name + "." + namespace + ".svc.cluster.local");
      status.set("traffic", traffic);
    }
    status.set(
        "conditions",
        Conditions.after(route.path("status"))
            .add(
                "AllTrafficAssigned",
                trafficAssigned.status(),
                trafficAssigned.reason(),
                trafficAssigned.message())
            .add("CertificateProvisioned", "True", "TLSNotEnabled", "autoTLS is not enabled")
            .add(
                "IngressReady",
                ingressReady.status(),
                ingressReady.reason(),
                ingressReady.message())
            .add("Ready", ready.status(), ready.reason(), ready.message())
            .build());
    objects.writeStatus(path("routes", namespace, name), status);
    return status;
  }

  /**
   * Picks the domain of a Route from {@code config-domain}: the matching entry with the most
   * selector labels wins, an entry with an empty value is the default, and cluster-local routes
   * always get {@code svc.cluster.local}.
   */
  private String domainFor(JsonNode route) {
    JsonNode labels = labels(route);
    if (labels.path(VISIBILITY_LABEL).asText().equals("cluster-local")) {
      return CLUSTER_LOCAL_DOMAIN;
    }
    Optional<ObjectNode> config =
        objects.get("/api/v1/namespaces/" + SYSTEM_NAMESPACE + "/configmaps/config-domain");
    String chosen = CLUSTER_LOCAL_DOMAIN;
    int chosenSpecificity = -1;
    if (config.isPresent()) {
      Iterator<Map.Entry<String, JsonNode>> entries = config.get().path("data").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        if (entry.getKey().startsWith("_")) {
          continue;
        }
        JsonNode selector = parseSelector(entry.getValue().asText(""));
        if (matches(selector, labels) && selector.size() > chosenSpecificity) {
          chosen = entry.getKey();
          chosenSpecificity = selector.size();
        }
      }
    }
    return chosen;
  }

  private static JsonNode parseSelector(String value) {
    if (value.isBlank()) {
      return Json.object();
    }
    try {
      return Json.parseYaml(value).path("selector");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Json.object();
    }
  }

  private static boolean matches(JsonNode selector, JsonNode labels) {
    Iterator<Map.Entry<String, JsonNode>> required = selector.fields();
    while (required.hasNext()) {
      Map.Entry<String, JsonNode> label = required.next();
      if (!labels.path(label.getKey()).asText("\u0000").equals(label.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  /** Builds a child object owned by {@code owner}, carrying its labels and the service label. */
  private static ObjectNode child(String kind, JsonNode owner) {
    ObjectNode object = Json.object();
    object.put("apiVersion", API_VERSION);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", owner.path("metadata").path("name").asText());
    metadata.put("namespace", owner.path("metadata").path("namespace").asText());
    ObjectNode labels = metadata.putObject("labels");
    copyMap(owner.path("metadata").path("labels"), labels);
    if (owner.path("kind").asText().equals("Service")) {
      labels.put(SERVICE_LABEL, owner.path("metadata").path("name").asText());
      labels.put(GROUP + "/serviceUID", owner.path("metadata").path("uid").asText());
    }
    ObjectNode reference = metadata.putArray("ownerReferences").addObject();
    reference.put("apiVersion", API_VERSION);
    reference.put("kind", owner.path("kind").asText());
    reference.put("name", owner.path("metadata").path("name").asText());
    reference.put("uid", owner.path("metadata").path("uid").asText());
    reference.put("controller", true);
    reference.put("blockOwnerDeletion", true);
    return object;
  }

  private static String path(String plural, String namespace, String name) {
    return ApiPath.collectionPath(GROUP, "v1", namespace, plural) + "/" + name;
  }

  private static JsonNode labels(JsonNode object) {
    return object.path("metadata").path("labels");
  }

  private static void copyMap(JsonNode from, ObjectNode to) {
    from.fields().forEachRemaining(entry -> to.set(entry.getKey(), entry.getValue().deepCopy()));
  }

  private static void copyText(JsonNode from, ObjectNode to, String field) {
    if (from.hasNonNull(field)) {
      to.put(field, from.get(field).asText());
    }
  }

  private static Condition readyOf(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals("Ready")) {
        return new Condition(
            condition.path("status").asText(),
            condition.hasNonNull("reason") ? condition.get("reason").asText() : null,
            condition.hasNonNull("message") ? condition.get("message").asText() : null);
      }
    }
    return new Condition("Unknown", null, null);
  }

  /** Knative resolves tags to digests; the sandbox derives a stable digest from the reference. */
  private static String imageDigest(String image) {
    if (image.contains("@sha256:")) {
      return image;
    }
    String repository =
        image.contains(":") && !image.substring(image.lastIndexOf(':')).contains("/")
            ? image.substring(0, image.lastIndexOf(':'))
            : image;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8));
      return repository + "@sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The status, reason and message of one condition. */
  private record Condition(String status, String reason, String message) {
    static final Condition TRUE = new Condition("True", null, null);

    boolean isTrue() {
      return status.equals("True");
    }
  }
}
