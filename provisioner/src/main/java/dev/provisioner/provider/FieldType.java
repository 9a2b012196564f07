package dev.provisioner.provider;

/** The type of a field in a resource schema. */
public enum FieldType {
  STRING,
  INT,
  BOOL,
  /** An ordered list; {@link FieldSchema#element()} describes its items. */
  LIST,
  /**
   * A map from string keys to values that {@link FieldSchema#element()} describes. A map is owned
   * whole: a key removed from the stack is a change.
   */
  MAP,
  /**
   * An object with the named sub-fields of {@link FieldSchema#fields()}. Only the sub-fields a
   * stack sets are compared, so values a server defaulted are not drift.
   */
  OBJECT,
  /**
   * A whole-resource reference such as {@code ${aks}}. Providers receive the referenced
   * resource's current attributes (sensitive ones included) with its address under the key
   * {@code address}; state and plans record only {@code {address, id}}, so a change to another
   * attribute of the referenced resource is not a change of this one.
   */
  RESOURCE,
  /** Any JSON value, compared whole: inline Kubernetes objects, free-form config. */
  ANY
}
