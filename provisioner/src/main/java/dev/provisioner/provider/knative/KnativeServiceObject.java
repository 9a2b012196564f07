package dev.provisioner.provider.knative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.kubernetes.ResourceKind;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@code serving.knative.dev/v1} Service that a {@code knative.service} resource's
 * properties describe. Annotation and label names are Knative Serving's (serving docs,
 * "Configuring autoscaling" and "Configuring cluster-local services").
 */
final class KnativeServiceObject {

  static final String GROUP = "serving.knative.dev";
  static final ResourceKind KIND = new ResourceKind(GROUP, "v1", "Service", "services", true);

  private static final String AUTOSCALING = "autoscaling.knative.dev/";
  private static final String VISIBILITY_LABEL = "networking.knative.dev/visibility";
  /** Autoscaler class that cpu and memory metrics need; Knative's own scales on requests. */
  private static final String HPA_CLASS = "hpa.autoscaling.knative.dev";

  private KnativeServiceObject() {}

  /** Returns the Namespace object of {@code name}. */
  static ObjectNode namespace(String name) {
    ObjectNode namespace = JsonNodeFactory.instance.objectNode();
    namespace.put("apiVersion", "v1");
    namespace.put("kind", "Namespace");
    namespace.with("metadata").put("name", name);
    return namespace;
  }

  /** Returns the Service that {@code properties} describe. */
  static ObjectNode build(ObjectNode properties) {
    ObjectNode service = JsonNodeFactory.instance.objectNode();
    service.put("apiVersion", KIND.apiVersion());
    service.put("kind", "Service");
    ObjectNode metadata = service.with("metadata");
    metadata.put("name", properties.path("name").asText());
    metadata.put("namespace", properties.path("namespace").asText());
    if (properties.path("visibility").asText("external").equals("cluster-local")) {
      metadata.with("labels").put(VISIBILITY_LABEL, "cluster-local");
    }
    ObjectNode spec = service.with("spec");
    ObjectNode template = spec.with("template");
    ObjectNode annotations = scaleAnnotations(properties.path("scale"));
    if (!annotations.isEmpty()) {
      template.with("metadata").set("annotations", annotations);
    }
    template.with("spec").withArray("containers").add(container(properties));
    ArrayNode traffic = traffic(properties.path("traffic"));
    if (!traffic.isEmpty()) {
      spec.set("traffic", traffic);
    }
    return service;
  }

  private static ObjectNode container(ObjectNode properties) {
    ObjectNode container = JsonNodeFactory.instance.objectNode();
    container.put("image", properties.path("image").asText());
    JsonNode env = properties.path("env");
    if (env.isObject() && !env.isEmpty()) {
      // Sorted, so that reordering keys in the stack is not a change.
      Map<String, String> sorted = new TreeMap<>();
      env.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
      ArrayNode variables = container.withArray("env");
      sorted.forEach((name, value) -> variables.addObject().put("name", name).put("value", value));
    }
    JsonNode ports = properties.path("ports");
    if (ports.isArray() && !ports.isEmpty()) {
      ArrayNode list = container.withArray("ports");
      for (JsonNode port : ports) {
        ObjectNode item = list.addObject();
        if (port.hasNonNull("name")) {
          item.put("name", port.get("name").asText());
        }
        if (port.hasNonNull("containerPort")) {
          item.put("containerPort", port.get("containerPort").asInt());
        }
      }
    }
    JsonNode resources = properties.path("resources");
    if (resources.isObject() && !resources.isEmpty()) {
      container.set("resources", resources.deepCopy());
    }
    return container;
  }

  private static ObjectNode scaleAnnotations(JsonNode scale) {
    ObjectNode annotations = JsonNodeFactory.instance.objectNode();
    if (!scale.isObject()) {
      return annotations;
    }
    putIfSet(annotations, AUTOSCALING + "min-scale", scale.get("min"));
    putIfSet(annotations, AUTOSCALING + "max-scale", scale.get("max"));
    putIfSet(annotations, AUTOSCALING + "target", scale.get("target"));
    JsonNode metric = scale.get("metric");
    putIfSet(annotations, AUTOSCALING + "metric", metric);
    if (metric != null && (metric.asText().equals("cpu") || metric.asText().equals("memory"))) {
      annotations.put(AUTOSCALING + "class", HPA_CLASS);
    }
    return annotations;
  }

  private static ArrayNode traffic(JsonNode targets) {
    ArrayNode traffic = JsonNodeFactory.instance.arrayNode();
    if (!targets.isArray()) {
      return traffic;
    }
    for (JsonNode target : targets) {
      ObjectNode item = traffic.addObject();
      Iterator<Map.Entry<String, JsonNode>> fields = target.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getValue().isNull()) {
          item.set(field.getKey(), field.getValue().deepCopy());
        }
      }
    }
    return traffic;
  }

  private static void putIfSet(ObjectNode annotations, String name, JsonNode value) {
    if (value != null && !value.isNull() && !value.isMissingNode()) {
      annotations.put(name, value.asText());
    }
  }
}
