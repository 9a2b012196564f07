package dev.provisioner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Helpers for attribute trees: value equality that ignores how a number was parsed, and reading
 * and writing values at attribute paths written in dot notation ({@code network.plugin}).
 */
public final class JsonValues {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  // Jackson's IntNode(3) and LongNode(3) are not equal, but a value read back from an API as a
  // long must match the int the stack wrote, so numbers are compared by value.
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private JsonValues() {}

  /**
   * Returns whether two values are the same. A missing value and JSON null are the same; numbers
   * compare by value; an unknown value equals nothing.
   */
  public static boolean same(JsonNode a, JsonNode b) {
    boolean aAbsent = a == null || a.isNull() || a.isMissingNode();
    boolean bAbsent = b == null || b.isNull() || b.isMissingNode();
    if (aAbsent || bAbsent) {
      return aAbsent && bAbsent;
    }
    if (Values.containsUnknown(a) || Values.containsUnknown(b)) {
      return false;
    }
    return a.equals(NUMBERS_BY_VALUE, b);
  }

  /** Splits a dot path into its field names; {@code a.b} gives {@code [a, b]}. */
  public static List<String> steps(String path) {
    return List.of(path.split("\\."));
  }

  /** Returns the value at {@code path} below {@code root}, if there is one. */
  public static Optional<JsonNode> get(JsonNode root, String path) {
    JsonNode current = root;
    for (String step : steps(path)) {
      if (current == null || !current.isObject()) {
        return Optional.empty();
      }
      current = current.get(step);
    }
    return Optional.ofNullable(current).filter(node -> !node.isMissingNode());
  }

  /** Sets {@code value} at {@code path}, creating objects on the way; empty removes it. */
  public static void put(ObjectNode root, String path, Optional<JsonNode> value) {
    List<String> steps = steps(path);
    ObjectNode current = root;
    for (String step : steps.subList(0, steps.size() - 1)) {
      JsonNode next = current.get(step);
      if (next == null || !next.isObject()) {
        if (value.isEmpty()) {
          return;
        }
        next = current.putObject(step);
      }
      current = (ObjectNode) next;
    }
    String last = steps.get(steps.size() - 1);
    if (value.isPresent()) {
      current.set(last, value.get().deepCopy());
    } else {
      current.remove(last);
    }
  }

  /** Returns the paths of every unknown value in {@code node}, relative to {@code prefix}. */
  public static List<String> unknownPaths(JsonNode node, String prefix) {
    List<String> result = new ArrayList<>();
    collectUnknown(node, prefix, result);
    return result;
  }

  private static void collectUnknown(JsonNode node, String path, List<String> into) {
    if (Values.isUnknown(node)) {
      into.add(path);
    } else if (node.isObject()) {
      node.fields().forEachRemaining(field ->
          collectUnknown(field.getValue(), join(path, field.getKey()), into));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUnknown(node.get(i), path + "[" + i + "]", into);
      }
    }
  }

  /** Returns a copy of {@code node} with every unknown value replaced by JSON null. */
  public static JsonNode withoutUnknown(JsonNode node) {
    if (Values.isUnknown(node)) {
      return JSON.nullNode();
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.objectNode();
      node.fields().forEachRemaining(f -> copy.set(f.getKey(), withoutUnknown(f.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.arrayNode();
      node.forEach(item -> copy.add(withoutUnknown(item)));
      return copy;
    }
    return node;
  }

  /** Joins a parent path and a field name. */
  public static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }
}
