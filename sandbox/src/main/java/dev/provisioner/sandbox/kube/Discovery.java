package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents of the cluster API ({@code /version}, {@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}), shaped as kube-apiserver
 * returns them so that clients resolving kinds to resources (fabric8, kubectl) work.
 */
final class Discovery {

  private final ResourceCatalog catalog;
  private volatile String kubernetesVersion;

  Discovery(ResourceCatalog catalog, String kubernetesVersion) {
    this.catalog = catalog;
    this.kubernetesVersion = kubernetesVersion;
  }

  void setKubernetesVersion(String kubernetesVersion) {
    this.kubernetesVersion = kubernetesVersion;
  }

  /**
   * Returns the document at {@code path} (without query), or empty when it is not a discovery path.
   */
  Optional<String> document(String path) {
    String trimmed = path.replaceAll("/+$", "");
    String[] segments = trimmed.replaceAll("^/+", "").split("/");
    if (trimmed.isEmpty()) {
      return Optional.of(Json.write(rootPaths()));
    }
    if (trimmed.equals("/version")) {
      return Optional.of(Json.write(version()));
    }
    if (trimmed.equals("/api")) {
      return Optional.of(Json.write(coreVersions()));
    }
    if (trimmed.equals("/apis")) {
      return Optional.of(Json.write(groupList()));
    }
    if (segments.length == 2 && segments[0].equals("api")) {
      return resourceList("", segments[1]);
    }
    if (segments.length == 2 && segments[0].equals("apis")) {
      return group(segments[1]).map(Json::write);
    }
    if (segments.length == 3 && segments[0].equals("apis")) {
      return resourceList(segments[1], segments[2]);
    }
    return Optional.empty();
  }

  private ObjectNode rootPaths() {
    ObjectNode root = Json.object();
    ArrayNode paths = root.putArray("paths");
    paths.add("/api");
    paths.add("/api/v1");
    paths.add("/apis");
    for (Map.Entry<String, List<String>> group : catalog.groupVersions().entrySet()) {
      if (group.getKey().isEmpty()) {
        continue;
      }
      paths.add("/apis/" + group.getKey());
      group.getValue().forEach(version -> paths.add("/apis/" + group.getKey() + "/" + version));
    }
    paths.add("/healthz");
    paths.add("/livez");
    paths.add("/readyz");
    paths.add("/version");
    return root;
  }

  /**
   * The {@code version.Info} of the cluster, from a version such as {@code 1.30} or {@code 1.30.5}.
   */
  ObjectNode version() {
    String[] parts = kubernetesVersion.replaceFirst("^v", "").split("\\.");
    String major = parts[0];
    String minor = parts.length > 1 ? parts[1] : "0";
    String patch = parts.length > 2 ? parts[2] : "0";
    ObjectNode version = Json.object();
    version.put("major", major);
    version.put("minor", minor);
    version.put("gitVersion", "v" + major + "." + minor + "." + patch);
    version.put("gitCommit", "");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2024-01-01T00:00:00Z");
    version.put("goVersion", "go1.22.6");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return version;
  }

  private ObjectNode coreVersions() {
    ObjectNode versions = Json.object();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", "127.0.0.1:443");
    return versions;
  }

  private ObjectNode groupList() {
    ObjectNode list = Json.object();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    for (Map.Entry<String, List<String>> entry : catalog.groupVersions().entrySet()) {
      if (!entry.getKey().isEmpty()) {
        groups.add(groupNode(entry.getKey(), entry.getValue()));
      }
    }
    return list;
  }

  private Optional<ObjectNode> group(String name) {
    List<String> versions = catalog.groupVersions().get(name);
    if (versions == null || name.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode group = groupNode(name, versions);
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    return Optional.of(group);
  }

  private static ObjectNode groupNode(String name, List<String> versions) {
    ObjectNode group = Json.object();
    group.put("name", name);
    ArrayNode versionNodes = group.putArray("versions");
    for (String version : versions) {
      ObjectNode node = versionNodes.addObject();
      node.put("groupVersion", name + "/" + version);
      node.put("version", version);
    }
    ObjectNode preferred = group.putObject("preferredVersion");
    preferred.put("groupVersion", name + "/" + versions.get(0));
    preferred.put("version", versions.get(0));
    return group;
  }

  private Optional<String> resourceList(String group, String version) {
    List<ResourceInfo> resources =
        catalog.all().stream()
            .filter(info -> info.group().equals(group) && info.version().equals(version))
            .toList();
    if (resources.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list = Json.object();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode items = list.putArray("resources");
    for (ResourceInfo info : resources) {
      ObjectNode resource = items.addObject();
      resource.put("name", info.plural());
      resource.put("singularName", info.singular());
      resource.put("namespaced", info.namespaced());
      resource.put("kind", info.kind());
      ArrayNode verbs = resource.putArray("verbs");
      ResourceInfo.VERBS.forEach(verbs::add);
      if (!info.shortNames().isEmpty()) {
        ArrayNode shortNames = resource.putArray("shortNames");
        info.shortNames().forEach(shortNames::add);
      }
      if (!info.categories().isEmpty()) {
        ArrayNode categories = resource.putArray("categories");
        info.categories().forEach(categories::add);
      }
      if (info.hasStatusSubresource()) {
        ObjectNode status = items.addObject();
        status.put("name", info.plural() + "/status");
        status.put("singularName", "");
        status.put("namespaced", info.namespaced());
        status.put("kind", info.kind());
        status.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return Optional.of(Json.write(list));
  }
}
