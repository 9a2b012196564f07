package dev.provisioner.provider.knative;

import static dev.provisioner.provider.kubernetes.CommonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ProviderException;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import dev.provisioner.provider.Values;
import dev.provisioner.provider.kubernetes.ApplyResult;
import dev.provisioner.provider.kubernetes.ClusterConnection;
import dev.provisioner.provider.kubernetes.ClusterObjects;
import dev.provisioner.provider.kubernetes.CommonFields;
import dev.provisioner.provider.kubernetes.InventoryEntry;
import dev.provisioner.provider.kubernetes.ObjectId;
import dev.provisioner.provider.kubernetes.ObjectSetType;
import dev.provisioner.provider.kubernetes.ObjectSetWaits;
import dev.provisioner.provider.kubernetes.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code knative.service}: one serving.knative.dev/v1 Service built from a few properties. */
public final class ServiceType extends ObjectSetType {

  private static final ResourceKind NAMESPACE_KIND =
      new ResourceKind("", "v1", "Namespace", "namespaces", false);


  private static final ResourceSchema SCHEMA =
      CommonFields.objectSetSchema(
          "knative.service",
          "A Knative Service (serving.knative.dev/v1); an image change makes a new revision",
          List.of(
              FieldSchema.builder("namespace", FieldType.STRING)
                  .required()
                  .forceNew()
                  .doc("Namespace of the service")
                  .build(),
              FieldSchema.builder("createNamespace", FieldType.BOOL)
                  .defaultValue(BooleanNode.FALSE)
                  .doc("Create the namespace when it does not exist at apply time")
                  .build(),
              FieldSchema.builder("name", FieldType.STRING)
                  .required()
                  .forceNew()
                  .doc("Name of the service")
                  .build(),
              FieldSchema.builder("image", FieldType.STRING)
                  .required()
                  .doc("Container image")
                  .build(),
              FieldSchema.builder("env", FieldType.MAP)
                  .doc("Environment variables of the container")
                  .element(text("value", "Variable value"))
                  .build(),
              FieldSchema.builder("ports", FieldType.LIST)
                  .doc("Container port; Knative accepts at most one")
                  .element(
                      FieldSchema.builder("port", FieldType.OBJECT)
                          .doc("A container port")
                          .fields(
                              FieldSchema.builder("containerPort", FieldType.INT)
                                  .doc("Port number the container listens on")
                                  .build(),
                              FieldSchema.builder("name", FieldType.STRING)
                                  .allowedValues("http1", "h2c")
                                  .doc("Protocol name Knative expects: http1 or h2c")
                                  .build())
                          .build())
                  .build(),
              FieldSchema.builder("resources", FieldType.OBJECT)
                  .doc("Container resources: { requests: {cpu, memory}, limits: {cpu, memory} }")
                  .fields(
                      quantities("requests", "Resources the container is guaranteed"),
                      quantities("limits", "Most resources the container may use"))
                  .build(),
              FieldSchema.builder("scale", FieldType.OBJECT)
                  .doc("Autoscaling, written as autoscaling.knative.dev annotations")
                  .fields(
                      FieldSchema.builder("min", FieldType.INT)
                          .doc("autoscaling.knative.dev/min-scale")
                          .build(),
                      FieldSchema.builder("max", FieldType.INT)
                          .doc("autoscaling.knative.dev/max-scale")
                          .build(),
                      FieldSchema.builder("target", FieldType.INT)
                          .doc("autoscaling.knative.dev/target")
                          .build(),
                      FieldSchema.builder("metric", FieldType.STRING)
                          .allowedValues("concurrency", "rps", "cpu", "memory")
                          .doc("autoscaling.knative.dev/metric")
                          .build())
                  .build(),
              FieldSchema.builder("traffic", FieldType.LIST)
                  .doc("Traffic split between revisions; absent, all traffic to the latest")
                  .element(
                      FieldSchema.builder("target", FieldType.OBJECT)
                          .doc("One traffic target")
                          .fields(
                              FieldSchema.builder("latestRevision", FieldType.BOOL)
                                  .doc("Whether this target follows the latest ready revision")
                                  .build(),
                              FieldSchema.builder("percent", FieldType.INT)
                                  .doc("Share of traffic, 0 to 100")
                                  .build(),
                              text("tag", "Tag that gives this target its own URL"),
                              text("revisionName", "Revision this target pins"))
                          .build())
                  .build(),
              FieldSchema.builder("visibility", FieldType.STRING)
                  .defaultValue(TextNode.valueOf("external"))
                  .allowedValues("external", "cluster-local")
                  .doc("cluster-local keeps the service off the ingress gateway")
                  .build()),
          List.of(
              FieldSchema.builder("url", FieldType.STRING)
                  .computed()
                  .doc("URL of the service, from its status")
                  .build(),
              FieldSchema.builder("latestReadyRevision", FieldType.STRING)
                  .computed()
                  .doc("Name of the newest revision that is ready")
                  .build()));

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    JsonNode ports = properties.get("ports");
    if (ports != null && ports.isArray() && ports.size() > 1) {
      validation.error("ports", "Knative routes to one container port; give at most one");
    }
    JsonNode traffic = properties.get("traffic");
    if (traffic == null || !traffic.isArray() || traffic.isEmpty()) {
      return;
    }
    int total = 0;
    boolean percentsKnown = true;
    for (int i = 0; i < traffic.size(); i++) {
      JsonNode target = traffic.get(i);
      boolean latest = target.path("latestRevision").asBoolean(false);
      boolean pinned = target.hasNonNull("revisionName");
      if (latest == pinned && !Values.containsUnknown(target)) {
        validation.error(
            "traffic[" + i + "]",
            "a traffic target sets either latestRevision: true or revisionName, not both or"
                + " neither");
      }
      JsonNode percent = target.get("percent");
      if (percent != null && percent.isInt()) {
        total += percent.asInt();
      } else if (percent != null && !percent.isNull()) {
        percentsKnown = false;
      }
    }
    if (percentsKnown && total != 100) {
      validation.error(
          "traffic", "traffic percents add up to " + total + "; they must add up to 100");
    }
  }

  @Override
  protected List<ResourceKind> typeKinds() {
    return List.of(KnativeServiceObject.KIND);
  }

  @Override
  protected List<ObjectNode> desiredObjects(
      OperationContext context,
      ObjectNode properties,
      Optional<ClusterConnection> cluster,
      Optional<ObjectNode> prior) {
    List<ObjectNode> objects = new ArrayList<>();
    String namespace = properties.path("namespace").asText();
    if (properties.path("createNamespace").asBoolean(false)
        && ownsOrMayCreateNamespace(namespace, cluster, prior)) {
      objects.add(KnativeServiceObject.namespace(namespace));
    }
    objects.add(KnativeServiceObject.build(properties));
    return objects;
  }

  /**
   * Returns whether the namespace belongs in this resource's objects: when the resource created
   * it before, or when it does not exist yet. A namespace that exists otherwise belongs to
   * someone else (another stack resource, or the cluster's admins) and is left alone.
   */
  private static boolean ownsOrMayCreateNamespace(
      String namespace, Optional<ClusterConnection> cluster, Optional<ObjectNode> prior) {
    if (prior.isPresent()) {
      for (InventoryEntry entry : inventoryOf(prior.get())) {
        if (entry.kind().group().isEmpty()
            && entry.kind().kind().equals("Namespace")
            && entry.name().equals(namespace)) {
          return true;
        }
      }
    }
    if (cluster.isEmpty()) {
      return true;
    }
    return new ClusterObjects(cluster.get()).get(NAMESPACE_KIND, "", namespace).isEmpty();
  }

  @Override
  protected void planComputed(
      ObjectNode planned, Optional<ObjectNode> prior, boolean objectsChange) {
    JsonNode url = prior.map(p -> p.get("url")).orElse(null);
    planned.set("url", url != null && url.isTextual() ? url : Values.unknown());
    JsonNode revision = prior.map(p -> p.get("latestReadyRevision")).orElse(null);
    planned.set(
        "latestReadyRevision",
        !objectsChange && revision != null && revision.isTextual() ? revision : Values.unknown());
  }

  /**
   * Waits for the Service to be Ready even when the general wait is off, because its URL and
   * revision are only known then.
   */
  @Override
  protected void afterApply(
      OperationContext context,
      ClusterConnection cluster,
      ObjectNode attributes,
      ApplyResult result,
      Optional<ObjectNode> prior) {
    List<InventoryEntry> services = new ArrayList<>();
    for (InventoryEntry entry : inventoryOf(attributes)) {
      if (entry.kind().group().equals(KnativeServiceObject.GROUP)) {
        services.add(entry);
      }
    }
    ObjectSetWaits.untilReady(cluster, context, options(context, attributes).timeout(), services);
    String namespace = attributes.path("namespace").asText();
    String name = attributes.path("name").asText();
    ObjectNode live =
        new ClusterObjects(cluster)
            .get(KnativeServiceObject.KIND, namespace, name)
            .orElseThrow(
                () ->
                    new ProviderException(
                        "NotFound",
                        "Service "
                            + namespace
                            + "/"
                            + name
                            + " disappeared after it became Ready"));
    copyStatus(live, attributes);
  }

  @Override
  protected void afterRead(
      ClusterConnection cluster, ObjectNode attributes, Map<ObjectId, ObjectNode> live) {
    ObjectId id =
        new ObjectId(
            KnativeServiceObject.GROUP,
            "Service",
            attributes.path("namespace").asText(),
            attributes.path("name").asText());
    ObjectNode service = live.get(id);
    if (service != null) {
      copyStatus(service, attributes);
    }
  }

  private static void copyStatus(JsonNode service, ObjectNode attributes) {
    attributes.put("url", service.path("status").path("url").asText(""));
    attributes.put(
        "latestReadyRevision", service.path("status").path("latestReadyRevisionName").asText(""));
  }

  private static FieldSchema quantities(String name, String doc) {
    return FieldSchema.builder(name, FieldType.MAP)
        .doc(doc + ", by resource name (cpu, memory)")
        .element(text("quantity", "Kubernetes quantity such as 500m or 256Mi"))
        .build();
  }

}
