package dev.provisioner.sandbox.arm;

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

  /** Fills the envelope of a stored resource: id, name, type, location and tags. */
  static void fillEnvelope(
      ObjectNode resource, ObjectNode body, String id, String name, String type, String location) {
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
