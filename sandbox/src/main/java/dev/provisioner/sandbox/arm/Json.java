package dev.provisioner.sandbox.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON helpers shared by the resource handlers. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Returns the request body as an object, or ARM's 400 {@code InvalidRequestContent} when it
   * is missing or not a JSON object.
   */
  static ObjectNode requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ArmException(
          400,
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: expected a JSON"
              + " object.");
    }
    return ((ObjectNode) body).deepCopy();
  }

  /** Returns {@code node.properties}, creating it when absent. */
  static ObjectNode properties(ObjectNode node) {
    JsonNode properties = node.get("properties");
    if (properties instanceof ObjectNode object) {
      return object;
    }
    return node.putObject("properties");
  }

  /** Copies every field of {@code source} over {@code target}, recursing into objects. */
  static void mergeInto(ObjectNode target, JsonNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        mergeInto(existingObject, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  /** Sets {@code field} to {@code value} when it is absent, null or empty. */
  static void putDefault(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field) || node.get(field).asText().isEmpty()) {
      node.put(field, value);
    }
  }

  /** Sets {@code field} to {@code value} when it is absent or null. */
  static void putDefaultBoolean(ObjectNode node, String field, boolean value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }

  /** Reads a text field, or {@code fallback} when absent or null. */
  static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? fallback : value.asText();
  }
}
