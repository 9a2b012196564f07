package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where in an object a merge or a field-ownership walk is, so it can tell how a list there is
 * keyed. Custom resources follow their CRD schema's list extensions; built-in kinds follow the list
 * keys of the Kubernetes API's Go types (for example containers by {@code name}, container ports by
 * {@code containerPort} and {@code protocol}).
 */
final class SchemaContext {

  private static final Set<String> CONTAINER_LISTS =
      Set.of("containers", "initContainers", "ephemeralContainers");

  private static final Map<String, ListType> BUILTIN_LISTS =
      Map.ofEntries(
          Map.entry("containers", ListType.map("name")),
          Map.entry("initContainers", ListType.map("name")),
          Map.entry("ephemeralContainers", ListType.map("name")),
          Map.entry("env", ListType.map("name")),
          Map.entry("volumes", ListType.map("name")),
          Map.entry("volumeMounts", ListType.map("mountPath")),
          Map.entry("volumeDevices", ListType.map("devicePath")),
          Map.entry("imagePullSecrets", ListType.map("name")),
          Map.entry("hostAliases", ListType.map("ip")),
          Map.entry("topologySpreadConstraints", ListType.map("topologyKey", "whenUnsatisfiable")),
          Map.entry("resourceClaims", ListType.map("name")),
          Map.entry("conditions", ListType.map("type")),
          Map.entry("webhooks", ListType.map("name")));

  private final ResourceInfo resource;
  private final List<String> fieldNames;
  private final JsonNode schema;

  private SchemaContext(ResourceInfo resource, List<String> fieldNames, JsonNode schema) {
    this.resource = resource;
    this.fieldNames = fieldNames;
    this.schema = schema;
  }

  static SchemaContext root(ResourceInfo resource) {
    return new SchemaContext(resource, List.of(), resource.schema().orElse(null));
  }

  /** The context of field {@code name} of the object at this context. */
  SchemaContext field(String name) {
    List<String> names = new ArrayList<>(fieldNames);
    names.add(name);
    JsonNode child = null;
    if (schema != null) {
      JsonNode property = schema.path("properties").get(name);
      if (property != null) {
        child = property;
      } else if (schema.path("additionalProperties").isObject()) {
        child = schema.path("additionalProperties");
      }
    }
    return new SchemaContext(resource, List.copyOf(names), child);
  }

  /** The context of the items of the list at this context. */
  SchemaContext item() {
    JsonNode items = schema == null ? null : schema.get("items");
    return new SchemaContext(resource, fieldNames, items);
  }

  /** How the list at this context is merged. */
  ListType listType() {
    boolean inMetadata = !fieldNames.isEmpty() && fieldNames.get(0).equals("metadata");
    if (resource.isCustom() && !inMetadata) {
      return schemaListType();
    }
    String name = fieldNames.isEmpty() ? "" : fieldNames.get(fieldNames.size() - 1);
    if (inMetadata && name.equals("finalizers")) {
      return ListType.SET;
    }
    if (inMetadata && name.equals("ownerReferences")) {
      return ListType.map("uid");
    }
    if (name.equals("ports")) {
      return portsListType();
    }
    return BUILTIN_LISTS.getOrDefault(name, ListType.ATOMIC);
  }

  private ListType portsListType() {
    String parent = fieldNames.size() >= 2 ? fieldNames.get(fieldNames.size() - 2) : "";
    if (CONTAINER_LISTS.contains(parent)) {
      return ListType.map("containerPort", "protocol");
    }
    if (resource.kind().equals("Service") && fieldNames.equals(List.of("spec", "ports"))) {
      return ListType.map("port", "protocol");
    }
    return ListType.ATOMIC;
  }

  private ListType schemaListType() {
    if (schema == null) {
      return ListType.ATOMIC;
    }
    String type = schema.path("x-kubernetes-list-type").asText("atomic");
    if (type.equals("set")) {
      return ListType.SET;
    }
    if (type.equals("map")) {
      List<String> keys = new ArrayList<>();
      schema.path("x-kubernetes-list-map-keys").forEach(key -> keys.add(key.asText()));
      return new ListType(ListType.Kind.MAP, keys);
    }
    return ListType.ATOMIC;
  }

  /**
   * Returns the value of key {@code key} of a list item, with the API's default for {@code
   * protocol} (TCP) when a port leaves it out, as the API server keys such items.
   */
  static JsonNode keyValue(JsonNode item, String key) {
    JsonNode value = item.get(key);
    if ((value == null || value.isNull()) && key.equals("protocol")) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf("TCP");
    }
    return value;
  }
}
