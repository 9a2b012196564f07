package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code Microsoft.Resources/resourceGroups}: create or update (synchronous, 201/200), get, head
 * (204/404), tag patch, list, and delete (202 with {@code Location}), which deletes every
 * resource the group contains.
 */
final class ResourceGroups {

  static final String TYPE = "Microsoft.Resources/resourceGroups";

  /**
   * ARM's resource group name rule: 1-90 letters, digits, underscores, hyphens, periods and
   * parentheses, with no final period.
   */
  private static final Pattern NAME = Pattern.compile("^[-\\w._()]{1,90}$");

  private final ArmContext context;
  private final ManagedClusters clusters;

  ResourceGroups(ArmContext context, ManagedClusters clusters) {
    this.context = context;
    this.clusters = clusters;
  }

  ArmResponse handle(ArmRequest request, String name) {
    String location =
        context.store().get(context.resourceGroupId(name))
            .map(group -> group.path("location").asText())
            .orElse("eastus");
    ApiVersions.check(request, ApiVersions.RESOURCE_GROUPS, location);
    switch (request.method()) {
      case "PUT":
        return createOrUpdate(request, name);
      case "GET":
        return ArmResponse.of(200, context.requireResourceGroup(name).deepCopy());
      case "HEAD":
        return context.store().get(context.resourceGroupId(name)).isPresent()
            ? ArmResponse.empty(204)
            : ArmResponse.empty(404);
      case "PATCH":
        return patch(request, name);
      case "DELETE":
        return delete(request, name);
      default:
        throw methodNotAllowed(request);
    }
  }

  ArmResponse list(ArmRequest request) {
    ApiVersions.check(request, ApiVersions.RESOURCE_GROUPS, "eastus");
    ObjectNode body = Json.object();
    ArrayNode values = body.putArray("value");
    context.store().ofType(TYPE).forEach(group -> values.add(group.deepCopy()));
    return ArmResponse.of(200, body);
  }

  private ArmResponse createOrUpdate(ArmRequest request, String name) {
    ObjectNode body = Json.requireObject(request.body());
    if (!NAME.matcher(name).matches() || name.endsWith(".")) {
      throw new ArmException(
          400,
          "InvalidResourceGroup",
          "The provided resource group name '" + name + "' has these invalid characters or"
              + " length: use 1-90 letters, digits, underscores, hyphens, periods and"
              + " parentheses, not ending in a period.");
    }
    TrackedResources.requireValidTags(body.get("tags"));
    String location = Locations.require(Json.text(body, "location", null), TYPE);
    String id = context.resourceGroupId(name);
    var existing = context.store().get(id);
    if (existing.isPresent()) {
      String current = existing.get().path("location").asText();
      if (!current.equals(location)) {
        throw new ArmException(
            409,
            "InvalidResourceGroupLocation",
            "Invalid resource group location '" + location + "'. The Resource group already"
                + " exists in location '" + current + "'.");
      }
      requireNotDeleting(existing.get(), name);
    }
    ObjectNode group = existing.map(ObjectNode::deepCopy).orElseGet(Json::object);
    group.put("id", id);
    group.put("name", existing.map(g -> g.path("name").asText()).orElse(name));
    group.put("type", TYPE);
    group.put("location", location);
    if (body.has("tags")) {
      group.set("tags", body.get("tags"));
    }
    if (body.has("managedBy")) {
      group.set("managedBy", body.get("managedBy"));
    }
    Json.properties(group).put("provisioningState", "Succeeded");
    context.store().put(id, group);
    context.store().save();
    return ArmResponse.of(existing.isPresent() ? 200 : 201, group.deepCopy());
  }

  private ArmResponse patch(ArmRequest request, String name) {
    ObjectNode body = Json.requireObject(request.body());
    ObjectNode group = context.requireResourceGroup(name);
    requireNotDeleting(group, name);
    TrackedResources.requireValidTags(body.get("tags"));
    JsonNode tags = body.get("tags");
    if (tags != null && !tags.isNull()) {
      group.set("tags", tags);
    }
    if (body.has("managedBy")) {
      group.set("managedBy", body.get("managedBy"));
    }
    context.store().save();
    return ArmResponse.of(200, group.deepCopy());
  }

  private ArmResponse delete(ArmRequest request, String name) {
    ObjectNode group = context.requireResourceGroup(name);
    String id = group.get("id").asText();
    if ("Deleting".equals(group.path("properties").path("provisioningState").asText())) {
      return ArmResponse.empty(202);
    }
    Json.properties(group).put("provisioningState", "Deleting");
    return context.acceptDelete(
        request,
        id,
        "Microsoft.Resources",
        group.path("location").asText(),
        200,
        () -> deleteContents(id),
        failure -> Json.properties(group).put("provisioningState", "Succeeded"));
  }

  private void deleteContents(String groupId) {
    List<ObjectNode> contained = context.store().under(groupId);
    for (ObjectNode resource : contained) {
      if (resource.path("type").asText().equalsIgnoreCase(ManagedClusters.TYPE)) {
        clusters.releaseCluster(resource.get("id").asText());
      }
      context.store().remove(resource.get("id").asText());
    }
    context.store().remove(groupId);
  }

  private static void requireNotDeleting(ObjectNode group, String name) {
    if ("Deleting".equals(group.path("properties").path("provisioningState").asText())) {
      throw new ArmException(
          409,
          "ResourceGroupBeingDeleted",
          "The resource group '" + name + "' is in deprovisioning state and cannot perform this"
              + " operation.");
    }
  }

  static ArmException methodNotAllowed(ArmRequest request) {
    return new ArmException(
        405,
        "MethodNotAllowed",
        "The requested resource does not support http method '" + request.method() + "'.");
  }
}
