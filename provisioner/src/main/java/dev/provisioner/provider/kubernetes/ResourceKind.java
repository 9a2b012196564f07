package dev.provisioner.provider.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Objects;

/**
 * A kind as the API serves it: where its objects live in API paths and whether they belong to a
 * namespace.
 *
 * @param group API group, empty for the core group
 * @param version API version within the group
 * @param kind kind, for example {@code Deployment}
 * @param plural resource name in paths, for example {@code deployments}
 * @param namespaced whether objects of this kind belong to a namespace
 */
public record ResourceKind(
    String group, String version, String kind, String plural, boolean namespaced) {

  public ResourceKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
  }

  /**
   * Returns the {@code apiVersion} of objects of this kind, {@code group/version} or {@code v1}.
   */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Returns whether the group is one that Kubernetes itself serves rather than a CRD. */
  public boolean isBuiltIn() {
    return BuiltInKinds.isBuiltInGroup(group);
  }

  /** Returns the fabric8 context that addresses this kind without a discovery call. */
  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
