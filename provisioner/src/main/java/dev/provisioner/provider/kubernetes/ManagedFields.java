package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cuts a live object down to the fields one field manager owns, as its {@code managedFields}
 * entries record them in the {@code FieldsV1} format: {@code f:<name>} for a map field,
 * {@code k:<json>} for a list item identified by its key fields, {@code v:<json>} for an item of
 * a set, and {@code .} for the item itself (Kubernetes API concepts, "Server-Side Apply").
 */
public final class ManagedFields {

  /** The field manager this tool applies as. */
  public static final String MANAGER = "provisioner";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManagedFields() {}

  /**
   * Returns the part of {@code live} that {@code manager} owns through server-side apply, or
   * empty when the manager owns nothing in it.
   */
  public static Optional<ObjectNode> project(JsonNode live, String manager) {
    ObjectNode owned = JsonNodeFactory.instance.objectNode();
    boolean found = false;
    for (JsonNode entry : live.path("metadata").path("managedFields")) {
      if (!manager.equals(entry.path("manager").asText())
          || !"Apply".equals(entry.path("operation").asText())) {
        continue;
      }
      found = true;
      JsonNode part = projectValue(live, entry.path("fieldsV1"));
      if (part instanceof ObjectNode object) {
        merge(owned, object);
      }
    }
    return found ? Optional.of(owned) : Optional.empty();
  }

  private static JsonNode projectValue(JsonNode value, JsonNode fields) {
    if (!hasChildren(fields)) {
      return value.deepCopy();
    }
    if (value.isObject()) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        if (!entry.getKey().startsWith("f:")) {
          continue;
        }
        String name = entry.getKey().substring(2);
        JsonNode child = value.get(name);
        if (child != null) {
          result.set(name, projectValue(child, entry.getValue()));
        }
      }
      return result;
    }
    if (value.isArray()) {
      return projectList((ArrayNode) value, fields);
    }
    return value.deepCopy();
  }

  private static JsonNode projectList(ArrayNode list, JsonNode fields) {
    List<Map.Entry<JsonNode, JsonNode>> keyed = new ArrayList<>();
    List<JsonNode> values = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String name = entry.getKey();
      if (name.startsWith("k:")) {
        keyed.add(Map.entry(parse(name.substring(2)), entry.getValue()));
      } else if (name.startsWith("v:")) {
        values.add(parse(name.substring(2)));
      }
    }
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : list) {
      if (values.contains(item)) {
        result.add(item.deepCopy());
        continue;
      }
      for (Map.Entry<JsonNode, JsonNode> key : keyed) {
        if (matches(item, key.getKey())) {
          result.add(projectValue(item, key.getValue()));
          break;
        }
      }
    }
    return result;
  }

  /**
   * Returns whether a list item has the key fields of {@code key}. A key field the item lacks
   * matches: the API server keys items by defaulted fields ({@code protocol: TCP} of a port)
   * that a stored object may not show.
   */
  private static boolean matches(JsonNode item, JsonNode key) {
    Iterator<Map.Entry<String, JsonNode>> fields = key.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode actual = item.get(field.getKey());
      if (actual != null && !actual.asText().equals(field.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasChildren(JsonNode fields) {
    Iterator<String> names = fields.fieldNames();
    while (names.hasNext()) {
      if (!names.next().equals(".")) {
        return true;
      }
    }
    return false;
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject
          && field.getValue() instanceof ObjectNode sourceObject) {
        merge(existingObject, sourceObject);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid key in managedFields: " + json, e);
    }
  }
}
