package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One object a resource owns, as recorded in its {@code inventory} attribute.
 *
 * @param kind the kind and version the object was applied as
 * @param namespace namespace, empty for cluster-scoped objects
 * @param name name
 * @param uid UID the API server assigned; identifies this very object, not a later namesake
 */
public record InventoryEntry(ResourceKind kind, String namespace, String name, String uid) {

  public InventoryEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  /** Returns the object's identity. */
  public ObjectId id() {
    return new ObjectId(kind.group(), kind.kind(), namespace, name);
  }

  /** Returns the entry as stored in state. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("group", kind.group());
    node.put("version", kind.version());
    node.put("kind", kind.kind());
    node.put("plural", kind.plural());
    node.put("namespace", namespace);
    node.put("name", name);
    node.put("uid", uid);
    return node;
  }

  /** Reads an entry written by {@link #toJson()}. */
  public static InventoryEntry fromJson(JsonNode node) {
    String namespace = node.path("namespace").asText("");
    ResourceKind kind =
        new ResourceKind(
            node.path("group").asText(""),
            node.path("version").asText(),
            node.path("kind").asText(),
            node.path("plural").asText(),
            !namespace.isEmpty());
    return new InventoryEntry(
        kind, namespace, node.path("name").asText(), node.path("uid").asText(""));
  }
}
