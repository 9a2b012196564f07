package dev.provisioner.provider.kubernetes;

import java.util.Objects;

/**
 * An object a wait is about.
 *
 * @param kind how the API serves it
 * @param namespace namespace, empty for cluster-scoped objects
 * @param name name
 * @param uid UID of the very object meant, or empty for whatever object has the name
 */
record WaitTarget(ResourceKind kind, String namespace, String name, String uid) {

  WaitTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  static WaitTarget of(InventoryEntry entry) {
    return new WaitTarget(entry.kind(), entry.namespace(), entry.name(), entry.uid());
  }

  String describe() {
    return ClusterObjects.describe(kind, namespace, name);
  }
}
