package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges an applied configuration into a live object the way server-side apply does: objects field
 * by field, keyed lists item by item, sets by value, everything else replaced.
 */
final class ObjectMerge {

  private ObjectMerge() {}

  /** Merges {@code applied} into a copy of {@code live} and returns the copy. */
  static ObjectNode merge(ObjectNode live, JsonNode applied, SchemaContext context) {
    ObjectNode result = live.deepCopy();
    mergeInto(result, applied, context);
    return result;
  }

  private static void mergeInto(ObjectNode target, JsonNode applied, SchemaContext context) {
    Iterator<Map.Entry<String, JsonNode>> fields = applied.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      JsonNode existing = target.get(name);
      SchemaContext child = context.field(name);
      if (value.isObject() && existing instanceof ObjectNode existingObject) {
        mergeInto(existingObject, value, child);
      } else if (value.isArray() && existing instanceof ArrayNode existingArray) {
        target.set(name, mergeList(existingArray, (ArrayNode) value, child));
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }

  private static ArrayNode mergeList(ArrayNode live, ArrayNode applied, SchemaContext context) {
    ListType type = context.listType();
    if (type.kind() == ListType.Kind.ATOMIC) {
      return applied.deepCopy();
    }
    ArrayNode result = live.deepCopy();
    for (JsonNode item : applied) {
      int index = indexOf(result, item, type);
      if (index < 0) {
        result.add(item.deepCopy());
      } else if (type.kind() == ListType.Kind.MAP
          && result.get(index) instanceof ObjectNode existing
          && item.isObject()) {
        mergeInto(existing, item, context.item());
      }
    }
    return result;
  }

  static int indexOf(ArrayNode list, JsonNode item, ListType type) {
    for (int index = 0; index < list.size(); index++) {
      JsonNode candidate = list.get(index);
      if (type.kind() == ListType.Kind.SET
          ? candidate.equals(item)
          : sameKey(candidate, item, type)) {
        return index;
      }
    }
    return -1;
  }

  private static boolean sameKey(JsonNode left, JsonNode right, ListType type) {
    for (String key : type.keys()) {
      JsonNode leftValue = SchemaContext.keyValue(left, key);
      JsonNode rightValue = SchemaContext.keyValue(right, key);
      if (leftValue == null ? rightValue != null : !leftValue.equals(rightValue)) {
        return false;
      }
    }
    return true;
  }
}
