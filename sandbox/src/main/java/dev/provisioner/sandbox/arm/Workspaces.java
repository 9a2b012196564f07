package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code Microsoft.OperationalInsights/workspaces}: Log Analytics workspaces with their SKU,
 * retention and computed {@code customerId}.
 */
final class Workspaces {

  static final String TYPE = "Microsoft.OperationalInsights/workspaces";
  private static final String NAMESPACE = "Microsoft.OperationalInsights";

  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$");
  private static final List<String> SKUS =
      List.of("Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone",
          "CapacityReservation", "LACluster");

  private final ArmContext context;

  Workspaces(ArmContext context) {
    this.context = context;
  }

  ArmResponse handle(ArmRequest request, String resourceGroup, String name) {
    String id = TrackedResources.id(context, resourceGroup, TYPE, name);
    Optional<ObjectNode> existing =
        TrackedResources.prepare(context, request, ApiVersions.WORKSPACES, resourceGroup, id);
    switch (request.method()) {
      case "PUT":
        return createOrUpdate(request, resourceGroup, name, id, existing);
      case "PATCH":
        return patch(request, resourceGroup, name, existing);
      case "GET":
        return ArmResponse.of(200, require(existing, name, resourceGroup).deepCopy());
      case "DELETE":
        return delete(request, id, existing);
      default:
        throw ResourceGroups.methodNotAllowed(request);
    }
  }

  ArmResponse list(ArmRequest request, String resourceGroup) {
    ApiVersions.check(request, ApiVersions.WORKSPACES, "eastus");
    context.requireResourceGroup(resourceGroup);
    return ArmResponse.of(200, TrackedResources.list(context, resourceGroup, TYPE));
  }

  private ArmResponse createOrUpdate(
      ArmRequest request,
      String resourceGroup,
      String name,
      String id,
      Optional<ObjectNode> existing) {
    ObjectNode body = Json.requireObject(request.body());
    TrackedResources.requireName(
        name, NAME, TYPE, "use 4-63 letters, digits and hyphens, starting and ending with a"
            + " letter or digit");
    String location = TrackedResources.requireLocation(body, existing, TYPE, resourceGroup);
    existing.ifPresent(w -> context.requireNoOperationInProgress(id, name));

    ObjectNode requested = (ObjectNode) body.path("properties").deepCopy();
    if (requested.isMissingNode() || !requested.isObject()) {
      requested = Json.object();
    }
    String sku = canonicalSku(requested.path("sku").path("name").asText("PerGB2018"));
    int retention = requested.path("retentionInDays").asInt(sku.equals("Free") ? 7 : 30);
    requireRetention(sku, retention);

    String now = context.now().toString();
    ObjectNode workspace = existing.map(ObjectNode::deepCopy).orElseGet(Json::object);
    TrackedResources.fillEnvelope(workspace, body, id, name, TYPE, location);
    ObjectNode properties = Json.properties(workspace);
    Json.mergeInto(properties, requested);
    ObjectNode skuNode = properties.putObject("sku");
    skuNode.put("name", sku);
    skuNode.put("lastSkuUpdate", now);
    properties.put("retentionInDays", retention);
    if (!properties.has("customerId")) {
      properties.put("customerId", UUID.randomUUID().toString());
      properties.put("createdDate", now);
    }
    properties.put("modifiedDate", now);
    Json.putDefault(properties, "publicNetworkAccessForIngestion", "Enabled");
    Json.putDefault(properties, "publicNetworkAccessForQuery", "Enabled");
    if (!properties.has("features")) {
      ObjectNode features = properties.putObject("features");
      features.put("legacy", 0);
      features.put("searchVersion", 1);
      features.put("enableLogAccessUsingOnlyResourcePermissions", true);
    }
    if (!properties.has("workspaceCapping")) {
      ObjectNode capping = properties.putObject("workspaceCapping");
      capping.put("dailyQuotaGb", -1.0);
      capping.put("dataIngestionStatus", "RespectQuota");
    }
    properties.put("provisioningState", existing.isPresent() ? "Updating" : "Creating");
    context.store().put(id, workspace);

    return context.acceptWrite(
        request,
        existing.isEmpty(),
        id,
        NAMESPACE,
        location,
        () -> properties.put("provisioningState", "Succeeded"),
        failure -> properties.put("provisioningState", "Failed"),
        workspace::deepCopy);
  }

  private ArmResponse patch(
      ArmRequest request, String resourceGroup, String name, Optional<ObjectNode> existing) {
    ObjectNode body = Json.requireObject(request.body());
    TrackedResources.requireValidTags(body.get("tags"));
    ObjectNode workspace = require(existing, name, resourceGroup);
    if (body.has("tags")) {
      workspace.set("tags", body.get("tags"));
    }
    JsonNode properties = body.get("properties");
    if (properties != null && properties.isObject()) {
      ObjectNode merged = workspace.get("properties").deepCopy();
      Json.mergeInto(merged, properties);
      String sku = canonicalSku(merged.path("sku").path("name").asText("PerGB2018"));
      requireRetention(sku, merged.path("retentionInDays").asInt(30));
      merged.withObjectProperty("sku").put("name", sku);
      workspace.set("properties", merged);
    }
    context.store().save();
    return ArmResponse.of(200, workspace.deepCopy());
  }

  private ArmResponse delete(ArmRequest request, String id, Optional<ObjectNode> existing) {
    if (existing.isEmpty()) {
      return ArmResponse.empty(204);
    }
    ObjectNode workspace = existing.get();
    context.requireNoOperationInProgress(id, workspace.path("name").asText());
    Json.properties(workspace).put("provisioningState", "Deleting");
    return context.acceptDelete(
        request,
        id,
        NAMESPACE,
        workspace.path("location").asText(),
        200,
        () -> context.store().remove(id),
        failure -> Json.properties(workspace).put("provisioningState", "Failed"));
  }

  private static ObjectNode require(Optional<ObjectNode> existing, String name, String group) {
    return existing.orElseThrow(() -> ArmContext.resourceNotFound(TYPE, name, group));
  }

  private static String canonicalSku(String sku) {
    for (String known : SKUS) {
      if (known.equalsIgnoreCase(sku)) {
        return known;
      }
    }
    throw ArmException.invalidParameter(
        "properties.sku.name",
        "The SKU '" + sku + "' is not valid. Valid SKUs are: " + String.join(", ", SKUS) + ".");
  }

  private static void requireRetention(String sku, int retention) {
    if (sku.toLowerCase(Locale.ROOT).equals("free")) {
      if (retention != 7) {
        throw ArmException.invalidParameter(
            "properties.retentionInDays",
            "Workspaces in the Free SKU keep data for 7 days; retentionInDays " + retention
                + " is not valid.");
      }
      return;
    }
    if (retention < 30 || retention > 730) {
      throw ArmException.invalidParameter(
          "properties.retentionInDays",
          "Retention period of " + retention + " days is not valid. Valid retention is 30 to"
              + " 730 days.");
    }
  }
}
