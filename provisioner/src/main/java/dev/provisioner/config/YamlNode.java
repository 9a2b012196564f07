package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of a parsed YAML document with the position it was written at. Jackson's own trees drop
 * positions, and every stack error must name {@code file:line:column}, so the loader reads YAML
 * into these nodes first.
 */
sealed interface YamlNode {

  /** Returns where the node starts. */
  SourcePosition position();

  /** Returns a short name of the node's kind for messages: "a string", "a list", .... */
  String describe();

  /** A scalar: string, number, boolean or null, typed as YAML resolved it. */
  record Scalar(JsonNode value, SourcePosition position) implements YamlNode {
    public Scalar {
      Objects.requireNonNull(value, "value");
    }

    /** Returns whether the scalar is YAML null ({@code ~}, {@code null} or nothing). */
    boolean isNull() {
      return value.isNull();
    }

    @Override
    public String describe() {
      return Variables.describe(value);
    }
  }

  /**
   * A mapping with string keys in written order.
   *
   * @param entries values by key
   * @param keyPositions where each key was written
   */
  record Mapping(
      Map<String, YamlNode> entries,
      Map<String, SourcePosition> keyPositions,
      SourcePosition position) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keyPositions = Collections.unmodifiableMap(new LinkedHashMap<>(keyPositions));
    }

    /** Returns the position of {@code key}, or of the mapping when the key is absent. */
    SourcePosition keyPosition(String key) {
      return keyPositions.getOrDefault(key, position);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record Sequence(List<YamlNode> items, SourcePosition position) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }
}
