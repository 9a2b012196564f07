package dev.provisioner.provider.azure;

import com.azure.resourcemanager.loganalytics.fluent.WorkspacesClient;
import com.azure.resourcemanager.loganalytics.fluent.models.WorkspaceInner;
import com.azure.resourcemanager.loganalytics.models.WorkspaceSku;
import com.azure.resourcemanager.loganalytics.models.WorkspaceSkuNameEnum;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.FieldSchema;
import dev.provisioner.provider.FieldType;
import dev.provisioner.provider.OperationContext;
import dev.provisioner.provider.ResourceSchema;
import dev.provisioner.provider.Validation;
import java.util.List;

/**
 * {@code azure.logAnalyticsWorkspace}: a Log Analytics workspace
 * ({@code Microsoft.OperationalInsights/workspaces}), the sink of Container Insights.
 */
final class LogAnalyticsWorkspaceType extends GroupScopedArmType<WorkspaceInner> {

  static final String TYPE = "azure.logAnalyticsWorkspace";

  private static final ResourceSchema SCHEMA = new ResourceSchema(
      TYPE,
      "A Log Analytics workspace that Container Insights sends cluster logs and metrics to.",
      List.of(
          AzureFields.name("Workspace name: 4 to 63 letters, digits and '-', starting and ending"
              + " with a letter or digit."),
          AzureFields.resourceGroup(),
          AzureFields.location(),
          FieldSchema.builder("sku", FieldType.STRING)
              .defaultValue(AzureFields.JSON.textNode("PerGB2018"))
              .allowedValues("Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone",
                  "CapacityReservation")
              .doc("Pricing tier; updated in place.")
              .apiField("properties.sku.name")
              .build(),
          FieldSchema.builder("retentionInDays", FieldType.INT)
              .doc("Days to keep data, 30 to 730 (the Free tier keeps 7); updated in place.")
              .apiField("properties.retentionInDays")
              .build(),
          AzureFields.tags(),
          AzureFields.id(),
          FieldSchema.builder("customerId", FieldType.STRING)
              .computed()
              .doc("The workspace id agents send data to (a GUID).")
              .apiField("properties.customerId")
              .build()));

  LogAnalyticsWorkspaceType() {
    super("workspace", "workspaces");
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public void validate(ObjectNode properties, Validation validation) {
    ArmRules.matches(properties, "name", ArmRules.WORKSPACE_NAME,
        "workspace names are 4 to 63 letters, digits and '-', starting and ending with a letter"
            + " or digit",
        validation);
    boolean free = Props.text(properties, "sku").map("Free"::equals).orElse(false);
    if (free && Props.integer(properties, "retentionInDays").isPresent()) {
      validation.error("retentionInDays",
          "the Free tier keeps data for 7 days and takes no retentionInDays; remove it or pick"
              + " another sku.");
    } else {
      ArmRules.range(properties, "retentionInDays", 30, 730, validation);
    }
    ArmRules.tags(properties, validation);
  }

  @Override
  WorkspaceInner body(ObjectNode desired) {
    WorkspaceInner body = new WorkspaceInner()
        .withLocation(Props.requiredText(desired, "location"))
        .withTags(Props.stringMap(desired, "tags"))
        .withSku(new WorkspaceSku().withName(
            WorkspaceSkuNameEnum.fromString(Props.text(desired, "sku").orElse("PerGB2018"))));
    Props.integer(desired, "retentionInDays").ifPresent(body::withRetentionInDays);
    return body;
  }

  @Override
  WorkspaceInner sendPut(OperationContext context, String group, String name, WorkspaceInner body) {
    return client(context).createOrUpdate(group, name, body);
  }

  @Override
  WorkspaceInner sendGet(OperationContext context, String group, String name) {
    return client(context).getByResourceGroup(group, name);
  }

  @Override
  void sendDelete(OperationContext context, String group, String name) {
    client(context).delete(group, name);
  }

  private static WorkspacesClient client(OperationContext context) {
    return AzureClients.of(context).logAnalytics().serviceClient().getWorkspaces();
  }

  @Override
  ObjectNode attributes(String group, WorkspaceInner workspace) {
    ObjectNode attributes = AzureFields.JSON.objectNode();
    attributes.put("name", workspace.name());
    attributes.put("resourceGroup", group);
    attributes.put("location", workspace.location());
    if (workspace.sku() != null && workspace.sku().name() != null) {
      attributes.put("sku", workspace.sku().name().toString());
    }
    if (workspace.retentionInDays() != null) {
      attributes.put("retentionInDays", workspace.retentionInDays());
    }
    attributes.set("tags", AzureFields.tagsAttribute(workspace.tags()));
    attributes.put("id", workspace.id());
    attributes.put("customerId", workspace.customerId());
    return attributes;
  }
}
