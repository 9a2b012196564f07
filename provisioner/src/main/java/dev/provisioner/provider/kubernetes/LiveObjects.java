package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the live objects of an inventory with one list request per kind and namespace. */
public final class LiveObjects {

  private LiveObjects() {}

  /**
   * Returns the live objects of {@code inventory} that still exist with their recorded UID, by
   * identity. An object deleted and created again under the same name is not the recorded one.
   */
  public static Map<ObjectId, ObjectNode> list(
      ClusterObjects objects, List<InventoryEntry> inventory) {
    return list(objects, inventory, false);
  }

  /**
   * Returns the live objects of {@code inventory} like {@link #list(ClusterObjects, List)}, with
   * lists shared between the refreshes of one run.
   */
  public static Map<ObjectId, ObjectNode> listForRefresh(
      ClusterObjects objects, List<InventoryEntry> inventory) {
    return list(objects, inventory, true);
  }

  private static Map<ObjectId, ObjectNode> list(
      ClusterObjects objects, List<InventoryEntry> inventory, boolean shared) {
    Map<String, Map<String, ObjectNode>> listed = new HashMap<>();
    Map<ObjectId, ObjectNode> live = new LinkedHashMap<>();
    for (InventoryEntry entry : inventory) {
      ResourceKind kind = entry.kind();
      String listKey = kind.apiVersion() + "/" + kind.plural() + "/" + entry.namespace();
      Map<String, ObjectNode> byName =
          listed.computeIfAbsent(
              listKey,
              key ->
                  shared
                      ? byName(
                          objects.connection().listForRefresh(kind, entry.namespace(), objects))
                      : byName(objects.list(kind, entry.namespace())));
      ObjectNode object = byName.get(entry.name());
      if (object == null) {
        continue;
      }
      String uid = object.path("metadata").path("uid").asText("");
      if (entry.uid().isEmpty() || entry.uid().equals(uid)) {
        live.put(entry.id(), object);
      }
    }
    return live;
  }

  /** Lists the objects of one kind in one namespace, by name. */
  static Map<String, ObjectNode> byName(
      ClusterObjects objects, ResourceKind kind, String namespace) {
    return byName(objects.list(kind, namespace));
  }

  private static Map<String, ObjectNode> byName(List<ObjectNode> items) {
    Map<String, ObjectNode> byName = new HashMap<>();
    for (ObjectNode item : items) {
      byName.put(item.path("metadata").path("name").asText(), item);
    }
    return byName;
  }
}
