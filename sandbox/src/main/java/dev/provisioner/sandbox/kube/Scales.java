package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code autoscaling/v1} Scale view of a Deployment, StatefulSet or ReplicaSet. */
final class Scales {

  private Scales() {}

  static ObjectNode of(ObjectNode object) {
    JsonNode metadata = object.path("metadata");
    ObjectNode scale = Json.object();
    scale.put("apiVersion", "autoscaling/v1");
    scale.put("kind", "Scale");
    ObjectNode scaleMetadata = scale.putObject("metadata");
    for (String field :
        List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (metadata.has(field)) {
        scaleMetadata.set(field, metadata.get(field));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    List<String> selector = new ArrayList<>();
    object
        .path("spec")
        .path("selector")
        .path("matchLabels")
        .fields()
        .forEachRemaining(label -> selector.add(label.getKey() + "=" + label.getValue().asText()));
    status.put("selector", String.join(",", selector));
    return scale;
  }
}
