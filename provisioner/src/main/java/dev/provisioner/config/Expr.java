package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A property value after variables, environment values and module inputs were substituted: what
 * is left to resolve are references to other resources' attributes, which only the planner can
 * evaluate because they may be unknown until apply.
 */
public sealed interface Expr {

  /** Returns where the value was written. */
  SourcePosition position();

  /**
   * A value with no references.
   *
   * @param value the value
   * @param position where it was written
   * @param sensitive whether it comes from a sensitive variable or module input, so that plans,
   *     state and outputs treat it as secret
   */
  record Literal(JsonNode value, SourcePosition position, boolean sensitive) implements Expr {
    public Literal {
      Objects.requireNonNull(value, "value");
    }

    /** A value that is not secret. */
    public Literal(JsonNode value, SourcePosition position) {
      this(value, position, false);
    }
  }

  /**
   * A whole-value reference, {@code ${aks}} or {@code ${net.subnets.nodes.id}}: it keeps the type
   * of the referenced value.
   *
   * @param target the referenced resource
   * @param path attribute path below the resource; empty for the whole resource
   */
  record Reference(ResourceAddress target, List<PathStep> path, SourcePosition position)
      implements Expr {
    public Reference {
      Objects.requireNonNull(target, "target");
      path = List.copyOf(path);
    }
  }

  /** A string with references inside it, {@code "https://${aks.fqdn}/"}; parts are joined. */
  record Template(List<Expr> parts, SourcePosition position) implements Expr {
    public Template {
      parts = List.copyOf(parts);
    }
  }

  /** A list whose items may hold references. */
  record ListExpr(List<Expr> items, SourcePosition position) implements Expr {
    public ListExpr {
      items = List.copyOf(items);
    }
  }

  /**
   * An object whose values may hold references; keys keep their written order.
   *
   * @param keyPositions where each key was written, so that an error about a key points at it.
   *     The map is empty for an object that was not read from YAML.
   */
  record ObjectExpr(
      Map<String, Expr> fields, Map<String, SourcePosition> keyPositions, SourcePosition position)
      implements Expr {
    public ObjectExpr {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
      keyPositions = Map.copyOf(keyPositions);
    }

    /** Creates an object without key positions. */
    public ObjectExpr(Map<String, Expr> fields, SourcePosition position) {
      this(fields, Map.of(), position);
    }

    /**
     * Returns where {@code key} was written. Without a recorded position, it returns where the
     * key's value starts, or where the object starts when the key is absent.
     */
    public SourcePosition keyPosition(String key) {
      SourcePosition written = keyPositions.get(key);
      if (written != null) {
        return written;
      }
      Expr value = fields.get(key);
      return value == null ? position : value.position();
    }
  }

  /** One step of an attribute path: a field name or a list index. */
  sealed interface PathStep {
    /** A field name step, {@code .name}. */
    record Field(String name) implements PathStep {}

    /** A list index step, {@code [0]}. */
    record Index(int index) implements PathStep {}
  }
}
