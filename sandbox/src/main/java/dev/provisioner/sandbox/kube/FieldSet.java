package dev.provisioner.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A set of field paths as {@code metadata.managedFields[].fieldsV1} encodes them. Each path is a
 * list of elements: {@code f:NAME} for an object field, {@code k:{...}} for a keyed list item,
 * {@code v:VALUE} for an item of a set. A path in the set means the manager owns that field (for
 * list items: the item's existence).
 */
final class FieldSet {

  /** Fields of {@code metadata} that field managers own; the server sets the others. */
  private static final Set<String> OWNED_METADATA =
      Set.of("labels", "annotations", "finalizers", "ownerReferences");

  private final Set<List<String>> paths;

  FieldSet(Collection<List<String>> paths) {
    this.paths = new LinkedHashSet<>(paths);
  }

  static FieldSet empty() {
    return new FieldSet(List.of());
  }

  Set<List<String>> paths() {
    return paths;
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  boolean contains(List<String> path) {
    return paths.contains(path);
  }

  /** Whether this set owns {@code path} or a field below it. */
  boolean ownsAtOrBelow(List<String> path) {
    for (List<String> owned : paths) {
      if (owned.size() >= path.size() && owned.subList(0, path.size()).equals(path)) {
        return true;
      }
    }
    return false;
  }

  FieldSet minus(Collection<List<String>> removed) {
    FieldSet result = new FieldSet(paths);
    result.paths.removeAll(removed);
    return result;
  }

  FieldSet plus(Collection<List<String>> added) {
    FieldSet result = new FieldSet(paths);
    result.paths.addAll(added);
    return result;
  }

  /**
   * Collects the fields {@code object} sets: every leaf value, every keyed list item and every set
   * member, leaving out {@code apiVersion}, {@code kind}, server-set metadata and, when {@code
   * withStatus} is false, {@code status}.
   */
  static FieldSet of(JsonNode object, ResourceInfo resource, boolean withStatus) {
    Set<List<String>> collected = new LinkedHashSet<>();
    SchemaContext root = SchemaContext.root(resource);
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (name.equals("apiVersion") || name.equals("kind")) {
        continue;
      }
      if (name.equals("status") && !withStatus) {
        continue;
      }
      if (name.equals("metadata")) {
        collectMetadata(field.getValue(), root.field("metadata"), collected);
        continue;
      }
      collectField(field.getValue(), List.of("f:" + name), root.field(name), collected);
    }
    return new FieldSet(collected);
  }

  private static void collectMetadata(
      JsonNode metadata, SchemaContext context, Set<List<String>> collected) {
    Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (OWNED_METADATA.contains(field.getKey())) {
        collectField(
            field.getValue(),
            List.of("f:metadata", "f:" + field.getKey()),
            context.field(field.getKey()),
            collected);
      }
    }
  }

  private static void collectField(
      JsonNode value, List<String> path, SchemaContext context, Set<List<String>> collected) {
    if (value.isObject() && value.size() > 0) {
      collectObject(value, path, context, collected);
      return;
    }
    if (value.isArray() && value.size() > 0) {
      ListType type = context.listType();
      if (type.kind() == ListType.Kind.ATOMIC) {
        collected.add(path);
        return;
      }
      for (JsonNode item : value) {
        if (type.kind() == ListType.Kind.SET) {
          collected.add(append(path, "v:" + Json.write(item)));
          continue;
        }
        List<String> itemPath = append(path, itemKey(item, type));
        collected.add(itemPath);
        if (item.isObject()) {
          collectObject(item, itemPath, context.item(), collected);
        }
      }
      return;
    }
    collected.add(path);
  }

  private static void collectObject(
      JsonNode object, List<String> path, SchemaContext context, Set<List<String>> collected) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      collectField(
          field.getValue(),
          append(path, "f:" + field.getKey()),
          context.field(field.getKey()),
          collected);
    }
  }

  /**
   * The {@code k:{...}} element of a keyed list item, keys in name order as the API server writes
   * them.
   */
  static String itemKey(JsonNode item, ListType type) {
    ObjectNode key = Json.object();
    List<String> names = new ArrayList<>(type.keys());
    names.sort(null);
    for (String name : names) {
      JsonNode value = SchemaContext.keyValue(item, name);
      if (value != null) {
        key.set(name, value);
      }
    }
    return "k:" + Json.write(key);
  }

  /** Returns the value at {@code path} in {@code object}, or null when absent. */
  static JsonNode valueAt(JsonNode object, List<String> path) {
    JsonNode current = object;
    for (String element : path) {
      if (current == null) {
        return null;
      }
      current = step(current, element);
    }
    return current;
  }

  /** Removes the field, list item or set member at {@code path} from {@code object}, if present. */
  static void removeAt(JsonNode object, List<String> path) {
    JsonNode parent = valueAt(object, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode parentObject && last.startsWith("f:")) {
      parentObject.remove(last.substring(2));
    } else if (parent instanceof ArrayNode array) {
      for (int index = 0; index < array.size(); index++) {
        if (matches(array.get(index), last)) {
          array.remove(index);
          return;
        }
      }
    }
  }

  private static JsonNode step(JsonNode current, String element) {
    if (element.startsWith("f:")) {
      return current.isObject() ? current.get(element.substring(2)) : null;
    }
    if (current.isArray()) {
      for (JsonNode item : current) {
        if (matches(item, element)) {
          return item;
        }
      }
    }
    return null;
  }

  private static boolean matches(JsonNode item, String element) {
    if (element.startsWith("v:")) {
      return Json.write(item).equals(element.substring(2));
    }
    if (element.startsWith("k:")) {
      JsonNode key = Json.parse(element.substring(2));
      Iterator<Map.Entry<String, JsonNode>> fields = key.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = SchemaContext.keyValue(item, field.getKey());
        if (value == null || !value.equals(field.getValue())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Encodes this set as a {@code fieldsV1} tree. */
  ObjectNode toFieldsV1() {
    TreeNode root = new TreeNode();
    for (List<String> path : paths) {
      TreeNode node = root;
      for (String element : path) {
        node = node.children.computeIfAbsent(element, e -> new TreeNode());
      }
      node.member = true;
    }
    return root.toJson();
  }

  /** Decodes a {@code fieldsV1} tree. */
  static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    Set<List<String>> collected = new LinkedHashSet<>();
    decode(fieldsV1, new ArrayList<>(), collected);
    return new FieldSet(collected);
  }

  private static void decode(JsonNode node, List<String> path, Set<List<String>> collected) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals(".")) {
        collected.add(List.copyOf(path));
        continue;
      }
      path.add(field.getKey());
      if (field.getValue().size() == 0) {
        collected.add(List.copyOf(path));
      } else {
        decode(field.getValue(), path, collected);
      }
      path.remove(path.size() - 1);
    }
  }

  /**
   * Prints a path as the API server does in conflict messages, e.g. {@code
   * .spec.containers[name="app"].image}.
   */
  static String display(List<String> path) {
    StringBuilder text = new StringBuilder();
    for (String element : path) {
      if (element.startsWith("f:")) {
        text.append('.').append(element.substring(2));
      } else if (element.startsWith("k:")) {
        JsonNode key = Json.parse(element.substring(2));
        List<String> parts = new ArrayList<>();
        key.fields().forEachRemaining(field -> parts.add(field.getKey() + "=" + field.getValue()));
        text.append('[').append(String.join(",", parts)).append(']');
      } else if (element.startsWith("v:")) {
        text.append('[').append(element.substring(2)).append(']');
      }
    }
    return text.toString();
  }

  private static List<String> append(List<String> path, String element) {
    List<String> result = new ArrayList<>(path.size() + 1);
    result.addAll(path);
    result.add(element);
    return List.copyOf(result);
  }

  /** A node of the fieldsV1 tree; children sorted by element as the API server writes them. */
  private static final class TreeNode {
    final Map<String, TreeNode> children = new TreeMap<>();
    boolean member;

    ObjectNode toJson() {
      ObjectNode json = Json.object();
      if (member && !children.isEmpty()) {
        json.putObject(".");
      }
      children.forEach((element, child) -> json.set(element, child.toJson()));
      return json;
    }
  }
}
