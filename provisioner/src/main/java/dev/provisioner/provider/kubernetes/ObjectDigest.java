package dev.provisioner.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The digest that stands for the fields this tool applies to one object, so that a plan can show
 * a change without storing whole objects in state.
 *
 * <p>Both sides go through the same normalization before hashing: the object as the manifest
 * gives it, and the live object cut down to the fields the {@code provisioner} field manager owns.
 * Identity fields ({@code apiVersion}, {@code kind}, name, namespace) are left out because the
 * digest map is keyed by identity and {@code managedFields} never lists them. Nulls, empty maps
 * and empty lists are dropped because an API server may keep or drop them. Scalars are compared
 * as text, because an API server may return {@code "1"} for a quantity written as {@code 1}.
 *
 * <p>NOTE: an API server also rewrites some values into a canonical form, for example the
 * quantity {@code 0.5} as {@code 500m}. Such a value written in another form shows as drift on
 * every plan until the manifest uses the canonical form. The sandbox stores values as written.
 */
public final class ObjectDigest {

  private ObjectDigest() {}

  /** Returns the hex SHA-256 of the normalized {@code object}. */
  public static String of(JsonNode object) {
    StringBuilder canonical = new StringBuilder();
    JsonNode normalized = normalize(withoutIdentity(object));
    write(normalized == null ? JsonNodeFactory.instance.objectNode() : normalized, canonical);
    return Digests.sha256(canonical.toString());
  }

  private static JsonNode withoutIdentity(JsonNode object) {
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    copy.remove("apiVersion");
    copy.remove("kind");
    copy.remove("status");
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode meta) {
      meta.remove("name");
      meta.remove("namespace");
    }
    return copy;
  }

  /** Returns {@code node} without nulls and empty containers, or null when nothing is left. */
  static JsonNode normalize(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = normalize(field.getValue());
        if (value != null) {
          result.set(field.getKey(), value);
        }
      }
      return result.isEmpty() ? null : result;
    }
    if (node.isArray()) {
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : node) {
        JsonNode value = normalize(item);
        if (value != null) {
          result.add(value);
        }
      }
      return result.isEmpty() ? null : result;
    }
    return TextNode.valueOf(node.asText());
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(TextNode.valueOf(names.get(i)).toString()).append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else {
      out.append(node.toString());
    }
  }
}
