package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads typed values out of {@link YamlNode}s, failing with the node's position. */
final class YamlFields {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private YamlFields() {}

  /**
   * Returns {@code node} as a mapping; YAML null (a key with nothing after it) reads as an empty
   * mapping.
   *
   * @param what how messages name the node, for example "resource 'aks'"
   */
  static YamlNode.Mapping mapping(YamlNode node, String what) {
    if (node instanceof YamlNode.Mapping mapping) {
      return mapping;
    }
    if (node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
      return new YamlNode.Mapping(Map.of(), Map.of(), node.position());
    }
    throw new ConfigException(node.position(),
        what + " must be a mapping, but it is " + node.describe(),
        "write 'key: value' pairs under it");
  }

  /** Returns the entry {@code key} of {@code mapping} as a mapping, empty when absent. */
  static YamlNode.Mapping mapping(YamlNode.Mapping parent, String key, String what) {
    YamlNode node = parent.entries().get(key);
    if (node == null) {
      return new YamlNode.Mapping(Map.of(), Map.of(), parent.keyPosition(key));
    }
    return mapping(node, what);
  }

  /**
   * Rejects keys of {@code mapping} outside {@code allowed}, suggesting the closest.
   *
   * @param noun how messages name a key, for example "top-level key"
   * @param context where the mapping is, for example " in resource 'aks'", may be empty
   */
  static void checkKeys(YamlNode.Mapping mapping, Collection<String> allowed, String noun,
      String context) {
    for (String key : mapping.entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(mapping.keyPosition(key),
            "unknown " + noun + " '" + key + "'" + context,
            Suggestions.fix(key, allowed, "key"));
      }
    }
  }

  /** Returns the string at {@code key}, or empty when absent or null. */
  static Optional<String> optionalString(YamlNode.Mapping mapping, String key, String what) {
    YamlNode node = mapping.entries().get(key);
    if (node == null || (node instanceof YamlNode.Scalar scalar && scalar.isNull())) {
      return Optional.empty();
    }
    if (node instanceof YamlNode.Scalar scalar && scalar.value().isTextual()) {
      return Optional.of(scalar.value().asText());
    }
    throw new ConfigException(node.position(),
        what + " must be a string, but it is " + node.describe(), "write a string");
  }

  /** Returns the string at {@code key}, which must be present. */
  static String requiredString(YamlNode.Mapping mapping, String key, String what, String fix) {
    return optionalString(mapping, key, what).orElseThrow(() ->
        new ConfigException(mapping.position(), "missing " + what, fix));
  }

  /** Returns the boolean at {@code key}, or {@code fallback} when absent. */
  static boolean optionalBoolean(YamlNode.Mapping mapping, String key, String what,
      boolean fallback) {
    YamlNode node = mapping.entries().get(key);
    if (node == null || (node instanceof YamlNode.Scalar scalar && scalar.isNull())) {
      return fallback;
    }
    if (node instanceof YamlNode.Scalar scalar && scalar.value().isBoolean()) {
      return scalar.value().asBoolean();
    }
    throw new ConfigException(node.position(),
        what + " must be true or false, but it is " + node.describe(), "write true or false");
  }

  /** Returns {@code node} as plain JSON, without interpreting {@code ${...}}. */
  static JsonNode toJson(YamlNode node) {
    if (node instanceof YamlNode.Scalar scalar) {
      return scalar.value();
    }
    if (node instanceof YamlNode.Sequence sequence) {
      ArrayNode array = JSON.arrayNode();
      sequence.items().forEach(item -> array.add(toJson(item)));
      return array;
    }
    ObjectNode object = JSON.objectNode();
    ((YamlNode.Mapping) node).entries().forEach((key, value) -> object.set(key, toJson(value)));
    return object;
  }

  /** Returns the strings of a list node, each with its position. */
  static List<YamlNode.Scalar> stringList(YamlNode node, String what) {
    if (node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
      return List.of();
    }
    if (!(node instanceof YamlNode.Sequence sequence)) {
      throw new ConfigException(node.position(),
          what + " must be a list of strings, but it is " + node.describe(),
          "write [a, b] or one '- item' per line");
    }
    for (YamlNode item : sequence.items()) {
      if (!(item instanceof YamlNode.Scalar scalar) || !scalar.value().isTextual()) {
        throw new ConfigException(item.position(),
            what + " must hold strings, but this item is " + item.describe(),
            "write the item as a string");
      }
    }
    return sequence.items().stream().map(item -> (YamlNode.Scalar) item).toList();
  }
}
