package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ARM resources of the world, keyed by resource id without regard to case (ARM ids are
 * case-insensitive; the stored body keeps the case of the creating request).
 */
final class ResourceStore {

  private final World world;
  private final Map<String, ObjectNode> resources;

  ResourceStore(World world) {
    this.world = world;
    this.resources = new LinkedHashMap<>(world.loadResources());
  }

  Optional<ObjectNode> get(String id) {
    return Optional.ofNullable(resources.get(key(id)));
  }

  void put(String id, ObjectNode resource) {
    resources.put(key(id), resource);
  }

  void remove(String id) {
    resources.remove(key(id));
  }

  /** Returns the resources whose id starts with {@code prefix + "/"}, in creation order. */
  List<ObjectNode> under(String prefix) {
    String start = key(prefix) + "/";
    List<ObjectNode> found = new ArrayList<>();
    resources.forEach(
        (id, resource) -> {
          if (id.startsWith(start)) {
            found.add(resource);
          }
        });
    return found;
  }

  /** Returns every resource whose type is {@code type}, in creation order. */
  List<ObjectNode> ofType(String type) {
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode resource : resources.values()) {
      if (resource.path("type").asText().equalsIgnoreCase(type)) {
        found.add(resource);
      }
    }
    return found;
  }

  void save() {
    world.saveResources(resources);
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
