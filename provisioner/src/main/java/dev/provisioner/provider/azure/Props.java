package dev.provisioner.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed values from attribute objects by dotted path. A missing, null or unknown value
 * reads as empty; {@link #isUnknown} tells the unknown case apart where it matters.
 */
final class Props {

  private Props() {}

  /** Returns the node at {@code path}, or empty when it is missing, null or unknown. */
  static Optional<JsonNode> node(JsonNode root, String path) {
    JsonNode current = root;
    for (String step : path.split("\\.")) {
      if (current == null || !current.isObject()) {
        return Optional.empty();
      }
      current = current.get(step);
    }
    if (current == null || current.isNull() || Values.isUnknown(current)) {
      return Optional.empty();
    }
    return Optional.of(current);
  }

  /** Returns whether the value at {@code path}, or one of its parents, is the unknown marker. */
  static boolean isUnknown(JsonNode root, String path) {
    JsonNode current = root;
    for (String step : path.split("\\.")) {
      if (Values.isUnknown(current)) {
        return true;
      }
      if (current == null || !current.isObject()) {
        return false;
      }
      current = current.get(step);
    }
    return Values.containsUnknown(current);
  }

  static Optional<String> text(JsonNode root, String path) {
    return node(root, path).filter(JsonNode::isValueNode).map(JsonNode::asText);
  }

  static Optional<Integer> integer(JsonNode root, String path) {
    return node(root, path).filter(JsonNode::isNumber).map(JsonNode::asInt);
  }

  static Optional<Boolean> bool(JsonNode root, String path) {
    return node(root, path).filter(JsonNode::isBoolean).map(JsonNode::asBoolean);
  }

  static Optional<ObjectNode> object(JsonNode root, String path) {
    return node(root, path).filter(JsonNode::isObject).map(ObjectNode.class::cast);
  }

  /** Returns the known string items of the list at {@code path}; empty when absent. */
  static List<String> strings(JsonNode root, String path) {
    List<String> result = new ArrayList<>();
    node(root, path).filter(JsonNode::isArray).ifPresent(array -> array.forEach(item -> {
      if (item.isValueNode() && !item.isNull()) {
        result.add(item.asText());
      }
    }));
    return result;
  }

  /** Returns the known string entries of the map at {@code path}, in written order. */
  static Map<String, String> stringMap(JsonNode root, String path) {
    Map<String, String> result = new LinkedHashMap<>();
    node(root, path).filter(JsonNode::isObject).ifPresent(map -> map.fields().forEachRemaining(
        entry -> {
          if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
            result.put(entry.getKey(), entry.getValue().asText());
          }
        }));
    return result;
  }

  /** Returns the string at {@code path} or throws, for values create and update rely on. */
  static String requiredText(JsonNode root, String path) {
    return text(root, path).orElseThrow(() -> new IllegalArgumentException(
        "'" + path + "' is missing; the schema requires it"));
  }

  /** Builds a JSON list of strings. */
  static JsonNode stringList(List<String> values) {
    var array = AzureFields.JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /** Builds a JSON object of strings, keeping the map's order. */
  static ObjectNode stringObject(Map<String, String> values) {
    ObjectNode object = AzureFields.JSON.objectNode();
    values.forEach(object::put);
    return object;
  }

  /** Returns {@code map}, or an empty map for the null that SDK models use for "absent". */
  static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  /** Returns {@code list}, or an empty list for the null that SDK models use for "absent". */
  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
