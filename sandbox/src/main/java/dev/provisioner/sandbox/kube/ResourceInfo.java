package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource the cluster API serves, as discovery describes it.
 *
 * @param group API group, empty for core
 * @param version API version
 * @param plural resource name in paths
 * @param singular singular name
 * @param kind object kind
 * @param namespaced whether objects live in namespaces
 * @param shortNames short names kubectl accepts
 * @param categories categories such as {@code all}
 * @param hasStatusSubresource whether {@code /status} is a separate subresource, so writes to the
 *     main resource keep the stored status
 * @param schema the CRD's OpenAPI v3 schema of this version, empty for built-in resources
 */
record ResourceInfo(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    boolean hasStatusSubresource,
    Optional<JsonNode> schema) {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  ResourceInfo {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(kind, "kind");
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    Objects.requireNonNull(schema, "schema");
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  boolean isCustom() {
    return schema.isPresent();
  }
}
