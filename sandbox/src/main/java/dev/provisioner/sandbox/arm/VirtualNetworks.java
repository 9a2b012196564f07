package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code Microsoft.Network/virtualNetworks} and their {@code subnets}: address space, subnets
 * inside it that do not overlap, and subnets an AKS agent pool uses cannot be deleted.
 */
final class VirtualNetworks {

  static final String TYPE = "Microsoft.Network/virtualNetworks";
  static final String SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets";
  private static final String NAMESPACE = "Microsoft.Network";

  private static final Pattern NAME =
      Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]$");
  private static final Pattern SUBNET_NAME =
      Pattern.compile("^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_]$");

  private final ArmContext context;

  VirtualNetworks(ArmContext context) {
    this.context = context;
  }

  ArmResponse handle(ArmRequest request, String resourceGroup, String name) {
    String id = TrackedResources.id(context, resourceGroup, TYPE, name);
    Optional<ObjectNode> existing =
        TrackedResources.prepare(
            context, request, ApiVersions.VIRTUAL_NETWORKS, resourceGroup, id);
    switch (request.method()) {
      case "PUT":
        return createOrUpdate(request, resourceGroup, name, id, existing);
      case "PATCH":
        return patchTags(request, require(existing, name, resourceGroup));
      case "GET":
        return ArmResponse.of(200, require(existing, name, resourceGroup).deepCopy());
      case "DELETE":
        return delete(request, id, existing);
      default:
        throw ResourceGroups.methodNotAllowed(request);
    }
  }

  ArmResponse list(ArmRequest request, String resourceGroup) {
    ApiVersions.check(request, ApiVersions.VIRTUAL_NETWORKS, "eastus");
    context.requireResourceGroup(resourceGroup);
    return ArmResponse.of(200, TrackedResources.list(context, resourceGroup, TYPE));
  }

  /** Serves {@code .../virtualNetworks/{name}/subnets[/{subnet}]}. */
  ArmResponse handleSubnet(
      ArmRequest request, String resourceGroup, String networkName, Optional<String> subnetName) {
    String id = TrackedResources.id(context, resourceGroup, TYPE, networkName);
    Optional<ObjectNode> existing =
        TrackedResources.prepare(
            context, request, ApiVersions.VIRTUAL_NETWORKS, resourceGroup, id);
    ObjectNode network = require(existing, networkName, resourceGroup);
    ArrayNode subnets = Json.properties(network).withArrayProperty("subnets");
    if (subnetName.isEmpty()) {
      ObjectNode body = Json.object();
      body.set("value", subnets.deepCopy());
      return ArmResponse.of(200, body);
    }
    String name = subnetName.get();
    int index = indexOf(subnets, name);
    switch (request.method()) {
      case "GET":
        if (index < 0) {
          throw subnetNotFound(networkName, name);
        }
        return ArmResponse.of(200, subnets.get(index).deepCopy());
      case "PUT":
        return putSubnet(request, network, subnets, index, name);
      case "DELETE":
        return deleteSubnet(request, network, subnets, index, name);
      default:
        throw ResourceGroups.methodNotAllowed(request);
    }
  }

  /** Returns the stored subnet with this id, if its network and the subnet exist. */
  Optional<ObjectNode> findSubnet(String subnetId) {
    int marker = subnetId.toLowerCase(Locale.ROOT).indexOf("/subnets/");
    if (marker < 0) {
      return Optional.empty();
    }
    String networkId = subnetId.substring(0, marker);
    String name = subnetId.substring(marker + "/subnets/".length());
    return context
        .store()
        .get(networkId)
        .flatMap(
            network -> {
              ArrayNode subnets = Json.properties(network).withArrayProperty("subnets");
              int index = indexOf(subnets, name);
              return index < 0 ? Optional.empty() : Optional.of((ObjectNode) subnets.get(index));
            });
  }

  private ArmResponse createOrUpdate(
      ArmRequest request,
      String resourceGroup,
      String name,
      String id,
      Optional<ObjectNode> existing) {
    ObjectNode body = Json.requireObject(request.body());
    TrackedResources.requireName(
        name, NAME, TYPE, "use 2-64 letters, digits, underscores, periods and hyphens,"
            + " starting with a letter or digit and ending with a letter, digit or underscore");
    String location = TrackedResources.requireLocation(body, existing, TYPE, resourceGroup);
    existing.ifPresent(n -> context.requireNoOperationInProgress(id, name));
    JsonNode requested = body.path("properties");
    List<Cidr> space = addressSpace(id, requested);

    ArrayNode oldSubnets =
        existing.map(n -> Json.properties(n).withArrayProperty("subnets")).orElse(null);
    ArrayNode subnets = Json.object().arrayNode();
    Map<String, Cidr> ranges = new LinkedHashMap<>();
    for (JsonNode subnet : requested.path("subnets")) {
      String subnetName = Json.text(subnet, "name", "");
      requireSubnetName(subnetName);
      ObjectNode built = buildSubnet(id, subnetName, subnet.path("properties"));
      Cidr range = subnetRange(id, subnetName, built);
      requireInside(space, range, subnetName, id);
      requireNoOverlap(ranges, subnetName, range, id);
      ranges.put(subnetName, range);
      subnets.add(built);
    }
    if (oldSubnets != null) {
      for (JsonNode old : oldSubnets) {
        if (indexOf(subnets, old.path("name").asText()) < 0) {
          requireUnused(old.path("id").asText(), old.path("name").asText());
        }
      }
    }

    ObjectNode network = existing.map(ObjectNode::deepCopy).orElseGet(Json::object);
    TrackedResources.fillEnvelope(network, body, id, name, TYPE, location);
    network.put("etag", etag());
    ObjectNode properties = Json.properties(network);
    Json.mergeInto(properties, requested);
    properties.set("subnets", subnets);
    if (!properties.has("resourceGuid")) {
      properties.put("resourceGuid", UUID.randomUUID().toString());
    }
    if (!properties.has("enableDdosProtection")) {
      properties.put("enableDdosProtection", false);
    }
    properties.withArrayProperty("virtualNetworkPeerings");
    properties.put("provisioningState", "Updating");
    context.store().put(id, network);
    return context.acceptWrite(
        request,
        existing.isEmpty(),
        id,
        NAMESPACE,
        location,
        () -> setState(network, "Succeeded"),
        failure -> setState(network, "Failed"),
        network::deepCopy);
  }

  private ArmResponse patchTags(ArmRequest request, ObjectNode network) {
    ObjectNode body = Json.requireObject(request.body());
    TrackedResources.requireValidTags(body.get("tags"));
    if (body.has("tags")) {
      network.set("tags", body.get("tags"));
    }
    network.put("etag", etag());
    context.store().save();
    return ArmResponse.of(200, network.deepCopy());
  }

  private ArmResponse delete(ArmRequest request, String id, Optional<ObjectNode> existing) {
    if (existing.isEmpty()) {
      return ArmResponse.empty(204);
    }
    ObjectNode network = existing.get();
    context.requireNoOperationInProgress(id, network.path("name").asText());
    for (JsonNode subnet : Json.properties(network).withArrayProperty("subnets")) {
      requireUnused(subnet.path("id").asText(), subnet.path("name").asText());
    }
    Json.properties(network).put("provisioningState", "Deleting");
    return context.acceptDelete(
        request,
        id,
        NAMESPACE,
        network.path("location").asText(),
        200,
        () -> context.store().remove(id),
        failure -> Json.properties(network).put("provisioningState", "Failed"));
  }

  private ArmResponse putSubnet(
      ArmRequest request, ObjectNode network, ArrayNode subnets, int index, String name) {
    ObjectNode body = Json.requireObject(request.body());
    requireSubnetName(name);
    String networkId = network.get("id").asText();
    context.requireNoOperationInProgress(networkId, network.path("name").asText());
    ObjectNode built = buildSubnet(networkId, name, body.path("properties"));
    Cidr range = subnetRange(networkId, name, built);
    requireInside(addressSpace(networkId, network.path("properties")), range, name, networkId);
    Map<String, Cidr> others = new LinkedHashMap<>();
    for (JsonNode subnet : subnets) {
      String other = subnet.path("name").asText();
      if (!other.equalsIgnoreCase(name)) {
        others.put(other, subnetRange(networkId, other, (ObjectNode) subnet));
      }
    }
    requireNoOverlap(others, name, range, networkId);
    built.withObjectProperty("properties").put("provisioningState", "Updating");
    if (index < 0) {
      subnets.add(built);
    } else {
      subnets.set(index, built);
    }
    network.put("etag", etag());
    return context.acceptWrite(
        request,
        index < 0,
        networkId,
        NAMESPACE,
        network.path("location").asText(),
        () -> built.withObjectProperty("properties").put("provisioningState", "Succeeded"),
        failure -> built.withObjectProperty("properties").put("provisioningState", "Failed"),
        built::deepCopy);
  }

  private ArmResponse deleteSubnet(
      ArmRequest request, ObjectNode network, ArrayNode subnets, int index, String name) {
    if (index < 0) {
      return ArmResponse.empty(204);
    }
    String networkId = network.get("id").asText();
    context.requireNoOperationInProgress(networkId, network.path("name").asText());
    requireUnused(subnets.get(index).path("id").asText(), name);
    ObjectNode subnet = (ObjectNode) subnets.get(index);
    subnet.withObjectProperty("properties").put("provisioningState", "Deleting");
    return context.acceptDelete(
        request,
        networkId,
        NAMESPACE,
        network.path("location").asText(),
        200,
        () -> {
          int current = indexOf(subnets, name);
          if (current >= 0) {
            subnets.remove(current);
          }
        },
        failure -> subnet.withObjectProperty("properties").put("provisioningState", "Failed"));
  }

  private void requireUnused(String subnetId, String name) {
    for (ObjectNode cluster : context.store().ofType(ManagedClusters.TYPE)) {
      for (String used : ManagedClusters.subnetsInUse(cluster)) {
        if (used.equalsIgnoreCase(subnetId)) {
          throw new ArmException(
              400,
              "InUseSubnetCannotBeDeleted",
              "Subnet " + name + " is in use by " + cluster.path("id").asText()
                  + " and cannot be deleted. In order to delete the subnet, delete all the"
                  + " resources within the subnet.");
        }
      }
    }
  }

  private static ObjectNode buildSubnet(String networkId, String name, JsonNode requested) {
    ObjectNode subnet = Json.object();
    subnet.put("name", name);
    subnet.put("id", networkId + "/subnets/" + name);
    subnet.put("etag", etag());
    subnet.put("type", SUBNET_TYPE);
    ObjectNode properties = subnet.putObject("properties");
    if (requested.isObject()) {
      Json.mergeInto(properties, requested);
    }
    if (!properties.has("privateEndpointNetworkPolicies")) {
      properties.put("privateEndpointNetworkPolicies", "Disabled");
    }
    if (!properties.has("privateLinkServiceNetworkPolicies")) {
      properties.put("privateLinkServiceNetworkPolicies", "Enabled");
    }
    properties.withArrayProperty("delegations");
    properties.put("provisioningState", "Succeeded");
    return subnet;
  }

  private static List<Cidr> addressSpace(String id, JsonNode properties) {
    JsonNode prefixes = properties.path("addressSpace").path("addressPrefixes");
    if (!prefixes.isArray() || prefixes.isEmpty()) {
      throw ArmException.invalidParameter(
          "properties.addressSpace.addressPrefixes",
          "Virtual network " + id + " must have at least one address prefix in"
              + " properties.addressSpace.addressPrefixes.");
    }
    List<Cidr> space = new ArrayList<>();
    for (JsonNode prefix : prefixes) {
      space.add(parse(prefix.asText(), id));
    }
    return space;
  }

  private static Cidr subnetRange(String networkId, String name, ObjectNode subnet) {
    JsonNode properties = subnet.path("properties");
    String prefix = properties.path("addressPrefix").asText("");
    if (prefix.isEmpty() && properties.path("addressPrefixes").isArray()
        && !properties.path("addressPrefixes").isEmpty()) {
      prefix = properties.path("addressPrefixes").get(0).asText();
    }
    if (prefix.isEmpty()) {
      throw ArmException.invalidParameter(
          "properties.addressPrefix",
          "Subnet " + name + " of " + networkId + " has no addressPrefix.");
    }
    return parse(prefix, networkId + "/subnets/" + name);
  }

  private static Cidr parse(String prefix, String owner) {
    return Cidr.parse(prefix)
        .orElseThrow(
            () ->
                new ArmException(
                    400,
                    "InvalidCIDRNotation",
                    "The address prefix " + prefix + " in resource " + owner + " has an invalid"
                        + " CIDR notation. Use an aligned IPv4 range such as 10.224.0.0/16."));
  }

  private static void requireInside(List<Cidr> space, Cidr range, String name, String networkId) {
    for (Cidr block : space) {
      if (block.contains(range)) {
        return;
      }
    }
    throw new ArmException(
        400,
        "NetcfgSubnetRangeOutsideVnet",
        "Subnet '" + name + "' is not valid because its IP address range is outside the IP"
            + " address range of virtual network '" + networkId + "'.");
  }

  private static void requireNoOverlap(
      Map<String, Cidr> others, String name, Cidr range, String networkId) {
    for (Map.Entry<String, Cidr> other : others.entrySet()) {
      if (other.getValue().overlaps(range)) {
        throw new ArmException(
            400,
            "NetcfgSubnetRangesOverlap",
            "Subnet '" + name + "' is not valid in virtual network '" + networkId + "' because"
                + " its IP address range overlaps with that of subnet '" + other.getKey()
                + "'.");
      }
    }
  }

  private static void requireSubnetName(String name) {
    if (!SUBNET_NAME.matcher(name).matches()) {
      throw ArmException.invalidParameter(
          "name",
          "Subnet name '" + name + "' is invalid: use 1-80 letters, digits, underscores,"
              + " periods and hyphens, starting with a letter or digit.");
    }
  }

  private static void setState(ObjectNode network, String state) {
    Json.properties(network).put("provisioningState", state);
  }

  private static int indexOf(ArrayNode subnets, String name) {
    for (int i = 0; i < subnets.size(); i++) {
      if (subnets.get(i).path("name").asText().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static ArmException subnetNotFound(String network, String name) {
    return new ArmException(
        404,
        "NotFound",
        "Resource /virtualNetworks/" + network + "/subnets/" + name + " not found.");
  }

  private static ObjectNode require(Optional<ObjectNode> existing, String name, String group) {
    return existing.orElseThrow(() -> ArmContext.resourceNotFound(TYPE, name, group));
  }

  private static String etag() {
    return "W/\"" + UUID.randomUUID() + "\"";
  }
}
