package dev.provisioner.provider.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceType;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An ARM resource type that creates and updates with the same idempotent PUT. Because ARM names
 * a resource by the properties the stack writes, finding the resource a create would make is the
 * same request as reading it.
 */
abstract class ArmPutResourceType implements ResourceType {

  @Override
  public Optional<ObjectNode> find(OperationContext context, ObjectNode desired) {
    return read(context, desired);
  }

  @Override
  public ObjectNode create(OperationContext context, ObjectNode desired) {
    return put(context, desired, "creating");
  }

  @Override
  public ObjectNode update(OperationContext context, ObjectNode prior, ObjectNode desired) {
    return put(context, desired, "updating");
  }

  /**
   * Sends the PUT that makes the live resource match {@code desired} and returns all its
   * attributes. The {@code verb} ("creating", "updating") names the step in error messages.
   */
  abstract ObjectNode put(OperationContext context, ObjectNode desired, String verb);

  /**
   * Runs the GET {@code get} and returns the {@code attributes} of the resource it returns, with
   * the location spelled as in {@code reference}, or empty when ARM reports the resource missing.
   */
  static <T> Optional<ObjectNode> readLive(
      String step, Supplier<T> get, Function<T, ObjectNode> attributes, ObjectNode reference) {
    return ArmErrors.find(step, get)
        .map(resource -> AzureFields.keepLocationSpelling(attributes.apply(resource), reference));
  }
}
