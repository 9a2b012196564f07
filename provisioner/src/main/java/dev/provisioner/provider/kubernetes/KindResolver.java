package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds how the API serves each object's kind. It looks in this order: the kind recorded in
 * the prior inventory, the cluster's discovery, a CRD among the objects being applied, then the
 * kinds that resources planned earlier in the run will install. Plans made before the cluster
 * exists look at the CRDs among the objects, then at the built-in kinds.
 */
final class KindResolver {

  /**
   * A resolved kind and whether the cluster serves it already.
   *
   * @param kind how the API serves the kind
   * @param servedNow false when the kind comes from a CRD not applied yet
   */
  record Resolution(ResourceKind kind, boolean servedNow) {}

  private final Map<String, ResourceKind> fromCrds;

  private final Map<String, ResourceKind> fromInventory = new HashMap<>();
  private final Optional<ClusterConnection> cluster;

  KindResolver(
      List<ObjectNode> objects,
      List<InventoryEntry> inventory,
      Optional<ClusterConnection> cluster) {
    this(objects, inventory, cluster, List.of());
  }

  /**
   * Creates a resolver that also resolves {@code typeKinds}: kinds a resource type builds itself,
   * such as Knative's Service, whose CRD another resource installs.
   */
  KindResolver(
      List<ObjectNode> objects,
      List<InventoryEntry> inventory,
      Optional<ClusterConnection> cluster,
      List<ResourceKind> typeKinds) {
    this.fromCrds = crdKinds(objects);
    for (ResourceKind kind : typeKinds) {
      fromCrds.putIfAbsent(key(kind.apiVersion(), kind.kind()), kind);
    }
    for (InventoryEntry entry : inventory) {
      fromInventory.put(key(entry.kind().apiVersion(), entry.kind().kind()), entry.kind());
    }
    this.cluster = cluster;
  }

  /** Returns the kinds that the CRDs among {@code objects} define, by apiVersion and kind. */
  static Map<String, ResourceKind> crdKinds(List<ObjectNode> objects) {
    Map<String, ResourceKind> kinds = new HashMap<>();
    for (ObjectNode object : objects) {
      if (!object.path("kind").asText().equals("CustomResourceDefinition")
          || !object.path("apiVersion").asText().startsWith("apiextensions.k8s.io/")) {
        continue;
      }
      JsonNode spec = object.path("spec");
      String group = spec.path("group").asText();
      String kind = spec.path("names").path("kind").asText();
      String plural = spec.path("names").path("plural").asText();
      boolean namespaced = spec.path("scope").asText("Namespaced").equals("Namespaced");
      for (JsonNode version : spec.path("versions")) {
        if (version.path("served").asBoolean(true)) {
          ResourceKind resolved =
              new ResourceKind(group, version.path("name").asText(), kind, plural, namespaced);
          kinds.put(key(resolved.apiVersion(), kind), resolved);
        }
      }
    }
    return kinds;
  }

  /** Returns the kind of {@code kind} in {@code apiVersion}, or empty when nothing defines it. */
  Optional<Resolution> resolve(String apiVersion, String kind) {
    String key = key(apiVersion, kind);
    ResourceKind known = fromInventory.get(key);
    if (known != null) {
      return Optional.of(new Resolution(known, true));
    }
    if (cluster.isPresent()) {
      ClusterConnection connection = cluster.get();
      if (connection.serves(apiVersion, kind)) {
        return connection.resolve(apiVersion, kind).map(k -> new Resolution(k, true));
      }
      ResourceKind defined = fromCrds.get(key);
      if (defined != null) {
        return Optional.of(new Resolution(defined, false));
      }
      return connection.resolve(apiVersion, kind).map(k -> new Resolution(k, false));
    }
    ResourceKind defined = fromCrds.get(key);
    if (defined != null) {
      return Optional.of(new Resolution(defined, false));
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (BuiltInKinds.isBuiltInGroup(group)) {
      return Optional.of(
          new Resolution(BuiltInKinds.guess(group, apiVersion.substring(slash + 1), kind), true));
    }
    return Optional.empty();
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "/" + kind;
  }
}
