package dev.provisioner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provisioner.provider.Values;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Walks and evaluates {@link Expr} trees. */
public final class Expressions {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Expressions() {}

  /** Supplies the attributes of other resources while an expression is evaluated. */
  @FunctionalInterface
  public interface AttributeLookup {

    /**
     * Returns the attributes of the resource at {@code address}: known ones as values, the others
     * as {@link Values#unknown()}. Returns empty when the resource is not in the stack.
     */
    Optional<ObjectNode> attributes(ResourceAddress address);
  }

  /** Adds the address of every resource that {@code expr} references to {@code into}. */
  public static void collectReferences(Expr expr, Collection<ResourceAddress> into) {
    // Java 17 has no pattern matching for switch, so the sealed cases are tested in turn.
    if (expr instanceof Expr.Reference reference) {
      into.add(reference.target());
    } else if (expr instanceof Expr.Template template) {
      template.parts().forEach(part -> collectReferences(part, into));
    } else if (expr instanceof Expr.ListExpr list) {
      list.items().forEach(item -> collectReferences(item, into));
    } else if (expr instanceof Expr.ObjectExpr object) {
      object.fields().values().forEach(value -> collectReferences(value, into));
    }
  }

  /**
   * Returns whether {@code expr} contains a value taken from a sensitive variable or module input,
   * anywhere inside it.
   */
  public static boolean holdsSensitiveValue(Expr expr) {
    if (expr instanceof Expr.Literal literal) {
      return literal.sensitive();
    }
    if (expr instanceof Expr.Template template) {
      return template.parts().stream().anyMatch(Expressions::holdsSensitiveValue);
    }
    if (expr instanceof Expr.ListExpr list) {
      return list.items().stream().anyMatch(Expressions::holdsSensitiveValue);
    }
    if (expr instanceof Expr.ObjectExpr object) {
      return object.fields().values().stream().anyMatch(Expressions::holdsSensitiveValue);
    }
    return false;
  }

  /**
   * Evaluates {@code expr}. A reference into an unknown value is unknown; a template with an
   * unknown part is unknown; a whole-resource reference yields the resource's attributes with
   * its address added under {@code address}.
   *
   * @throws ConfigException when a reference names an attribute the resource does not have once
   *     its attributes are known, or indexes past the end of a list
   */
  public static JsonNode evaluate(Expr expr, AttributeLookup lookup) {
    if (expr instanceof Expr.Literal literal) {
      return literal.value().deepCopy();
    }
    if (expr instanceof Expr.Reference reference) {
      return resolve(reference, lookup);
    }
    if (expr instanceof Expr.Template template) {
      return join(template, lookup);
    }
    if (expr instanceof Expr.ListExpr list) {
      ArrayNode array = JSON.arrayNode();
      list.items().forEach(item -> array.add(evaluate(item, lookup)));
      return array;
    }
    Expr.ObjectExpr object = (Expr.ObjectExpr) expr;
    ObjectNode result = JSON.objectNode();
    for (Map.Entry<String, Expr> field : object.fields().entrySet()) {
      result.set(field.getKey(), evaluate(field.getValue(), lookup));
    }
    return result;
  }

  private static JsonNode resolve(Expr.Reference reference, AttributeLookup lookup) {
    ObjectNode attributes = lookup.attributes(reference.target())
        .orElseThrow(() -> new ConfigException(reference.position(),
            "reference to undefined resource '" + reference.target() + "'",
            "declare the resource or correct the name"));
    if (reference.path().isEmpty()) {
      ObjectNode whole = attributes.deepCopy();
      whole.put("address", reference.target().toString());
      return whole;
    }
    JsonNode current = attributes;
    StringBuilder walked = new StringBuilder(reference.target().toString());
    for (Expr.PathStep step : reference.path()) {
      if (Values.isUnknown(current)) {
        return Values.unknown();
      }
      if (step instanceof Expr.PathStep.Field field) {
        walked.append('.').append(field.name());
        JsonNode next = current.get(field.name());
        if (next == null || next.isNull()) {
          throw new ConfigException(reference.position(),
              "'" + walked + "' has no value",
              "check the attribute name against the resource type's schema");
        }
        current = next;
      } else {
        int index = ((Expr.PathStep.Index) step).index();
        walked.append('[').append(index).append(']');
        if (!current.isArray() || index >= current.size()) {
          throw new ConfigException(reference.position(),
              "'" + walked + "' is out of range",
              "use an index below the list's size");
        }
        current = current.get(index);
      }
    }
    return Values.isUnknown(current) ? Values.unknown() : current.deepCopy();
  }

  private static JsonNode join(Expr.Template template, AttributeLookup lookup) {
    StringBuilder text = new StringBuilder();
    for (Expr part : template.parts()) {
      JsonNode value = evaluate(part, lookup);
      if (Values.containsUnknown(value)) {
        return Values.unknown();
      }
      text.append(value.isTextual() ? value.asText() : value.toString());
    }
    return JSON.textNode(text.toString());
  }
}
