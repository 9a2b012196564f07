package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every resource the cluster serves: the built-in ones and, for each stored
 * CustomResourceDefinition, each of its served versions. Rebuilt from the stored CRDs whenever one
 * changes.
 */
final class ResourceCatalog {

  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  private final Map<String, List<ResourceInfo>> definitions =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private volatile List<ResourceInfo> customResources = List.of();

  Optional<ResourceInfo> find(String group, String version, String plural) {
    Optional<ResourceInfo> builtin = BuiltinResources.find(group, version, plural);
    if (builtin.isPresent()) {
      return builtin;
    }
    for (ResourceInfo info : customResources) {
      if (info.group().equals(group)
          && info.version().equals(version)
          && info.plural().equals(plural)) {
        return Optional.of(info);
      }
    }
    return Optional.empty();
  }

  Optional<ResourceInfo> findByKind(String apiVersion, String kind) {
    for (ResourceInfo info : all()) {
      if (info.apiVersion().equals(apiVersion) && info.kind().equals(kind)) {
        return Optional.of(info);
      }
    }
    return Optional.empty();
  }

  List<ResourceInfo> all() {
    List<ResourceInfo> all = new ArrayList<>(BuiltinResources.ALL);
    all.addAll(customResources);
    return all;
  }

  /**
   * Versions served per group, preferred version first. Groups keep the order of the built-in
   * table, then custom groups in name order.
   */
  Map<String, List<String>> groupVersions() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (ResourceInfo info : all()) {
      List<String> versions = groups.computeIfAbsent(info.group(), g -> new ArrayList<>());
      if (!versions.contains(info.version())) {
        versions.add(info.version());
      }
    }
    for (Map.Entry<String, List<String>> entry : groups.entrySet()) {
      if (BuiltinResources.ALL.stream().noneMatch(info -> info.group().equals(entry.getKey()))) {
        entry.getValue().sort(ResourceCatalog::compareVersionPriority);
      }
    }
    return groups;
  }

  /** Adds or replaces the resources the CRD named {@code name} defines; null removes them. */
  synchronized void updateDefinition(String name, JsonNode crd) {
    if (crd == null) {
      definitions.remove(name);
    } else {
      definitions.put(name, fromDefinition(crd));
    }
    List<ResourceInfo> resources = new ArrayList<>();
    definitions.values().forEach(resources::addAll);
    customResources = List.copyOf(resources);
  }

  static List<ResourceInfo> fromDefinition(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<ResourceInfo> resources = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      if (!version.path("served").asBoolean(false)) {
        continue;
      }
      resources.add(
          new ResourceInfo(
              spec.path("group").asText(),
              version.path("name").asText(),
              names.path("plural").asText(),
              names
                  .path("singular")
                  .asText(names.path("kind").asText().toLowerCase(java.util.Locale.ROOT)),
              names.path("kind").asText(),
              spec.path("scope").asText("Namespaced").equals("Namespaced"),
              textList(names.path("shortNames")),
              textList(names.path("categories")),
              version.path("subresources").has("status"),
              Optional.of(version.path("schema").path("openAPIV3Schema"))));
    }
    return resources;
  }

  /**
   * Orders versions as Kubernetes prefers them: GA before beta before alpha, higher numbers first,
   * and versions not shaped like {@code v1beta2} last in name order.
   */
  static int compareVersionPriority(String left, String right) {
    return Comparator.comparing(ResourceCatalog::versionRank)
        .thenComparing(Comparator.naturalOrder())
        .compare(left, right);
  }

  private static String versionRank(String version) {
    Matcher matcher = KUBE_VERSION.matcher(version);
    if (!matcher.matches()) {
      return "9";
    }
    int major = Integer.parseInt(matcher.group(1));
    String stage = matcher.group(2);
    int minor = stage == null ? 0 : Integer.parseInt(matcher.group(3));
    int stageRank = stage == null ? 0 : stage.equals("beta") ? 1 : 2;
    // Smaller strings sort first: stage, then the negated numbers padded to a fixed width.
    return stageRank + String.format("%06d%06d", 999999 - major, 999999 - minor);
  }

  private static List<String> textList(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
