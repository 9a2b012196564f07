package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * JSON merge patch (RFC 7386) and strategic merge patch, which merges lists the way the API's Go
 * types declare ({@code patchMergeKey}) and understands the {@code $patch}, {@code $retainKeys} and
 * {@code $deleteFromPrimitiveList} directives.
 */
final class Patches {

  private static final String DIRECTIVE = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

  private Patches() {}

  /** Applies a JSON merge patch to a copy of {@code target}. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? target.deepCopy() : Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** Applies a strategic merge patch to a copy of {@code target}. */
  static ObjectNode strategicMergePatch(ObjectNode target, JsonNode patch, SchemaContext context) {
    ObjectNode result = target.deepCopy();
    strategicMerge(result, patch, context);
    return result;
  }

  private static void strategicMerge(ObjectNode target, JsonNode patch, SchemaContext context) {
    if (patch.path(DIRECTIVE).asText("").equals("replace")) {
      target.removeAll();
      patch
          .fields()
          .forEachRemaining(
              field -> {
                if (!field.getKey().equals(DIRECTIVE)) {
                  target.set(field.getKey(), field.getValue().deepCopy());
                }
              });
      return;
    }
    if (patch.has(RETAIN_KEYS)) {
      Set<String> retained = new HashSet<>();
      patch.get(RETAIN_KEYS).forEach(key -> retained.add(key.asText()));
      target.retain(retained);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals(DIRECTIVE)
          || name.equals(RETAIN_KEYS)
          || name.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (name.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        String listName = name.substring(DELETE_FROM_PRIMITIVE_LIST.length());
        if (target.get(listName) instanceof ArrayNode list) {
          for (JsonNode unwanted : value) {
            int index = ObjectMerge.indexOf(list, unwanted, ListType.SET);
            if (index >= 0) {
              list.remove(index);
            }
          }
        }
        continue;
      }
      JsonNode existing = target.get(name);
      SchemaContext child = context.field(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject() && existing instanceof ObjectNode existingObject) {
        strategicMerge(existingObject, value, child);
      } else if (value.isArray() && existing instanceof ArrayNode existingArray) {
        target.set(name, mergeList(existingArray, (ArrayNode) value, child));
      } else {
        target.set(name, withoutDirectives(value));
      }
    }
  }

  private static ArrayNode mergeList(ArrayNode live, ArrayNode patch, SchemaContext context) {
    ListType type = context.listType();
    if (type.kind() == ListType.Kind.ATOMIC) {
      return (ArrayNode) withoutDirectives(patch);
    }
    for (JsonNode item : patch) {
      if (item.path(DIRECTIVE).asText("").equals("replace")) {
        ArrayNode replaced = patch.arrayNode();
        patch.forEach(
            other -> {
              if (!other.path(DIRECTIVE).asText("").equals("replace")) {
                replaced.add(withoutDirectives(other));
              }
            });
        return replaced;
      }
    }
    ArrayNode result = live.deepCopy();
    for (JsonNode item : patch) {
      int index = ObjectMerge.indexOf(result, item, type);
      boolean delete = item.path(DIRECTIVE).asText("").equals("delete");
      if (delete) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index < 0) {
        result.add(withoutDirectives(item));
      } else if (type.kind() == ListType.Kind.MAP
          && result.get(index) instanceof ObjectNode existing) {
        strategicMerge(existing, item, context.item());
      }
    }
    return result;
  }

  private static JsonNode withoutDirectives(JsonNode value) {
    JsonNode copy = value.deepCopy();
    if (copy instanceof ObjectNode object) {
      object.remove(DIRECTIVE);
      object.remove(RETAIN_KEYS);
    }
    return copy;
  }
}
