package dev.provisioner.provider.kubernetes;

import java.util.Objects;

/**
 * The identity of an object in a cluster: group, kind, namespace and name. The version is left
 * out on purpose: one object is served under several versions, and a manifest that moves to a
 * newer {@code apiVersion} still names the same object.
 *
 * @param group API group, empty for the core group
 * @param kind kind
 * @param namespace namespace, empty for cluster-scoped objects
 * @param name name
 */
public record ObjectId(String group, String kind, String namespace, String name) {

  public ObjectId {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Returns the key used in the {@code objectDigests} map and in messages, in kubectl's
   * {@code kind.group} notation: {@code Deployment.apps/knative-serving/webhook},
   * {@code ConfigMap/knative-serving/config-domain}, {@code Namespace/knative-serving}.
   */
  public String key() {
    StringBuilder key = new StringBuilder(kind);
    if (!group.isEmpty()) {
      key.append('.').append(group);
    }
    if (!namespace.isEmpty()) {
      key.append('/').append(namespace);
    }
    return key.append('/').append(name).toString();
  }

  @Override
  public String toString() {
    return key();
  }
}
