package dev.provisioner.provider.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import java.util.Optional;

/**
 * An ARM resource type whose resources ARM names by resource group and name, such as
 * {@code Microsoft.Network/virtualNetworks}. Such types differ in read, PUT, delete and import
 * only in the request body and the client calls they make, so subclasses supply those and this
 * class runs the steps.
 *
 * @param <T> the Azure SDK model of the resource
 */
abstract class GroupScopedArmType<T> extends ArmPutResourceType {

  private final String kind;
  private final String idSegment;

  /**
   * Creates a type whose error messages call a resource {@code kind} ("virtual network") and
   * whose ARM ids name it after the {@code idSegment} ("virtualNetworks").
   */
  GroupScopedArmType(String kind, String idSegment) {
    this.kind = kind;
    this.idSegment = idSegment;
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    String group = Props.requiredText(prior, "resourceGroup");
    String name = Props.requiredText(prior, "name");
    return readLive("reading " + kind + " " + name,
        () -> sendGet(context, group, name),
        resource -> attributes(group, resource), prior);
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    String group = Props.requiredText(prior, "resourceGroup");
    String name = Props.requiredText(prior, "name");
    ArmErrors.deleteIfExists(
        "deleting " + kind + " " + name, () -> sendDelete(context, group, name));
  }

  @Override
  public ObjectNode importResource(OperationContext context, String id) {
    ArmId armId = ArmId.parse(id);
    String name = armId.name(idSegment);
    return ArmErrors.call("importing " + kind + " " + name, () -> attributes(
        armId.resourceGroup(), sendGet(context, armId.resourceGroup(), name)));
  }

  @Override
  ObjectNode put(OperationContext context, ObjectNode desired, String verb) {
    String group = Props.requiredText(desired, "resourceGroup");
    String name = Props.requiredText(desired, "name");
    T body = body(desired);
    T result = ArmErrors.call(verb + " " + kind + " " + name,
        () -> sendPut(context, group, name, body));
    return AzureFields.keepLocationSpelling(attributes(group, result), desired);
  }

  /** Returns the PUT request body that describes {@code desired}. */
  abstract T body(ObjectNode desired);

  /** Sends the PUT for the resource and waits for it. The caller maps what it throws. */
  abstract T sendPut(OperationContext context, String group, String name, T body);

  /** Sends the GET for the resource. The caller maps what it throws. */
  abstract T sendGet(OperationContext context, String group, String name);

  /** Sends the DELETE for the resource and waits for it. The caller maps what it throws. */
  abstract void sendDelete(OperationContext context, String group, String name);

  /** Returns the attributes of {@code resource}, which lives in resource group {@code group}. */
  abstract ObjectNode attributes(String group, T resource);
}
