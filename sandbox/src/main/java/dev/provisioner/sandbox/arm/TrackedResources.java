package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules ARM applies to every tracked resource (one with a location) before its resource
 * provider sees the request: id layout, name, location, tags, and the envelope fields.
 */
final class TrackedResources {

  private TrackedResources() {}

  /** Returns {@code /subscriptions/{s}/resourceGroups/{rg}/providers/{type}/{name}}. */
  static String id(ArmContext context, String resourceGroup, String type, String name) {
    return context.resourceGroupId(resourceGroup) + "/providers/" + type + "/" + name;
  }

  /**
   * Looks up a resource for a request in the order ARM checks: api-version first (against the
   * stored resource's location), then the resource group.
   */
  static Optional<ObjectNode> prepare(
      ArmContext context, ArmRequest request, String apiType, String resourceGroup, String id) {
    Optional<ObjectNode> existing = context.store().get(id);
    ApiVersions.check(
        request, apiType, existing.map(r -> r.path("location").asText()).orElse("eastus"));
    context.requireResourceGroup(resourceGroup);
    return existing;
  }

  /** Checks a name against a resource type's pattern, answering 400 {@code InvalidParameter}. */
  static void requireName(String name, Pattern pattern, String type, String rule) {
    if (!pattern.matcher(name).matches()) {
      throw ArmException.invalidParameter(
          "name",
          "Resource name '" + name + "' is invalid for type '" + type + "': " + rule + ".");
    }
  }

  /**
   * Checks the location of a create or update: offered, and for an existing resource equal to
   * its current one (ARM answers 409 {@code InvalidResourceLocation}).
   */
  static String requireLocation(
      ObjectNode body, Optional<ObjectNode> existing, String type, String resourceGroup) {
    String location = Locations.require(Json.text(body, "location", null), type);
    if (existing.isPresent()) {
      String current = existing.get().path("location").asText();
      if (!current.equals(location)) {
        throw new ArmException(
            409,
            "InvalidResourceLocation",
            "The resource '" + existing.get().path("name").asText() + "' already exists in"
                + " location '" + current + "' in resource group '" + resourceGroup + "'. A"
                + " resource with the same name cannot be created in location '" + location
                + "'. Please select a new resource name.");
      }
    }
    return location;
  }

  /**
   * Checks tags as ARM does for every resource: an object of at most 50 string values, names of
   * 1-512 characters without {@code < > % & \ ? /}, values of at most 256 characters.
   */
  static void requireValidTags(JsonNode tags) {
    if (tags == null || tags.isNull() || tags.isMissingNode()) {
      return;
    }
    if (!tags.isObject()) {
      throw ArmException.invalidParameter("tags", "Tags must be an object of names to values.");
    }
    if (tags.size() > 50) {
      throw ArmException.invalidParameter(
          "tags", "A resource can have at most 50 tags; the request has " + tags.size() + ".");
    }
    tags.fields().forEachRemaining(tag -> {
      String name = tag.getKey();
      if (TAG_RESERVED.matcher(name).find()) {
        throw new ArmException(
            400,
            "InvalidTagNameCharacters",
            "The tag names '" + name + "' have reserved characters '<,>,%,&,\\,?,/' or control"
                + " characters.");
      }
      if (name.isEmpty() || name.length() > 512 || tag.getValue().asText().length() > 256) {
        throw ArmException.invalidParameter(
            "tags",
            "Tag '" + name + "' is invalid: names have 1-512 characters and values at most"
                + " 256.");
      }
    });
  }

  private static final Pattern TAG_RESERVED = Pattern.compile("[<>%&\\\\?/\\p{Cntrl}]");

  /** Fills the envelope of a stored resource: id, name, type, location and tags. */
  static void fillEnvelope(
      ObjectNode resource, ObjectNode body, String id, String name, String type, String location) {
    requireValidTags(body.get("tags"));
    resource.put("id", id);
    resource.put("name", name);
    resource.put("type", type);
    resource.put("location", location);
    if (body.has("tags") && !body.get("tags").isNull()) {
      resource.set("tags", body.get("tags"));
    } else if (!resource.has("tags")) {
      resource.putObject("tags");
    }
  }

  /** Returns {@code {"value": [...]}} of copies of the resources of {@code type} in a group. */
  static ObjectNode list(ArmContext context, String resourceGroup, String type) {
    ObjectNode body = Json.object();
    ArrayNode values = body.putArray("value");
    for (ObjectNode resource : context.store().under(context.resourceGroupId(resourceGroup))) {
      if (resource.path("type").asText().equalsIgnoreCase(type)) {
        values.add(resource.deepCopy());
      }
    }
    return body;
  }

  /** Reads the provisioning state of a stored resource. */
  static String provisioningState(ObjectNode resource) {
    return resource.path("properties").path("provisioningState").asText();
  }
}
