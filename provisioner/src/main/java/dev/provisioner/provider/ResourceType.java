package dev.provisioner.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One resource type: its schema and the operations the engine calls on it.
 *
 * <p>Attribute objects passed in and out hold input fields and computed attributes together, as
 * the schema declares them. Every call may throw {@link ProviderException}; the engine adds the
 * resource address. Calls for different resources run concurrently, so implementations must be
 * thread-safe.
 */
public interface ResourceType {

  /** Returns the schema. */
  ResourceSchema schema();

  /**
   * Checks the properties statically, contacting nothing; runs at {@code validate} and before
   * every plan, after the schema check (types, required fields) has passed. Values may be
   * unknown. Reports problems through {@code validation} with the property path they concern.
   */
  default void validate(ObjectNode properties, Validation validation) {}

  /**
   * Returns attribute paths of {@code attributes} whose values are secret although their fields
   * are not declared sensitive, because secrecy depends on the value: for example the data of a
   * Kubernetes Secret inside a list of objects. Paths use the dot notation of the schema's field
   * names, a map entry as {@code field.key}. The engine adds them to the schema's sensitive
   * fields in plans and state. The default returns none.
   */
  default List<String> sensitivePaths(ObjectNode attributes) {
    return List.of();
  }

  /**
   * Plans one resource: checks what needs the live API (versions offered in a region, say) and
   * returns the planned attributes, with computed attributes it can predict filled in and the
   * others unknown. {@code prior} is the refreshed state, empty for a create. The default returns
   * {@code desired} unchanged.
   */
  default ObjectNode plan(
      OperationContext context, ObjectNode desired, Optional<ObjectNode> prior) {
    return desired;
  }

  /**
   * Reads the live resource described by {@code prior} (the recorded attributes).
   *
   * @return the current attributes, or empty when the resource no longer exists
   */
  Optional<ObjectNode> read(OperationContext context, ObjectNode prior);

  /**
   * Looks for a live resource that {@code desired} would create, to recover a create whose
   * result was never recorded. The default finds nothing.
   */
  default Optional<ObjectNode> find(OperationContext context, ObjectNode desired) {
    return Optional.empty();
  }

  /** Creates the resource and returns all its attributes, computed ones included. */
  ObjectNode create(OperationContext context, ObjectNode desired);

  /** Updates the resource in place and returns all its attributes. */
  ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired);

  /** Deletes the resource and waits until it is gone. Deleting a missing resource succeeds. */
  void delete(OperationContext context, ObjectNode prior);

  /**
   * Reads an existing resource by its remote id for {@code import}.
   *
   * @throws ProviderException when nothing exists with that id or the type cannot be imported
   */
  default ObjectNode importResource(OperationContext context, String id) {
    throw new ProviderException(
        "NotImportable", "resources of type " + schema().type() + " cannot be imported");
  }
}
