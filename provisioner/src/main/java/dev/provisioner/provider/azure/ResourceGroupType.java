package dev.provisioner.provider.azure;

import com.azure.resourcemanager.resources.fluent.ResourceGroupsClient;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import java.util.List;
import java.util.Optional;

/** {@code azure.resourceGroup}: a resource group ({@code Microsoft.Resources/resourceGroups}). */
final class ResourceGroupType extends ArmPutResourceType {

  static final String TYPE = "azure.resourceGroup";

  private static final ResourceSchema SCHEMA = new ResourceSchema(
      TYPE,
      "A resource group: the container that holds related Azure resources.",
      List.of(
          AzureFields.name("Resource group name: 1 to 90 letters, digits, '_', '-', '.', '(' and"
              + " ')', not ending with '.'."),
          AzureFields.location(),
          AzureFields.tags(),
          AzureFields.id()));

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    ArmRules.matches(properties, "name", ArmRules.RESOURCE_GROUP_NAME,
        "resource group names are 1 to 90 letters, digits, '_', '-', '.', '(' and ')', not"
            + " ending with '.'",
        validation);
    ArmRules.tags(properties, validation);
  }

  @Override
  public Optional<ObjectNode> read(OperationContext context, ObjectNode prior) {
    String name = Props.requiredText(prior, "name");
    return readLive("reading resource group " + name, () -> client(context).get(name),
        ResourceGroupType::attributes, prior);
  }

  @Override
  public void delete(OperationContext context, ObjectNode prior) {
    String name = Props.requiredText(prior, "name");
    context.progress("deleting resource group " + name + " and everything in it");
    ArmErrors.deleteIfExists("deleting resource group " + name, () -> client(context).delete(name));
  }

  @Override
  public ObjectNode importResource(OperationContext context, String id) {
    String name = ArmId.parse(id).resourceGroup();
    return ArmErrors.call(
        "importing resource group " + name, () -> attributes(client(context).get(name)));
  }

  @Override
  ObjectNode put(OperationContext context, ObjectNode desired, String verb) {
    String name = Props.requiredText(desired, "name");
    ResourceGroupInner body = new ResourceGroupInner()
        .withLocation(Props.requiredText(desired, "location"))
        .withTags(Props.stringMap(desired, "tags"));
    ResourceGroupInner result = ArmErrors.call(verb + " resource group " + name,
        () -> client(context).createOrUpdate(name, body));
    return AzureFields.keepLocationSpelling(attributes(result), desired);
  }

  private static ResourceGroupsClient client(OperationContext context) {
    return AzureClients.of(context).resources().serviceClient().getResourceGroups();
  }

  private static ObjectNode attributes(ResourceGroupInner group) {
    ObjectNode attributes = AzureFields.JSON.objectNode();
    attributes.put("name", group.name());
    attributes.put("location", group.location());
    attributes.set("tags", AzureFields.tagsAttribute(group.tags()));
    attributes.put("id", group.id());
    return attributes;
  }
}
