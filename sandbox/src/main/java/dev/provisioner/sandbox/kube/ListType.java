package dev.provisioner.sandbox.kube;

import java.util.List;

/**
 * How the API server merges and tracks one list field, after the OpenAPI extensions {@code
 * x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys}.
 *
 * @param kind atomic (replaced whole), set (of scalars) or map (items identified by keys)
 * @param keys the item keys when {@code kind} is map
 */
record ListType(Kind kind, List<String> keys) {

  enum Kind {
    ATOMIC,
    SET,
    MAP
  }

  static final ListType ATOMIC = new ListType(Kind.ATOMIC, List.of());
  static final ListType SET = new ListType(Kind.SET, List.of());

  ListType {
    keys = List.copyOf(keys);
  }

  static ListType map(String... keys) {
    return new ListType(Kind.MAP, List.of(keys));
  }
}
